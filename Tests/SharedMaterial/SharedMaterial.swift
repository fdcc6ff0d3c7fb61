import Foundation
import Testing

/// The public test material in `../shared/` beside the project (test suites and example documents written by
/// others), read in place and never copied into the project.
///
/// A user's clone has no `../shared/`: tests that need it are then skipped with ``absentNote``. Under `CI=true`
/// they run anyway and fail, so that a CI machine missing the folder is noticed rather than silently skipping.
public enum SharedMaterial {
    /// `../shared/` from the package root, located from this file so that it does not depend on the working folder.
    public static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // SharedMaterial
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .deletingLastPathComponent()  // the folder holding the package and shared/
        .appendingPathComponent("shared", isDirectory: true)

    /// True when `../shared/` exists and is a folder.
    public static var isPresent: Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// True when the environment says this is a CI run (`CI=true`), where the material must be present.
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The one message a skipped test shows.
    public static var absentNote: Comment {
        Comment(rawValue: "needs the shared test material at \(folder.path) (absent in this clone; set CI=true to fail instead)")
    }

    /// A file or folder inside `../shared/`, by its path relative to it (`openbadges/examples`, `conformance/jose`).
    public static func url(_ relativePath: String) -> URL {
        folder.appendingPathComponent(relativePath)
    }

    /// The bytes of a file inside `../shared/`.
    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(relativePath)))
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test or suite only where `../shared/` is present, or under `CI=true` (where its absence fails).
    public static var needsSharedMaterial: Self {
        .enabled(if: SharedMaterial.isPresent || SharedMaterial.isRequired, SharedMaterial.absentNote)
    }
}

/// Fails under `CI=true` when `../shared/` is missing, with a message naming the folder: the one test that
/// turns a silently skipped suite into a visible failure on CI.
public func expectSharedMaterialUnderCI(sourceLocation: SourceLocation = #_sourceLocation) {
    guard SharedMaterial.isRequired else { return }
    #expect(
        SharedMaterial.isPresent, "CI=true but the shared test material is missing at \(SharedMaterial.folder.path)", sourceLocation: sourceLocation)
}
