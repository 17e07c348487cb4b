// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ledgerd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ledgerd", targets: ["ledgerd"]),
        .library(name: "Ledger", targets: ["Ledger"]),
        .library(name: "Projections", targets: ["Projections"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(name: "CLMDB", pkgConfig: "lmdb", providers: [.apt(["liblmdb-dev"])]),
        .target(
            name: "Ledger",
            dependencies: [
                "CLMDB",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Projections",
            dependencies: ["Ledger"]
        ),
        .executableTarget(
            name: "ledgerd",
            dependencies: [
                "Ledger",
                "Projections",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "LedgerTests",
            dependencies: [
                "Ledger",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "ProjectionsTests",
            dependencies: [
                "Projections",
                "Ledger",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "ledgerdTests",
            dependencies: ["ledgerd", "Ledger"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
