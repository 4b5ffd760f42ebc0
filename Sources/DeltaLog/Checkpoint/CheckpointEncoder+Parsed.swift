import Columnar

/// Writes `add.partitionValues_parsed`: each partition value parsed to its column's type
/// (`PartitionValue.parse`). A value that does not parse is written as null; the string map
/// keeps the original text.
struct PartitionValuesParsedWriter {
    private let layout: CheckpointStatsLayout
    private var leaves: TypedLeaves
    /// The last text parsed per column and its value: files sorted by path share partition values.
    private var last: [(text: String?, value: Scalar)?]
    private var count = 0

    init(layout: CheckpointStatsLayout, capacity: Int) {
        self.layout = layout
        leaves = TypedLeaves(types: layout.partitionColumns.map(\.type), capacity: capacity)
        last = Array(repeating: nil, count: layout.partitionColumns.count)
    }

    mutating func append(_ values: [String: String?]) {
        for (k, column) in layout.partitionColumns.enumerated() {
            let text = values[column.key] ?? nil
            let value: Scalar
            if let cached = last[k], cached.text == text {
                value = cached.value
            } else {
                value = (try? PartitionValue.parse(text, as: column.type, column: column.name)) ?? .null
                last[k] = (text, value)
            }
            leaves.append(scalar: value, k)
        }
        count += 1
    }

    func finish() -> Column {
        CheckpointColumns.structure(layout.partitionValuesParsedType!, layout.partitionColumns.indices.map { leaves.finish($0) },
                                    validity: nil, count: count)
    }
}

/// Writes `add.stats_parsed` from each file's `stats` JSON: numRecords, typed min/max per bounded
/// leaf, null counts per counted leaf, tightBounds. A file without statistics (or with statistics
/// that are not valid JSON or lack numRecords) gets a null struct; a value that cannot be read as
/// its leaf's type is null. The JSON is read in one streaming pass (`CheckpointStatsScanner`).
struct StatsParsedWriter {
    private let layout: CheckpointStatsLayout
    private let type: DataType
    private var validity = Bitmap()
    private var numRecords: FixedWriter<Int64>
    private var mins: TypedLeaves
    private var maxs: TypedLeaves
    private var nullCounts: [FixedWriter<Int64>]
    private var tightBounds: BoolWriter
    private var scanner: CheckpointStatsScanner

    init(layout: CheckpointStatsLayout, type: DataType, capacity: Int) {
        self.layout = layout
        self.type = type
        numRecords = FixedWriter(capacity: capacity)
        mins = TypedLeaves(types: layout.boundedLeaves.map(\.type), capacity: capacity)
        maxs = mins
        nullCounts = layout.countedLeaves.map { _ in FixedWriter(capacity: capacity) }
        tightBounds = BoolWriter(capacity: capacity)
        validity.reserveCapacity(capacity)
        scanner = CheckpointStatsScanner(layout: layout)
    }

    mutating func append(_ stats: String?) {
        guard var stats else {
            appendNull()
            return
        }
        stats.withUTF8 { utf8 in
            let text = UnsafeRawBufferPointer(utf8)
            guard scanner.scan(text), let n = scanner.numRecords else {
                appendNull()
                return
            }
            validity.append(true)
            numRecords.append(n)
            scanner.arena.withUnsafeBytes { arena in
                let n = scanner.leafCount
                for k in 0..<n {
                    mins.append(pending: scanner.bounds[k], k, text: text, arena: arena)
                    maxs.append(pending: scanner.bounds[n + k], k, text: text, arena: arena)
                }
            }
            for k in nullCounts.indices { nullCounts[k].append(optional: scanner.nullCounts[k]) }
            tightBounds.append(optional: scanner.tightBounds)
        }
    }

    private mutating func appendNull() {
        validity.append(false)
        numRecords.appendNull()
        mins.appendNullRow()
        maxs.appendNullRow()
        for k in nullCounts.indices { nullCounts[k].appendNull() }
        tightBounds.appendNull()
    }

    /// The flat columns, unnested: which files have statistics, numRecords, the min and max of
    /// each bounded leaf and the null count of each counted leaf (layout order).
    func finishLeaves() -> (valid: Bitmap, numRecords: Column, mins: [Column], maxs: [Column], nullCounts: [Column]) {
        (validity, numRecords.finish(), mins.types.indices.map { mins.finish($0) }, maxs.types.indices.map { maxs.finish($0) },
         nullCounts.map { $0.finish() })
    }

    func finish() -> Column {
        let count = validity.count
        guard case let .struct(fields) = type else { preconditionFailure("stats_parsed is a struct") }
        var children: [Column] = []
        for f in fields {
            switch f.name {
            case "numRecords": children.append(numRecords.finish())
            case "minValues": children.append(CheckpointColumns.nested(f.type, leaves: mins.types.indices.map { mins.finish($0) }, validity: validity, count: count))
            case "maxValues": children.append(CheckpointColumns.nested(f.type, leaves: maxs.types.indices.map { maxs.finish($0) }, validity: validity, count: count))
            case "nullCount": children.append(CheckpointColumns.nested(f.type, leaves: nullCounts.map { $0.finish() }, validity: validity, count: count))
            default: children.append(tightBounds.finish())
            }
        }
        return CheckpointColumns.structure(type, children, validity: validity, count: count)
    }
}
