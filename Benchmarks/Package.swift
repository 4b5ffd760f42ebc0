// swift-tools-version: 6.1
// Side-by-side benchmark of our Parquet writer/reader against pyarrow (../scripts/bench.sh),
// in its own package so the main build never compiles it.
import PackageDescription

let package = Package(
    name: "swift-delta-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-delta", path: "../"),
    ],
    targets: [
        .executableTarget(
            name: "parquet-bench",
            dependencies: [
                .product(name: "Parquet", package: "swift-delta"),
                .product(name: "Columnar", package: "swift-delta"),
                .product(name: "DeltaStorage", package: "swift-delta"),
            ],
            path: "Sources/parquet-bench"),
        .executableTarget(
            name: "delta-bench",
            dependencies: [
                .product(name: "DeltaTable", package: "swift-delta"),
                .product(name: "DeltaLog", package: "swift-delta"),
                .product(name: "DeltaStorage", package: "swift-delta"),
                .product(name: "Parquet", package: "swift-delta"),
                .product(name: "Columnar", package: "swift-delta"),
            ],
            path: "Sources/delta-bench"),
    ],
    swiftLanguageModes: [.v6]
)
