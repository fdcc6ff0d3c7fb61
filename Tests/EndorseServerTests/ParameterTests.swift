import EndorsementStore
import HTTPTypes
import Testing

@testable import EndorseServer

/// Validation shared by the CLI and the HTTP API, and the decoding of query strings.
struct ParameterTests {
    @Test func defaultsForPlainText() throws {
        let query = try SearchParameters(text: "python").searchQuery()
        #expect(query.text == "python")
        #expect(query.limit == 20 && query.offset == 0)
        #expect(query.includeUnendorsed == false)
        #expect(query.acknowledgement == .any)
        #expect(query.endorser == nil && query.issuer == nil && query.verification == nil)
    }

    @Test func everyParameterIsRead() throws {
        let query = try SearchParameters(
            text: "rust", limit: "5", offset: "10", all: "", endorser: " Acme ", issuer: "https://issuer.example/profile",
            acknowledged: "false", verification: "issuer-embedded"
        ).searchQuery()
        #expect(query.limit == 5 && query.offset == 10)
        #expect(query.includeUnendorsed, "a bare ?all means true")
        #expect(query.endorser == "Acme")
        #expect(query.issuer == "https://issuer.example/profile")
        #expect(query.acknowledgement == .unacknowledgedOnly)
        #expect(query.verification == .issuerEmbedded)
        #expect(try SearchParameters(text: "x", acknowledged: "yes").searchQuery().acknowledgement == .acknowledgedOnly)
        #expect(try SearchParameters(text: "x", acknowledged: "any").searchQuery().acknowledgement == .any)
    }

    @Test(arguments: [
        (SearchParameters(text: nil), LookupError.Code.missingParameter),
        (SearchParameters(text: " \t"), .missingParameter),
        (SearchParameters(text: String(repeating: "a", count: 257)), .invalidQuery),
        (SearchParameters(text: "x", limit: "0"), .invalidParameter),
        (SearchParameters(text: "x", limit: "101"), .invalidParameter),
        (SearchParameters(text: "x", limit: "1.5"), .invalidParameter),
        (SearchParameters(text: "x", offset: "-1"), .invalidParameter),
        (SearchParameters(text: "x", offset: "10001"), .invalidParameter),
        (SearchParameters(text: "x", all: "sometimes"), .invalidParameter),
        (SearchParameters(text: "x", endorser: String(repeating: "e", count: 513)), .invalidParameter),
        (SearchParameters(text: "x", acknowledged: "perhaps"), .invalidParameter),
        (SearchParameters(text: "x", verification: "HOSTED"), .invalidParameter),
    ])
    func badInputIsRefused(_ parameters: SearchParameters, _ code: LookupError.Code) {
        #expect(throws: LookupError(code, "")) { try parameters.searchQuery() }
    }

    @Test func limitsAreAccepted() throws {
        #expect(try SearchParameters(text: String(repeating: "a", count: 256), limit: "100", offset: "10000").searchQuery().limit == 100)
        #expect(try SearchParameters(text: "x", limit: "1").searchQuery().limit == 1)
    }

    @Test func queryItemsDecodeFormEncoding() throws {
        let items = try QueryItems("q=python+basics&endorser=https%3A%2F%2Facme.example%2Fprofile&all&q=ignored&caf%C3%A9=1")
        #expect(items["q"] == "python basics")
        #expect(items["endorser"] == "https://acme.example/profile")
        #expect(items["all"] == "")
        #expect(items["café"] == "1")
        #expect(items["missing"] == nil)
        #expect(try QueryItems(nil)["q"] == nil)
    }

    @Test(arguments: ["q=%ZZ", "q=%", "q=%C3%28"])
    func malformedEscapesAreRefused(_ query: String) {
        #expect(throws: LookupError(.invalidParameter, "")) { try QueryItems(query) }
    }

    @Test func wordsAndIRIsAreToldApart() {
        #expect(IndexQueries.looksLikeIRI("https://issuer.example/badge"))
        #expect(IndexQueries.looksLikeIRI("urn:uuid:1234"))
        #expect(!IndexQueries.looksLikeIRI("python basics"))
        #expect(!IndexQueries.looksLikeIRI("note: python"))
        #expect(!IndexQueries.looksLikeIRI("python"))
    }

    @Test func statusesForErrorCodes() {
        #expect(LookupError(.missingParameter, "").httpStatus.code == 400)
        #expect(LookupError(.invalidParameter, "").httpStatus.code == 400)
        #expect(LookupError(.invalidQuery, "").httpStatus.code == 400)
        #expect(LookupError(.notFound, "").httpStatus.code == 404)
        #expect(LookupError(.ambiguous, "").httpStatus.code == 409)
        #expect(LookupError(StoreError(.invalidQuery, "unbalanced quote")).code == .invalidQuery)
        #expect(LookupError(StoreError(.notFound, "no such badge")).code == .notFound)
        #expect(LookupError(StoreError(.databaseMissing, "gone")).code == .databaseMissing)
    }
}
