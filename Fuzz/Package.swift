// swift-tools-version:6.1
// Coverage-guided fuzzing (libFuzzer) of everything in Ledger and Projections that reads bytes
// a request, a file or a peer can steer. A package of its own so that `swift build` and
// `swift test` at the top never build it; `Fuzz/run` builds it with -sanitize=fuzzer.
import Foundation
import PackageDescription

// A path dependency is known by its directory's name, whatever the clone is called.
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "LedgerFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "LedgerFuzz",
            dependencies: [
                .product(name: "Ledger", package: root),
                .product(name: "Projections", package: root),
            ]
        )
    ]
)
