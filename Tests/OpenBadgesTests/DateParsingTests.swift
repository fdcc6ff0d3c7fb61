import Foundation
import Testing

@testable import OpenBadges

struct DateParsingTests {
    @Test(arguments: [
        ("2016-12-31T23:59:59Z", Fixtures.date(2016, 12, 31, 23, 59, 59)),
        ("2017-10-01T00:00Z", Fixtures.date(2017, 10, 1)),
        ("2016-12-31T23:59:59+00:00", Fixtures.date(2016, 12, 31, 23, 59, 59)),
        ("2019-03-05T10:20:30+01:00", Fixtures.date(2019, 3, 5, 9, 20, 30)),
        ("2019-03-05T10:20:30-0230", Fixtures.date(2019, 3, 5, 12, 50, 30)),
        ("2015-04-30", Fixtures.date(2015, 4, 30)),
        ("2020-02-29T12:00:00.250Z", Fixtures.date(2020, 2, 29, 12, 0, 0.25)),
        ("2020-02-29 12:00:00", Fixtures.date(2020, 2, 29, 12)),
        ("1430352000", Fixtures.date(2015, 4, 30)),
        ("1969-12-31T23:00:00Z", Fixtures.date(1969, 12, 31, 23)),
    ])
    func readsISO8601Forms(text: String, expected: Date) {
        #expect(DateParsing.date(from: text) == expected, "\(text)")
    }

    @Test func readsUnixNumbersInSecondsAndMilliseconds() {
        #expect(DateParsing.date(from: .number(1_430_352_000)) == Fixtures.date(2015, 4, 30))
        #expect(DateParsing.date(from: .number(1_430_352_000_000)) == Fixtures.date(2015, 4, 30))
    }

    @Test(arguments: ["", "yesterday", "2016-13-01", "2016-12-31T25:00Z", "2016-12-31T23:59:59Q", "31/12/2016", "12"])
    func rejectsOtherText(text: String) {
        #expect(DateParsing.date(from: text) == nil, "\(text)")
    }

    @Test(arguments: ["issuedOn", "issuedon", "validFrom", "awardedDate", "issuanceDate"])
    func everyIssuedDateAlias(key: String) throws {
        let doc = try Fixtures.parse(#"{"type": "Endorsement", "claim": "https://b.example/", "\#(key)": "2018-01-02T03:04:05Z"}"#)
        #expect(doc.endorsements.first?.issuedOn == Fixtures.date(2018, 1, 2, 3, 4, 5))
    }

    @Test(arguments: ["expires", "validUntil", "expirationDate"])
    func everyExpiryAlias(key: String) throws {
        let doc = try Fixtures.parse(#"{"type": "Endorsement", "claim": "https://b.example/", "\#(key)": "2030-01-01"}"#)
        #expect(doc.endorsements.first?.validUntil == Fixtures.date(2030, 1, 1))
        let assertion = try Fixtures.parse(#"{"type": "Assertion", "badge": "https://b.example/", "\#(key)": "2030-01-01"}"#)
        #expect(assertion.assertions.first?.expires == Fixtures.date(2030, 1, 1))
    }

    @Test func unreadableDateIsAWarningWithItsPath() throws {
        let doc = try Fixtures.parse(#"{"type": "Endorsement", "claim": "https://b.example/", "issuedOn": "last tuesday"}"#)
        #expect(doc.endorsements.first?.issuedOn == nil)
        #expect(doc.warnings.map(\.code) == ["date.unparsed"])
        #expect(doc.warnings.first?.path == "$.issuedOn")
    }
}
