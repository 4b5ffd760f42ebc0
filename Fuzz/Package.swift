// swift-tools-version: 6.1
// libFuzzer harness for the Parquet reader, in its own package so the main build never compiles
// it. Build and run with ../scripts/fuzz.sh (see README.md here).
import PackageDescription

let package = Package(
    name: "swift-delta-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-delta", path: "../"),
    ],
    targets: [
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
        .executableTarget(
            name: "FuzzDeltaLog",
            dependencies: [
                "FuzzSupport",
                .product(name: "DeltaLog", package: "swift-delta"),
                .product(name: "Columnar", package: "swift-delta"),
            ],
            path: "Sources/FuzzDeltaLog"),
        .executableTarget(
            name: "FuzzParquet",
            dependencies: [
                "FuzzSupport",
                .product(name: "Parquet", package: "swift-delta"),
                .product(name: "Columnar", package: "swift-delta"),
            ],
            path: "Sources/FuzzParquet"),
    ],
    swiftLanguageModes: [.v6]
)
