import Foundation

/// Serves a folder of virtual hosts: `ROOT/HOST/PATH`, HOST taken from the Host header.
///
/// The convention (the sample web in `Seeds/sample-web/` follows it):
/// - HOST is the Host header lower-cased without its port; the query string is ignored for the lookup; the path is
///   percent-decoded and a path that would escape ROOT (`..`) or names a file starting with `_` answers 404.
/// - Lookup order: `ROOT/HOST/PATH`, then `ROOT/HOST/PATH.json`, then for a directory `PATH/index.html`, then
///   `PATH/index.json`; otherwise 404 with a small JSON body.
/// - `ROOT/HOST/_routes.txt` (lines `PATH STATUS [LOCATION]`, `#` comments) answers STATUS for an exact match of the
///   request path, with `Location` for 3xx; it wins over files.
/// - Files carry an `ETag` (content hash) and `Last-Modified`; `If-None-Match` / `If-Modified-Since` give 304
///   (RFC 9110 section 13.1). Content-Type follows the extension (see `contentType(forFile:contents:)`).
public struct StaticSite: LoopbackResponder {
    /// The folder holding one sub-folder per host.
    public let root: URL
    /// Added before every response.
    public var delay: Duration

    /// Serves `root`. - Parameter delay: added before every response.
    public init(root: URL, delay: Duration = .zero) {
        self.root = root.standardizedFileURL
        self.delay = delay
    }

    /// Answers one request following the convention above.
    public func respond(to request: LoopbackRequest) -> LoopbackResponse {
        response(to: request).delayed(by: delay)
    }

    private func response(to request: LoopbackRequest) -> LoopbackResponse {
        guard let host = request.host, Self.isSafeComponent(host) else { return Self.notFound }
        let hostFolder = root.appendingPathComponent(host, isDirectory: true)
        if let route = Routes(folder: hostFolder).match(request.path) {
            return route
        }
        guard let decoded = request.path.removingPercentEncoding, decoded.hasPrefix("/") else { return Self.notFound }
        let components = decoded.split(separator: "/").map(String.init)
        guard components.allSatisfy(Self.isSafeComponent) else { return Self.notFound }
        guard let file = locate(components, in: hostFolder) else { return Self.notFound }
        return serve(file, for: request)
    }

    private func locate(_ components: [String], in hostFolder: URL) -> URL? {
        var target = hostFolder
        for component in components { target.appendPathComponent(component) }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: target.path, isDirectory: &isDirectory), !isDirectory.boolValue { return target }
        if let last = components.last {
            let withJSON = target.deletingLastPathComponent().appendingPathComponent(last + ".json")
            var jsonIsDirectory: ObjCBool = false
            if manager.fileExists(atPath: withJSON.path, isDirectory: &jsonIsDirectory), !jsonIsDirectory.boolValue { return withJSON }
        }
        if manager.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue {
            for index in ["index.html", "index.json"] {
                let candidate = target.appendingPathComponent(index)
                if manager.fileExists(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }

    private func serve(_ file: URL, for request: LoopbackRequest) -> LoopbackResponse {
        guard let contents = FileManager.default.contents(atPath: file.path) else { return Self.notFound }
        let bytes = [UInt8](contents)
        let etag = Self.entityTag(bytes)
        let modified = (try? FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
        let lastModified = HTTPDate.format(modified)
        let validators: [(name: String, value: String)] = [("ETag", etag), ("Last-Modified", lastModified)]
        if let ifNoneMatch = request.header("If-None-Match") {
            let tags = ifNoneMatch.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if tags.contains("*") || tags.contains(etag) || tags.contains("W/" + etag) {
                return LoopbackResponse(status: 304, headers: validators)
            }
        } else if let since = request.header("If-Modified-Since").flatMap(HTTPDate.parse),
            modified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
        {
            return LoopbackResponse(status: 304, headers: validators)
        }
        let type = Self.contentType(forFile: file.lastPathComponent, contents: bytes)
        return LoopbackResponse(status: 200, headers: [("Content-Type", type)] + validators, body: bytes)
    }

    /// The Content-Type for a file name: `.json`/`.jsonld` -> `application/ld+json`, `.html` -> `text/html; charset=utf-8`,
    /// `.txt` -> `text/plain; charset=utf-8`, `.xml` -> `application/xml`, `.jwt` -> `application/jwt`; an extensionless
    /// file starting with `{` or `[` -> `application/ld+json`; anything else `application/octet-stream`.
    public static func contentType(forFile name: String, contents: [UInt8]) -> String {
        let ext = name.contains(".") ? String(name[name.index(after: name.lastIndex(of: ".") ?? name.startIndex)...]).lowercased() : ""
        switch ext {
        case "json", "jsonld": return "application/ld+json"
        case "html": return "text/html; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "xml": return "application/xml"
        case "jwt": return "application/jwt"
        case "":
            let first = contents.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
            return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? "application/ld+json" : "application/octet-stream"
        default: return "application/octet-stream"
        }
    }

    static let notFound = LoopbackResponse.json(#"{"error":"not found"}"#, status: 404)

    static func isSafeComponent(_ component: String) -> Bool {
        !component.isEmpty && component != "." && component != ".." && !component.hasPrefix("_") && !component.contains("/")
            && !component.contains("\0")
    }

    /// A strong ETag from a 64-bit FNV-1a hash of the content.
    static func entityTag(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return "\"" + String(hash, radix: 16) + "\""
    }
}
