// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ledgerd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ledgerd", targets: ["ledgerd"]),
        .library(name: "Ledger", targets: ["Ledger"]),
        .library(name: "Projections", targets: ["Projections"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already HummingbirdTLS's; named so the daemon may check its TLS files with NIOSSL itself.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // Already Hummingbird's; named for NIO's TimeAmount, the server's idle timeout.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        // Already Hummingbird's; named for HTTPResponsePart, which ResponseBytesCounter sees.
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(name: "CLMDB", pkgConfig: "lmdb", providers: [.apt(["liblmdb-dev"])]),
        // The executable's allocator (see Sources/ledgerd/Support/Allocator.swift).
        .systemLibrary(name: "CJemalloc", pkgConfig: "jemalloc", providers: [.apt(["libjemalloc-dev"])]),
        // SHA-256 through swift-crypto's BoringSSL without a heap context per hash
        // (Sources/Ledger/Hashing/DirectSHA256.swift says why).
        .target(
            name: "CSHA256",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "Ledger",
            dependencies: [
                "CLMDB",
                "CSHA256",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Projections",
            dependencies: ["Ledger"]
        ),
        // The deterministic demo workload: a client of Ledger's contract, so not in Ledger.
        .target(
            name: "DemoAuthority",
            dependencies: ["Ledger"]
        ),
        .executableTarget(
            name: "ledgerd",
            dependencies: [
                "CJemalloc",
                "Ledger",
                "Projections",
                "DemoAuthority",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                // Already Hummingbird's: the witness client's connections and HTTP/1.1 codec.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // What more than one test target needs (not a product: nothing outside the tests uses it).
        .target(
            name: "LedgerTestSupport",
            dependencies: ["Ledger"],
            path: "Tests/LedgerTestSupport"
        ),
        .testTarget(
            name: "LedgerTests",
            dependencies: [
                "Ledger",
                "LedgerTestSupport",
                "DemoAuthority",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "ProjectionsTests",
            dependencies: [
                "Projections",
                "Ledger",
                "LedgerTestSupport",
                "DemoAuthority",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "ledgerdTests",
            dependencies: [
                "ledgerd",
                "Ledger",
                "LedgerTestSupport",
                "Projections",
                "DemoAuthority",
                // Serves buildApplication's Application in-process (no socket, no subprocess).
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                // A TLS server in process, for the witness client's HTTPS tests.
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
