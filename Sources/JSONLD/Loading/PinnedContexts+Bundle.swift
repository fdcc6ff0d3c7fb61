import Foundation

extension PinnedContexts {
    /// The bytes of `Contexts/<name>` in the JSONLD module's resource bundle, or nil when it is not there.
    ///
    /// Needs the JSONLD target to declare `resources: [.copy("Resources/Contexts")]` (SwiftPM then generates
    /// `Bundle.module`); `.copy` keeps the files byte for byte, which their SHA-256 check relies on.
    static func bundledResource(named name: String) -> [UInt8]? {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Contexts"),
            let data = FileManager.default.contents(atPath: url.path)
        else { return nil }
        return Array(data)
    }
}
