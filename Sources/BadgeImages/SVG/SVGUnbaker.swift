/// Takes the payload out of a baked SVG (Open Badges 2.0 Baking "SVGs"; Open Badges 3.0 section 5.3.2): the
/// first badge element (``SVGDocumentScan``), its `verify` attribute or its body.
///
/// Which wins when an element has both: the `verify` attribute. Open Badges 2.0 Baking makes `verify`
/// mandatory ("add an `<openbadges:assertion>` tag with a `verify` attribute"; its value is "either a signed
/// OpenBadges assertion or the URL from `verify.url` in the badge assertion") and the body optional (the JSON of
/// the assertion "should go into the body" when an assertion rather than a signature is baked). With a URL in
/// `verify`, the body is a copy of a hosted assertion, and hosted verification takes the copy at the URL as the
/// source of truth; with a JWS, the signed token is what verifies. So `verify` is the payload and the body is
/// returned beside it as ``UnbakedPayload/embeddedCopy`` (or reported by an ``UnbakeWarning/Code/unreadableBody``
/// warning when it is not a readable payload). Open Badges 3.0 omits `verify` for JSON bodies, so there the body
/// is the payload.
enum SVGUnbaker {
    /// The payload of the SVG `bytes` (whose root element was sniffed as `svg`).
    static func unbake(_ bytes: [UInt8], limits: UnbakeLimits) throws(UnbakeError) -> UnbakedPayload {
        let scan = try SVGDocumentScan(bytes: bytes, limits: limits, lenientAfterPayload: true)
        guard let element = scan.badges.first else {
            throw UnbakeError(
                code: .noPayload,
                reason:
                    "no <assertion> element in namespace http://openbadges.org and no <credential> element in namespace https://purl.imsglobal.org/ob/v3p0 or https://purl.imsglobal.org/clr/v2p0: the image is not a baked badge",
                location: "image")
        }
        let location = "line \(element.line)"
        var warnings: [UnbakeWarning] = []
        let verify = try element.verify.map { bytes throws(UnbakeError) -> String in
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw UnbakeError(
                    code: .unreadablePayload, reason: "the verify attribute of <\(element.name)> is not valid UTF-8", location: location)
            }
            return text
        }
        let body = String(validating: element.body, as: UTF8.self)
        let hasBody = !element.body.allSatisfy(XMLScanner.isWhiteSpace)

        let kind: PayloadKind
        let part: PayloadSource.SVGPart
        var embeddedCopy: PayloadKind?
        if let verify, !verify.utf8.allSatisfy(XMLScanner.isWhiteSpace) {
            kind = try PayloadClassifier.classify(verify, location: location)
            part = .verifyAttribute
            if hasBody {
                do throws(UnbakeError) {
                    guard let body else {
                        throw UnbakeError(code: .unreadablePayload, reason: "the body is not valid UTF-8", location: location)
                    }
                    embeddedCopy = try PayloadClassifier.classify(body, location: location)
                } catch {
                    warnings.append(
                        UnbakeWarning(
                            code: .unreadableBody,
                            message:
                                "<\(element.name)> (\(location)) has a verify attribute, which was used, and a body that is not a readable payload: \(error.reason)"
                        ))
                }
            }
        } else if hasBody {
            guard let body else {
                throw UnbakeError(code: .unreadablePayload, reason: "the body of <\(element.name)> is not valid UTF-8", location: location)
            }
            kind = try PayloadClassifier.classify(body, location: location)
            part = .body
        } else {
            throw UnbakeError(
                code: .emptyPayload, reason: "<\(element.name)> has neither a verify attribute nor a body: the badge element is empty",
                location: location)
        }

        if element.undeclaredPrefix {
            warnings.append(
                UnbakeWarning(
                    code: .undeclaredPrefix,
                    message:
                        "<\(element.name)> uses the prefix openbadges without declaring it; read as \(element.namespace) (add xmlns:openbadges to the <svg> tag)"
                ))
        }
        if !element.isChildOfRoot {
            warnings.append(
                UnbakeWarning(
                    code: .misplacedElement,
                    message: "<\(element.name)> (\(location)) is not a child of the root <svg>; the specifications place it there"))
        }
        if element.hasChildElements {
            warnings.append(
                UnbakeWarning(
                    code: .childElementsIgnored,
                    message: "<\(element.name)> (\(location)) holds child elements; only its own text and CDATA were read"))
        }
        for other in scan.badges.dropFirst() {
            let inside = other.nested ? ", inside the first," : ""
            warnings.append(
                UnbakeWarning(
                    code: .secondPayload,
                    message:
                        "a second badge element, <\(other.name)> at line \(other.line)\(inside), follows <\(element.name)> at line \(element.line); the baking specifications allow one, the first was used"
                ))
        }
        if let damage = scan.damage {
            warnings.append(UnbakeWarning(code: .damagedAfterPayload, message: "after the payload: \(damage.reason) (\(damage.location))"))
        }
        return UnbakedPayload(
            imageFormat: .svg, standard: element.standard,
            source: .svgElement(name: element.name, namespace: element.namespace, part: part, line: element.line), kind: kind,
            embeddedCopy: embeddedCopy, warnings: warnings)
    }
}
