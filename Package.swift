// swift-tools-version:6.2
import PackageDescription

// MARK: - Shared settings

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

// MARK: - Package

let package = Package(
    name: "endorse",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "endorse", targets: ["endorse"]),
        .library(name: "OpenBadges", targets: ["OpenBadges"]),
        .library(name: "CurlHTTP", targets: ["CurlHTTP"]),
        .library(name: "EndorsementStore", targets: ["EndorsementStore"]),
        .library(name: "Crawler", targets: ["Crawler"]),
        .library(name: "LoopbackWeb", targets: ["LoopbackWeb"]),
        .library(name: "EndorseServer", targets: ["EndorseServer"]),
        .library(name: "Verification", targets: ["Verification"]),
        .library(name: "RDF", targets: ["RDF"]),
        .library(name: "JSONLD", targets: ["JSONLD"]),
        .library(name: "BadgeImages", targets: ["BadgeImages"]),
        .library(name: "BadgeCheck", targets: ["BadgeCheck"]),
        .library(name: "CrawlState", targets: ["CrawlState"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // FullFoundation only: the default ConfigurationSupport trait would build swift-configuration for nothing.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        // Already in the graph through Hummingbird; named for NIOThreadPool (the server's blocking SQLite reads).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        // Ed25519, P-256 and SHA-2 (Crypto), RSA PKCS #1 v1.5 verification (_CryptoExtras).
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // The loopback https server (LoopbackTLS): certificates made on the spot, TLS through NIOSSL.
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // Named for their modules used directly by LoopbackTLS (already in the graph through the two above).
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // The shared crawl state of crawls across machines (CrawlState).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // MARK: System libraries

        .systemLibrary(
            name: "CCurl",
            path: "Sources/CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),

        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // epoll(7) and ppoll(2) for the loopback server's event loop (Glibc's Swift module leaves both out).
        .target(name: "CEventWait"),

        // MARK: Libraries

        .target(
            name: "OpenBadges",
            swiftSettings: swiftSettings
        ),
        // PNG / SVG unbaking and baking of Open Badges and CLR payloads (pure; zlib for compressed text chunks).
        .target(
            name: "BadgeImages",
            dependencies: ["OpenBadges", "CZlib"],
            swiftSettings: swiftSettings
        ),
        // RDF datasets, N-Quads and RDFC-1.0 canonicalization (pure).
        .target(
            name: "RDF",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // JSON-LD 1.1 expansion and toRdf, with the pinned contexts as resources (pure: contexts are never fetched).
        .target(
            name: "JSONLD",
            dependencies: ["OpenBadges", "RDF", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Resources/Contexts")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Verification",
            dependencies: [
                "OpenBadges",
                "RDF",
                "JSONLD",
                "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CurlHTTP",
            dependencies: ["CCurl"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LoopbackWeb",
            dependencies: ["CEventWait"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LoopbackTLS",
            dependencies: [
                "LoopbackWeb",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EndorsementStore",
            dependencies: [
                "OpenBadges",
                "Verification",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API for the writer's hot path (BoundStatement.swift).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Crawler",
            dependencies: [
                "OpenBadges",
                "Verification",
                "CurlHTTP",
                "EndorsementStore",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // A crawl's frontier, leases, per-host politeness and documents in PostgreSQL, shared by worker processes.
        .target(
            name: "CrawlState",
            dependencies: [
                "OpenBadges", "EndorsementStore", "Crawler",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The employer's check of a badge handed over: unbake, resolve live, verify, gather endorsements.
        .target(
            name: "BadgeCheck",
            dependencies: ["OpenBadges", "BadgeImages", "Verification", "CurlHTTP", "EndorsementStore", "Crawler"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EndorseServer",
            dependencies: [
                "OpenBadges",
                "BadgeCheck",
                "CurlHTTP",
                "Verification",
                "EndorsementStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Executables

        .executableTarget(
            name: "endorse",
            dependencies: [
                "OpenBadges",
                "Verification",
                "CurlHTTP",
                "EndorsementStore",
                "Crawler",
                "CrawlState",
                "BadgeCheck",
                "BadgeImages",
                "LoopbackWeb",
                "LoopbackTLS",
                "EndorseServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "endorse-bench",
            dependencies: [
                "OpenBadges",
                "Verification",
                "JSONLD",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                "CurlHTTP",
                "EndorsementStore",
                "Crawler",
                "CrawlState",
                "LoopbackWeb",
                "EndorseServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The pyld reference the proof benchmark runs (Python, not built).
            exclude: ["Reference"],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests

        // Locates the public test material in ../shared/ and skips what needs it when it is absent.
        .target(
            name: "SharedMaterial",
            path: "Tests/SharedMaterial",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OpenBadgesTests",
            dependencies: ["OpenBadges", "SharedMaterial"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BadgeImagesTests",
            dependencies: ["BadgeImages", "SharedMaterial", "CZlib"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RDFTests",
            dependencies: ["RDF", "SharedMaterial"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "JSONLDTests",
            dependencies: ["JSONLD", "RDF", "OpenBadges", "SharedMaterial"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VerificationTests",
            dependencies: ["Verification", "OpenBadges", "SharedMaterial", "LoopbackWeb", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CrawlStateTests",
            dependencies: ["CrawlState", "Crawler", "EndorsementStore", "OpenBadges", "EndorseTestFixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CurlHTTPTests",
            dependencies: ["CurlHTTP", "LoopbackWeb", "LoopbackTLS"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LoopbackWebTests",
            dependencies: ["LoopbackWeb"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndorsementStoreTests",
            dependencies: ["EndorsementStore", "OpenBadges", "Verification", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CrawlerTests",
            dependencies: [
                "Crawler", "CurlHTTP", "EndorsementStore", "OpenBadges", "LoopbackWeb", "LoopbackTLS", "Verification", "BadgeCheck", "BadgeImages",
                "CrawlState", "EndorseTestFixtures",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EndorseTestFixtures",
            dependencies: ["EndorsementStore", "OpenBadges"],
            path: "Tests/EndorseTestFixtures",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndorseServerTests",
            dependencies: [
                "EndorseServer", "EndorseTestFixtures", "EndorsementStore", "OpenBadges", "BadgeCheck", "CurlHTTP", "LoopbackWeb", "LoopbackTLS",
                "Verification",
            ],
            exclude: ["Browser"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndorseCLITests",
            dependencies: [
                "EndorseTestFixtures", "EndorsementStore", "OpenBadges", "Verification", "LoopbackWeb", "LoopbackTLS",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
