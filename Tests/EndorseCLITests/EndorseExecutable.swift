import EndorseTestFixtures
import Foundation

/// The built `endorse` executable, found next to the test bundle in the build folder, and a way to run it.
struct EndorseExecutable {
    let url: URL

    /// The `endorse` binary in the same build folder as this test process.
    static func locate() throws -> EndorseExecutable {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for folder in candidates {
            // The test binary may sit inside an `.xctest` bundle (Darwin) or beside the products (Linux).
            for directory in [folder, folder.deletingLastPathComponent(), folder.deletingLastPathComponent().deletingLastPathComponent()] {
                let url = directory.appendingPathComponent("endorse")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                    FileManager.default.isExecutableFile(atPath: url.path)
                {
                    return EndorseExecutable(url: url)
                }
            }
        }
        throw LocateError(searched: candidates.map(\.path))
    }

    struct LocateError: Error, CustomStringConvertible {
        var searched: [String]
        var description: String { "the endorse executable is not built next to the tests (looked in \(searched)); run `swift build` first" }
    }

    /// Runs `endorse` with `arguments` in `directory`.
    func run(_ arguments: [String], in directory: URL? = nil) throws -> ProcessRunner.Result {
        try ProcessRunner.run(url, arguments, in: directory)
    }
}
