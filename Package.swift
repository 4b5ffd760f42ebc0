// swift-tools-version: 6.1
import PackageDescription

// Warnings are errors: the Makefile passes -warnings-as-errors (unsafeFlags here would stop
// the Fuzz/ and Benchmarks/ packages from depending on this one).
let strict: [SwiftSetting] = []

let package = Package(
    name: "swift-delta",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Columnar", targets: ["Columnar"]),
        .library(name: "Parquet", targets: ["Parquet"]),
        .library(name: "Expressions", targets: ["Expressions"]),
        .library(name: "DeltaLog", targets: ["DeltaLog"]),
        .library(name: "DeltaStorage", targets: ["DeltaStorage"]),
        .library(name: "DeltaTable", targets: ["DeltaTable"]),
        .library(name: "TextFormats", targets: ["TextFormats"]),
        .library(name: "DeltaCLI", targets: ["DeltaCLI"]),
        .executable(name: "deltactl", targets: ["deltactl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(name: "CSnappy", pkgConfig: "snappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Columnar", swiftSettings: strict),
        .target(name: "Parquet",
                dependencies: ["Columnar", "CZstd", "CLZ4", "CSnappy", "CZlib"],
                swiftSettings: strict),
        .target(name: "Expressions", dependencies: ["Columnar"], swiftSettings: strict),
        .target(name: "DeltaLog", dependencies: ["Columnar", "Parquet", "Expressions"], swiftSettings: strict),
        .target(name: "DeltaStorage", dependencies: ["DeltaLog"], swiftSettings: strict),
        // Fault injection for the reliability tests: in no product, so no release build has it.
        .target(name: "DeltaTestSupport", dependencies: ["DeltaStorage"], swiftSettings: strict),
        .target(name: "DeltaTable",
                dependencies: ["Columnar", "Parquet", "Expressions", "DeltaLog", "DeltaStorage"],
                swiftSettings: strict),
        .target(name: "TextFormats", dependencies: ["Columnar", "DeltaLog", "DeltaStorage"], swiftSettings: strict),
        .target(name: "DeltaCLI",
                dependencies: ["Columnar", "Parquet", "Expressions", "DeltaLog", "DeltaStorage", "DeltaTable", "TextFormats",
                               .product(name: "ArgumentParser", package: "swift-argument-parser")],
                swiftSettings: strict),
        .executableTarget(name: "deltactl", dependencies: ["DeltaCLI"], swiftSettings: strict),
        .testTarget(name: "ColumnarTests", dependencies: ["Columnar"]),
        .testTarget(name: "ParquetTests", dependencies: ["Parquet", "Columnar", "DeltaLog", "DeltaStorage"]),
        .testTarget(name: "ExpressionsTests", dependencies: ["Expressions", "Columnar"]),
        .testTarget(name: "DeltaLogTests", dependencies: ["DeltaLog", "Columnar"]),
        .testTarget(name: "DeltaStorageTests", dependencies: ["DeltaStorage", "DeltaLog", "DeltaTestSupport"]),
        .testTarget(name: "DeltaTableTests", dependencies: ["DeltaTable", "DeltaLog", "DeltaStorage", "DeltaTestSupport", "Expressions", "Columnar", "Parquet"]),
        .testTarget(name: "DocExamplesTests", dependencies: ["DeltaTable", "DeltaLog", "DeltaStorage", "Expressions", "Columnar", "TextFormats"]),
        .testTarget(name: "TextFormatsTests", dependencies: ["TextFormats", "DeltaLog", "Columnar"]),
        .testTarget(name: "DeltaCLITests", dependencies: ["DeltaCLI", "TextFormats", "DeltaLog", "Parquet", "Columnar"]),
    ],
    swiftLanguageModes: [.v6]
)
