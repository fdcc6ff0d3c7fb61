import OpenBadges
import SharedMaterial
import Testing
import Verification

/// The employer's "was it issued to this person": hashes below were computed with coreutils (`sha256sum`,
/// `md5sum`), not with the code under test.
@Suite struct RecipientCheckTests {
    static func ob2(_ recipient: String) -> JSONValue {
        (try? JSONValue.parse(bytes: Array(#"{"type":"Assertion","recipient":\#(recipient)}"#.utf8))) ?? .null
    }

    static func ob3(_ identifier: String) -> JSONValue {
        (try? JSONValue.parse(bytes: Array(#"{"credentialSubject":{"type":["AchievementSubject"],"identifier":[\#(identifier)]}}"#.utf8))) ?? .null
    }

    @Test func ob2SaltedSHA256AndMD5AndPlainIdentities() {
        let sha = Self.ob2(#"{"type":"email","hashed":true,"salt":"deadsea","identity":"sha256$c934fdacc6242be0277a284970416aa9bfa583241fb85094bc96c504ee0abd4e"}"#)
        #expect(RecipientCheck.match(email: "alice@example.org", in: sha).state == .matched)
        #expect(RecipientCheck.match(email: " Alice@Example.org ", in: sha).state == .matched)
        #expect(RecipientCheck.match(email: "bob@example.org", in: sha).state == .different)

        let md5 = Self.ob2(#"{"type":"email","hashed":true,"salt":"deadsea","identity":"md5$d7e7e38b014cb2425985186a74477dd1"}"#)
        #expect(RecipientCheck.match(email: "alice@example.org", in: md5).state == .matched)

        let plain = Self.ob2(#"{"type":"email","hashed":false,"identity":"alice@example.org"}"#)
        #expect(RecipientCheck.match(email: "ALICE@example.org", in: plain).state == .matched)
        #expect(RecipientCheck.match(email: "mallory@example.org", in: plain).state == .different)
    }

    @Test func ob3IdentifierEntries() {
        let subject = Self.ob3(
            #"{"type":"IdentityObject","identityType":"studentId","hashed":false,"identityHash":"S-1"},"#
                + #"{"type":"IdentityObject","identityType":"emailAddress","hashed":true,"salt":"pepper","identityHash":"sha256$5040ea7dd6be7e14032bb241b4ec23983e2751b66e74746f383e416d2a541b26"}"#)
        #expect(RecipientCheck.match(email: "alice@example.org", in: subject).state == .matched)
        #expect(RecipientCheck.match(email: "alice@example.com", in: subject).state == .different)
    }

    @Test func whatCannotBeComparedIsSaid() {
        #expect(RecipientCheck.match(email: "a@example.org", in: .object([:])).state == .none)
        let url = Self.ob2(#"{"type":"url","hashed":false,"identity":"https://alice.example/"}"#)
        #expect(RecipientCheck.match(email: "a@example.org", in: url).state == .unsupported)
        let sha1 = Self.ob2(#"{"type":"email","hashed":true,"identity":"sha1$0123456789abcdef0123456789abcdef01234567"}"#)
        let fact = RecipientCheck.match(email: "a@example.org", in: sha1)
        #expect(fact.state == .unsupported)
        #expect(fact.detail?.contains("neither sha256$ nor md5$") == true)
    }

    /// The OB 2.0 specification's hosted assertion: its recipient is a hash nobody here knows the address of.
    @Test(.needsSharedMaterial) func theSpecificationsExampleIsSomeoneElse() throws {
        let example = try JSONValue.parse(bytes: SharedMaterial.bytes("openbadges/examples/imsglobal-ob-spec-v2p0/examples-assertion-hosted.json"))
        #expect(RecipientCheck.match(email: "alice@example.org", in: example).state == .different)
    }
}
