import Foundation
import JSONLD
import OpenBadges
import RDF
import SharedMaterial

/// Runs one W3C JSON-LD manifest (`expand-manifest.jsonld` or `toRdf-manifest.jsonld`) as
/// `../shared/conformance/README.md` says: document URL `baseIri + input`, `option.base` and
/// `option.expandContext` honoured, the JSON-LD 1.0, `rdfDirection`, generalized-RDF and non-normative tests
/// skipped with their reason.
struct ManifestRunner {
    enum Kind { case expand, toRdf }

    struct Outcome {
        var passed: [String] = []
        var failed: [(id: String, detail: String)] = []
        var skipped: [(id: String, reason: String)] = []
        var applicable: Int { passed.count + failed.count }
    }

    let kind: Kind
    let manifest: String

    /// Why a test is skipped, or nil when it applies.
    static func skipReason(_ options: [String: JSONValue]) -> String? {
        if options["specVersion"] == .string("json-ld-1.0") { return "specVersion json-ld-1.0 (JSON-LD 1.0 only)" }
        if options["processingMode"] == .string("json-ld-1.0") { return "processingMode json-ld-1.0 (JSON-LD 1.0 only)" }
        if options["rdfDirection"] != nil { return "rdfDirection (optional feature, not needed for credentials)" }
        if options["produceGeneralizedRdf"] == .bool(true) { return "produceGeneralizedRdf (generalized RDF not produced)" }
        if options["normative"] == .bool(false) { return "normative: false" }
        return nil
    }

    func run() throws -> Outcome {
        let document = try TestSuiteLoader.json(manifest)
        let baseIRI = document["baseIri"]?.string ?? TestSuiteLoader.baseIRI
        var outcome = Outcome()
        let cache = JSONLDContextCache()
        for entry in document["sequence"]?.values ?? [] {
            let id = entry["@id"]?.string ?? "?"
            let options = entry["option"]?.object ?? [:]
            if let reason = Self.skipReason(options) {
                outcome.skipped.append((id, reason))
                continue
            }
            let types = entry["@type"]?.strings ?? []
            do {
                let detail = try runTest(entry, types: types, options: options, baseIRI: baseIRI, cache: cache)
                if let detail { outcome.failed.append((id, detail)) } else { outcome.passed.append(id) }
            } catch {
                outcome.failed.append((id, "runner error: \(error)"))
            }
        }
        return outcome
    }

    /// Nil when the test passes, else what went wrong.
    private func runTest(
        _ entry: JSONValue, types: [String], options: [String: JSONValue], baseIRI: String, cache: JSONLDContextCache
    ) throws -> String? {
        guard let input = entry["input"]?.string else { return "no input" }
        let documentURL = baseIRI + input
        var jsonldOptions = JSONLDOptions()
        jsonldOptions.base = options["base"]?.string
        if let expandContext = options["expandContext"]?.string {
            jsonldOptions.expandContext = try TestSuiteLoader.json(expandContext)
        }
        let processor = JSONLDProcessor(loader: TestSuiteLoader(), options: jsonldOptions, cache: cache)
        let inputDocument = try TestSuiteLoader.json(input)
        let isNegative = types.contains("jld:NegativeEvaluationTest")
        do {
            switch kind {
            case .expand:
                let expanded = try processor.expand(inputDocument, documentURL: documentURL)
                if isNegative { return "expected error \(entry["expectErrorCode"]?.string ?? "?"), got success" }
                guard let expect = entry["expect"]?.string else { return "no expect" }
                let expected = try TestSuiteLoader.json(expect)
                let expectedArray: JSONValue = if case .array = expected { expected } else { .array([expected]) }
                if JSONLDComparison.equal(.array(expanded), expectedArray) { return nil }
                return "expanded differs:\n  got      \(render(.array(expanded)))\n  expected \(render(expectedArray))"
            case .toRdf:
                let quads = try processor.toRDF(inputDocument, documentURL: documentURL)
                if isNegative { return "expected error \(entry["expectErrorCode"]?.string ?? "?"), got success" }
                if types.contains("jld:PositiveSyntaxTest") { return nil }
                guard let expect = entry["expect"]?.string else { return "no expect" }
                let text = try String(contentsOf: TestSuiteLoader.folder.appendingPathComponent(expect), encoding: .utf8)
                let expected = try Datasets.read(text)
                if Datasets.isomorphic(quads, expected) { return nil }
                return "dataset differs:\n  got\n\(quads.map { "    \($0)" }.joined(separator: "\n"))\n  expected\n\(text)"
            }
        } catch let error as JSONLDError {
            if isNegative {
                let expected = entry["expectErrorCode"]?.string ?? ""
                return error.code.rawValue == expected ? nil : "expected error \(expected), got \(error)"
            }
            return "unexpected error \(error)"
        }
    }

    private func render(_ value: JSONValue) -> String {
        let text = value.jcsCanonical
        return text.count > 3000 ? String(text.prefix(3000)) + "…" : text
    }
}
