import Foundation
import Testing
import Columnar
import DeltaLog

@Suite struct PartitionValueTests {
    @Test func everyTypeBothWays() throws {
        let cases: [(Scalar, DataType, String?)] = [
            (.null, .integer, nil),
            (.string(""), .string, ""), (.string("a/b=c"), .string, "a/b=c"),
            (.boolean(true), .boolean, "true"), (.boolean(false), .boolean, "false"),
            (.byte(-8), .byte, "-8"), (.short(300), .short, "300"), (.integer(-2), .integer, "-2"),
            (.long(Int64.min), .long, "-9223372036854775808"),
            (.float(1.5), .float, "1.5"), (.double(0.1), .double, "0.1"), (.double(.infinity), .double, "Infinity"),
            (.decimal(-234234223423, precision: 12, scale: 5), .decimal(precision: 12, scale: 5), "-2342342.23423"),
            (.decimal(4, precision: 12, scale: 5), .decimal(precision: 12, scale: 5), "0.00004"),
            (.date(18878), .date, "2021-09-08"), (.date(-1), .date, "1969-12-31"),
            (.timestamp(1_631_099_471_000_001), .timestamp, "2021-09-08 11:11:11.000001"),
            (.timestamp(-1), .timestamp, "1969-12-31 23:59:59.999999"),
            (.timestampNtz(0), .timestampNtz, "1970-01-01 00:00:00"),
            (.timestamp(1_577_866_150_001_000), .timestamp, "2020-01-01 08:09:10.001"),
            (.binary([0, 0x41, 0xFF]), .binary, "\u{0}A\u{FF}"),
        ]
        for (scalar, type, text) in cases {
            #expect(PartitionValue.serialize(scalar) == text, "\(scalar)")
            #expect(try PartitionValue.parse(text, as: type, column: "c") == scalar, "\(String(describing: text))")
        }
    }

    @Test func acceptsOtherWritersForms() throws {
        #expect(try PartitionValue.parse("2021-09-08 11:11:11", as: .timestamp, column: "t") == .timestamp(1_631_099_471_000_000))
        #expect(try PartitionValue.parse("2024-01-01T10:00:00.000000Z", as: .timestamp, column: "t") == .timestamp(1_704_103_200_000_000))
        #expect(try PartitionValue.parse("2024-01-01T12:00:00+02:00", as: .timestamp, column: "t") == .timestamp(1_704_103_200_000_000))
        #expect(try PartitionValue.parse("2024-01-01 10:00:00.5", as: .timestampNtz, column: "t") == .timestampNtz(1_704_103_200_500_000))
        // As Spark's cast reads them: one-digit fields; a zone on a timestamp_ntz is dropped.
        #expect(try PartitionValue.parse("2024-1-1 10:00:00", as: .timestamp, column: "t") == .timestamp(1_704_103_200_000_000))
        #expect(try PartitionValue.parse("2024-01-01T10:00:00+02:00", as: .timestampNtz, column: "t") == .timestampNtz(1_704_103_200_000_000))
        #expect(try PartitionValue.parse("1.5", as: .decimal(precision: 5, scale: 3), column: "d") == .decimal(1500, precision: 5, scale: 3))
        #expect(try PartitionValue.parse("1E+2", as: .decimal(precision: 5, scale: 1), column: "d") == .decimal(1000, precision: 5, scale: 1))
        #expect(try PartitionValue.parse("NaN", as: .double, column: "d") == .double(.nan))
    }

    @Test func rejectsBadTextNamingColumnAndText() {
        for (text, type) in [("x", DataType.integer), ("128", .byte), ("2021-02-30", .date), ("1.25", .decimal(precision: 3, scale: 1)),
                             ("yes", .boolean), ("2021-01-01 25:00:00", .timestamp), ("\u{100}", .binary)] {
            do { _ = try PartitionValue.parse(text, as: type, column: "col"); Issue.record("\(text) as \(type) accepted") }
            catch let e as DeltaError { #expect(e.code == .invalidValue && e.message.contains("'col'") && e.message.contains("'\(text)'")) }
            catch { Issue.record("\(error)") }
        }
    }

    @Test func hiveDirectoriesEscapeLikeSpark() {
        #expect(HivePartitionPath.directory(for: [("a", "1"), ("b", "x/y")]) == "a=1/b=x%2Fy")
        #expect(HivePartitionPath.directory(for: [("c2", "+ =%0")]) == "c2=+ %3D%250")
        #expect(HivePartitionPath.directory(for: [("t", "2021-09-08 11:11:11")]) == "t=2021-09-08 11%3A11%3A11")
        #expect(HivePartitionPath.directory(for: [("a", nil), ("b", "")]) == "a=__HIVE_DEFAULT_PARTITION__/b=__HIVE_DEFAULT_PARTITION__")
        #expect(HivePartitionPath.directory(for: [("q", "\u{1}\"#'*:?\\{[]^\u{7F}é")]) == "q=%01%22%23%27%2A%3A%3F%5C%7B%5B%5D%5E%7Fé")
    }

    @Test func logPathsEncodeLikeSparkAndDecode() throws {
        #expect(LogPathEncoding.encode("_2=bar+%2521/part-0.parquet") == "_2=bar+%252521/part-0.parquet")
        #expect(LogPathEncoding.encode("as_timestamp=2021-09-08 11%3A11%3A11/p") == "as_timestamp=2021-09-08%2011%253A11%253A11/p")
        #expect(LogPathEncoding.encode("special p@#h") == "special%20p@%23h")
        #expect(LogPathEncoding.encode("a:b/c:d") == "a%3Ab/c:d")
        #expect(LogPathEncoding.encode("é") == "%C3%A9")
        for p in ["special p@#h", "a:b/c:d", "x=%25/é 😀?#[]"] { #expect(try LogPathEncoding.decode(LogPathEncoding.encode(p)) == p) }
        #expect(try LogPathEncoding.decode("file:/some/unqualified/with%20space/p@%23h") == "/some/unqualified/with space/p@#h")
        #expect(try LogPathEncoding.decode("file:///some/path") == "/some/path")
        #expect(try LogPathEncoding.decode("/some/unqualified/with%20space/p@%23h") == "/some/unqualified/with space/p@#h")
        #expect(try LogPathEncoding.decode("bar%2Dbar.snappy.parquet") == "bar-bar.snappy.parquet")
        #expect(throws: DeltaError.self) { try LogPathEncoding.decode("a%2") }
        #expect(throws: DeltaError.self) { try LogPathEncoding.decode("a%ZZ") }
        #expect(throws: DeltaError.self) { try LogPathEncoding.decode("s3://bucket/x") }
        #expect(throws: DeltaError.self) { try LogPathEncoding.decode("%FF") }
    }

    /// The golden partitioned tables: every add path decodes to a real file, the directory
    /// names equal HivePartitionPath's, and every partition value parses as its column's type.
    @Test(arguments: ["data-reader-partition-values", "data-reader-escaped-chars", "hive/deltatbl-special-chars-in-partition-column",
                      "kernel-timestamp-partition-col-ISO8601", "basic-decimal-table", "hive/deltatbl-partition-prune",
                      "data-reader-timestamp_ntz", "kernel-timestamp-PST"])
    func goldenPartitionTables(table: String) throws {
        let root = conformanceGolden + "/" + table
        var schema: Schema?, partitionColumns: [String] = []
        var adds: [AddFile] = []
        for file in goldenCommitFiles() where file.hasPrefix(root + "/_delta_log/") {
            for action in try ActionCodec.parseCommit(try readBytes(file), path: file) {
                if case let .metadata(m) = action { schema = try SchemaJSON.parse(m.schemaString); partitionColumns = m.partitionColumns }
                if case let .add(a) = action { adds.append(a) }
            }
        }
        let s = try #require(schema)
        #expect(!adds.isEmpty)
        for add in adds {
            let relative = try LogPathEncoding.decode(add.path)
            #expect(FileManager.default.fileExists(atPath: root + "/" + relative), "\(table): \(relative)")
            for column in partitionColumns {
                let type = try #require(s.field(named: column)).type
                let raw = try #require(add.partitionValues[column])
                let value = try PartitionValue.parse(raw, as: type, column: column)
                #expect((raw == nil) == value.isNull)
            }
            // Our own directory naming for Spark's values matches the file's directory when the
            // values are in Spark's canonical form (strings and Spark-written partitions).
            if table != "kernel-timestamp-partition-col-ISO8601" {
                let dir = HivePartitionPath.directory(for: partitionColumns.map { ($0, add.partitionValues[$0] ?? nil) })
                #expect(relative.hasPrefix(dir + "/"), "\(relative) vs \(dir)")
                #expect(LogPathEncoding.encode(relative) == add.path)
            }
        }
    }

    @Test func goldenSpecialCharacterAndAbsolutePathsDecode() throws {
        let b = try ActionCodec.parseCommit(try readBytes(conformanceGolden + "/log-replay-special-characters-b/_delta_log/00000000000000000000.json"), path: "b")
        let paths = b.compactMap { if case let .add(a) = $0 { return a.path } else { return nil } }
        #expect(try paths.map(LogPathEncoding.decode) == ["special p@#h"])
        // canonicalized-paths: the remove's file: URI names the add's path.
        for t in ["canonicalized-paths-normal-a", "canonicalized-paths-normal-b", "canonicalized-paths-special-a", "canonicalized-paths-special-b"] {
            var decoded: [String] = []
            // Line by line: version 0's metaData lacks schemaString, so the whole file does not parse.
            let text = try ["0", "1"].map { try String(contentsOfFile: conformanceGolden + "/\(t)/_delta_log/0000000000000000000\($0).json", encoding: .utf8) }.joined(separator: "\n")
            for line in text.split(separator: "\n") where !line.hasPrefix("{\"metaData\"") {
                switch try ActionCodec.parseAction(String(line)) {
                case let .add(a)?: decoded.append(try LogPathEncoding.decode(a.path))
                case let .remove(r)?: decoded.append(try LogPathEncoding.decode(r.path))
                default: break
                }
            }
            #expect(decoded.count == 2 && decoded[0] == decoded[1] && decoded[0].hasPrefix("/some/"), "\(t): \(decoded)")
        }
        let abs = try ActionCodec.parseCommit(try readBytes(conformanceGolden + "/data-reader-absolute-paths-escaped-chars/_delta_log/00000000000000000001.json"), path: "x")
        #expect(abs.compactMap { if case let .add(a) = $0 { return try? LogPathEncoding.decode(a.path) } else { return nil } } == ["bar-bar.snappy.parquet"])
    }
}
