extension PinnedContexts {
    /// One pinned context: the URL it is served for, its file in `Resources/Contexts`, the SHA-256 of that file
    /// and where its bytes come from.
    public struct Entry: Sendable, Hashable {
        /// The context URL exactly as it appears in `@context`.
        public let url: String
        /// The file name in `Resources/Contexts` (the URL without its scheme, `/` written `_`).
        public let resource: String
        /// Lowercase hexadecimal SHA-256 of the file's bytes; a file that does not match is never served.
        public let sha256: String
        /// The upstream repository, commit and path the shipped bytes are published at (for people; not used).
        public let source: String
    }

    /// The contexts endorse ships, with the hashes their resources are checked against at load.
    ///
    /// Each resource is a public upstream copy of the context whose parsed JSON equals the maintainers' document
    /// (most are the maintainers' file byte for byte; the rest differ only in whitespace, key order or line ends).
    /// `sha256` is the hash of the shipped file itself, and `source` names the repository, commit and path the
    /// shipped bytes were taken from; Resources/Contexts/SOURCES.md records both for every entry.
    public static let index: [Entry] = [
        Entry(
            url: "https://www.w3.org/2018/credentials/v1",
            resource: "www.w3.org_2018_credentials_v1.jsonld",
            sha256: "ab4ddd9a531758807a79a5b450510d61ae8d147eab966cc9a200c07095b0cdcc",
            source: "w3c/vc-data-model@979c4af1cfe2224ed7b0ee5ec4d7a009a465812b:contexts/credentials/v1"),
        Entry(
            url: "https://www.w3.org/ns/credentials/v2",
            resource: "www.w3.org_ns_credentials_v2.jsonld",
            sha256: "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734",
            source: "w3c/vc-data-model@979c4af1cfe2224ed7b0ee5ec4d7a009a465812b:contexts/credentials/v2"),
        Entry(
            url: "https://www.w3.org/ns/credentials/examples/v2",
            resource: "www.w3.org_ns_credentials_examples_v2.jsonld",
            sha256: "57393fbc69d6efb9b9b5dc9cb6b9880b0944360abfe2eaf459c9e58cf2279d7c",
            source: "w3c/vc-data-model@979c4af1cfe2224ed7b0ee5ec4d7a009a465812b:contexts/credentials/examples/v2"),
        Entry(
            url: "https://w3id.org/security/data-integrity/v1",
            resource: "w3id.org_security_data-integrity_v1.jsonld",
            sha256: "b5d829bd09aa7c42abc6efa0c8ed7635313b5487f37ccfce3ecd149ca9418554",
            source: "w3c/vc-data-integrity@570d764182aa915427da16bdd4514af874fb86ed:contexts/data-integrity/v1"),
        Entry(
            url: "https://w3id.org/security/data-integrity/v2",
            resource: "w3id.org_security_data-integrity_v2.jsonld",
            sha256: "67f21e6e33a6c14e5ccfd2fc7865f7474fb71a04af7e94136cb399dfac8ae8f4",
            source: "w3c/vc-data-integrity@570d764182aa915427da16bdd4514af874fb86ed:contexts/data-integrity/v2"),
        Entry(
            url: "https://www.w3.org/ns/credentials/status/v1",
            resource: "www.w3.org_ns_credentials_status_v1.jsonld",
            sha256: "fda5add353231e6a6884a46b12e6c75464281900cb348284d9c360f62381d9f7",
            source: "w3c/vc-bitstring-status-list@74fcae11e5b389aa44d1b7d3f84ee079eaa169a4:contexts/v1.jsonld"),
        Entry(
            url: "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
            resource: "purl.imsglobal.org_spec_ob_v3p0_context.json",
            sha256: "b077fa134d909d92c1dcd1c153f2af1b244aeb415967fdc1467d7fc5dd48ac10",
            source: "1EdTech/openbadges-specification@1af145ff2dc6e22627e79eb5d0f9afca06ea2489:ob_v3p0/context.json"),
        Entry(
            url: "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
            resource: "purl.imsglobal.org_spec_ob_v3p0_context-3.0.2.json",
            sha256: "00666ad080ba407687ed1846b7f5e7495f5019042b202a727de47c48a1755c53",
            source: "1EdTech/openbadges-specification@1af145ff2dc6e22627e79eb5d0f9afca06ea2489:ob_v3p0/context-3.0.2.json"),
        // The specification repository's file: it lacks `endorsementJwt`, which the 1EdTech validator's copy of
        // this URL defines (a credential using that term expands without it; see SOURCES.md).
        Entry(
            url: "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            resource: "purl.imsglobal.org_spec_ob_v3p0_context-3.0.3.json",
            sha256: "01d87cc8b5357af557bfb09428f603c4691c49ef8a6089945a70bda1b96b1db2",
            source: "1EdTech/openbadges-specification@60896ea35c13d3dedb3e04c46a57284950e34d13:ob_v3p0/context-3.0.3.json"),
        Entry(
            url: "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
            resource: "purl.imsglobal.org_spec_ob_v3p0_extensions.json",
            sha256: "146f85aa16effd7ca1da8056eb443f53ce1eca8a34186cb062832c0a97d889c3",
            source:
                "1EdTech/digital-credentials-public-validator@38254719cf0a490a403c9c812b01e6ab0678f2f3:inspector-vc/src/main/resources/contexts/ob-v3p0-extensions.json"
        ),
        Entry(
            url: "https://purl.imsglobal.org/spec/clr/v2p0/context.json",
            resource: "purl.imsglobal.org_spec_clr_v2p0_context.json",
            sha256: "e198d7b517d74c5036434ce495086f67b10244709e9a3df9dcb7f8b1579b6167",
            source:
                "1EdTech/digital-credentials-public-validator@38254719cf0a490a403c9c812b01e6ab0678f2f3:inspector-vc/src/main/resources/contexts/clr-v2p0.json"
        ),
        Entry(
            url: "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
            resource: "purl.imsglobal.org_spec_clr_v2p0_context-2.0.1.json",
            sha256: "880f1902d4158f2f33ce06af41b90719977cd1ea337a9de2e41edb3ff5e543d6",
            source:
                "1EdTech/digital-credentials-public-validator@38254719cf0a490a403c9c812b01e6ab0678f2f3:inspector-vc/src/main/resources/contexts/clr-v2p0-2.0.1.json"
        ),
        Entry(
            url: "https://www.w3.org/2018/credentials/examples/v1",
            resource: "www.w3.org_2018_credentials_examples_v1.jsonld",
            sha256: "27a519ef41d671a9580cab97a8ae3d1230c799ec022d7b0e135a0e56222dd762",
            source:
                "filip26/iron-verifiable-credentials@2747ccc57732d8d629ceb87348da412bf0ceff46:src/main/resources/com/apicatalog/vc/2018-credentials-examples-v1.jsonld"
        ),
        Entry(
            url: "https://w3id.org/security/multikey/v1",
            resource: "w3id.org_security_multikey_v1.jsonld",
            sha256: "3b96888907441ebd6cca5ffb36474cfa68e755177d0e2a6b246bc058965e70fc",
            source:
                "filip26/iron-verifiable-credentials@b5bad257ac793d78acef4f3a2034e0692497c3b7:security-contexts/src/main/resources/com/apicatalog/security/vocab/multikey-v1.json"
        ),
        Entry(
            url: "https://w3id.org/security/suites/ed25519-2020/v1",
            resource: "w3id.org_security_suites_ed25519-2020_v1.jsonld",
            sha256: "67646fbc0d6582ad7fbf08ccf0d3a4bedbb4177fd2d63385de52dc1b092ed6c5",
            source:
                "filip26/iron-verifiable-credentials@b6bf6d97e8987b625f77a20bf50826156f69c495:src/main/resources/com/apicatalog/vc/security-suites-ed25519-2020-v1.jsonld"
        ),
        Entry(
            url: "https://w3id.org/vc/status-list/2021/v1",
            resource: "w3id.org_vc_status-list_2021_v1.jsonld",
            sha256: "eac7b25ba4a6deca89f640adef36b7496a44720b2137fe02b1f89df02bafe7dc",
            source:
                "Sphereon-Opensource/SSI-SDK@3a1a1e06e9638dc8ed0a03bc9425567ed676ed99:packages/vc-handler-ld-local/src/contexts/vc-status-list-2021-v1.json"
        ),
        Entry(
            url: "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
            resource: "purl.imsglobal.org_spec_ob_v3p0_context-3.0.1.json",
            sha256: "cfc147db5fd5e3575b06bd471fe04784e92de69296f64a351b8dff0ec3372e9c",
            source:
                "1EdTech/digital-credentials-public-validator@535e0e36d6547329697c0613bf0a80640ff772a8:inspector-vc/src/main/resources/contexts/ob-v3p0-3.0.1.json"
        ),
        Entry(
            url: "https://www.w3.org/ns/did/v1",
            resource: "www.w3.org_ns_did_v1.jsonld",
            sha256: "b9726f4d3b67486d25c78cf5cb406df5a51b9566ced6f36cce294e2d3b0fde51",
            source:
                "digitalbazaar/did-context@c0edf8265d86fbf7c6b48ff96e9e7a975e945052:contexts/did-v1.jsonld"
        ),
        Entry(
            url: "https://w3id.org/citizenship/v4rc1",
            resource: "w3id.org_citizenship_v4rc1.jsonld",
            sha256: "5c2d6f11ce92a2ffb416e8075acdf9fb4e750773f8e2bd7b0a62b41c047ee72c",
            source:
                "trustbloc/vc-go@cb6ea1d75d15ea672eb402bf222659148e78bed4:verifiable/testdata/context/citizenship_v4rc1.jsonld"
        ),
    ]
}
