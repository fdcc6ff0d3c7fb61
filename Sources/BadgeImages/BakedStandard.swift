/// The specification a baked payload follows, with the PNG keyword and SVG element it is baked under.
///
/// Open Badges 2.0 Baking (`openbadges`, `<assertion>` in `http://openbadges.org`; the 1.x bakes use the same),
/// Open Badges 3.0 section 5.3 "Baked Badge" (`openbadgecredential`, `<credential>` in
/// `https://purl.imsglobal.org/ob/v3p0`) and CLR 2.0 (`clrcredential`, `<credential>` in
/// `https://purl.imsglobal.org/clr/v2p0`, the names 1EdTech's validator reads).
public enum BakedStandard: String, Sendable, Hashable, CaseIterable {
    /// Open Badges 2.0 (and the 1.x bakes it inherits): an Assertion, its hosted URL, or a signed JWS.
    case openBadges2
    /// Open Badges 3.0: an OpenBadgeCredential as JSON or as a VC-JWT compact JWS.
    case openBadges3
    /// Comprehensive Learner Record 2.0: a ClrCredential as JSON or as a VC-JWT compact JWS.
    case clr2

    /// The `iTXt` keyword a baker writes (`openbadges`, `openbadgecredential`, `clrcredential`).
    public var pngKeyword: String {
        switch self {
        case .openBadges2: "openbadges"
        case .openBadges3: "openbadgecredential"
        case .clr2: "clrcredential"
        }
    }

    /// The XML namespace of the SVG badge element.
    public var svgNamespace: String {
        switch self {
        case .openBadges2: "http://openbadges.org"
        case .openBadges3: "https://purl.imsglobal.org/ob/v3p0"
        case .clr2: "https://purl.imsglobal.org/clr/v2p0"
        }
    }

    /// The local name of the SVG badge element (`assertion` for 2.0, `credential` otherwise).
    public var svgElementName: String {
        self == .openBadges2 ? "assertion" : "credential"
    }

    /// The prefix a baker binds to ``svgNamespace`` (readers accept any prefix).
    public var svgPrefix: String {
        self == .clr2 ? "clr" : "openbadges"
    }

    /// The standard a PNG text-chunk keyword names, and whether the keyword is the nonstandard `openbadge`.
    /// Keywords compare byte for byte (PNG section 11.3.4.2: keywords are case-sensitive).
    static func matching(keyword: ArraySlice<UInt8>) -> (standard: BakedStandard, nonstandard: Bool)? {
        switch keyword.count {
        case 9 where keyword.elementsEqual("openbadge".utf8): (.openBadges2, true)
        case 10 where keyword.elementsEqual("openbadges".utf8): (.openBadges2, false)
        case 13 where keyword.elementsEqual("clrcredential".utf8): (.clr2, false)
        case 19 where keyword.elementsEqual("openbadgecredential".utf8): (.openBadges3, false)
        default: nil
        }
    }

    /// The standard whose badge element is `localName` in `namespace` (exact string comparison, as XML
    /// Namespaces 1.0 section 2.3 requires).
    static func matching(namespace: [UInt8], localName: ArraySlice<UInt8>) -> BakedStandard? {
        for standard in allCases where localName.elementsEqual(standard.svgElementName.utf8) && namespace.elementsEqual(standard.svgNamespace.utf8) {
            return standard
        }
        return nil
    }
}
