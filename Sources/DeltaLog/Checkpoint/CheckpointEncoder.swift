import Columnar

/// The rows of a classic checkpoint of a snapshot, as RecordBatches of `CheckpointSchema`, built
/// slice by slice so that a checkpoint of millions of files never exists in memory at once.
///
/// Row order (fixed, so that slices can be built independently):
///
/// | rows                     | action                                                         |
/// |--------------------------|----------------------------------------------------------------|
/// | 0                        | protocol                                                       |
/// | 1                        | metaData                                                       |
/// | 2 …                      | txn, one per appId, sorted by appId                            |
/// | …                        | domainMetadata, one per live domain, sorted by domain          |
/// | …                        | add, one per live file, in snapshot order, dataChange = false  |
/// | … rowCount-1             | remove, unexpired tombstones in snapshot order, dataChange = false |
///
/// In each row exactly one top-level struct column is set; the others are null. Tombstones are
/// written without `stats` and `tags` (as Spark does): vacuum and replay need neither.
public struct CheckpointEncoder: Sendable {
    let snapshot: Snapshot
    let layout: CheckpointStatsLayout
    public let schema: Schema
    let transactions: [SetTransaction]
    let domains: [DomainMetadata]
    let removes: [RemoveFile]

    /// Prepares the rows of a classic checkpoint of `snapshot`. `nowMillis` decides which
    /// tombstones are still within `delta.deletedFileRetentionDuration`.
    public init(snapshot: Snapshot, nowMillis: Int64) throws {
        self.snapshot = snapshot
        layout = CheckpointStatsLayout(snapshot: snapshot)
        schema = CheckpointSchema.schema(layout: layout)
        transactions = snapshot.transactions.values.sorted { $0.appId < $1.appId }
        domains = snapshot.domainMetadata.values.filter { !$0.removed }.sorted { $0.domain < $1.domain }
        removes = snapshot.tombstones(unexpiredAt: nowMillis)
    }

    /// Total number of rows (= actions).
    public var rowCount: Int { 2 + transactions.count + domains.count + snapshot.files.count + removes.count }
    public var addCount: Int { snapshot.files.count }
    public var removeCount: Int { removes.count }

    /// Row ranges of each kind of action.
    var txnRows: Range<Int> { 2..<(2 + transactions.count) }
    var domainRows: Range<Int> { txnRows.upperBound..<(txnRows.upperBound + domains.count) }
    var addRows: Range<Int> { domainRows.upperBound..<(domainRows.upperBound + snapshot.files.count) }
    var removeRows: Range<Int> { addRows.upperBound..<(addRows.upperBound + removes.count) }

    /// The rows `[start, start+count)` as one RecordBatch of `schema`. Slices are independent: build
    /// several concurrently (the encoder is `Sendable`) to use more cores. Throws
    /// `.invalidArgument` for a range outside `0..<rowCount`.
    public func batch(rows: Range<Int>) throws -> RecordBatch {
        guard rows.lowerBound >= 0, rows.upperBound <= rowCount else {
            throw DeltaError(.invalidArgument, "checkpoint rows \(rows) are outside 0..<\(rowCount)")
        }
        func column(_ kind: Range<Int>, _ type: DataType, _ build: (Range<Int>) throws -> Column) throws -> Column {
            let lo = max(kind.lowerBound, rows.lowerBound), hi = min(kind.upperBound, rows.upperBound)
            guard lo < hi else { return CheckpointColumns.nulls(type, count: rows.count) }
            let middle = try build((lo - kind.lowerBound)..<(hi - kind.lowerBound))
            return try CheckpointColumns.padded(middle, before: lo - rows.lowerBound, after: rows.upperBound - hi)
        }
        let types = schema.fields.map(\.type)
        let columns = [
            try column(txnRows, types[0]) { txnColumn(transactions[$0]) },
            try column(addRows, types[1]) { addColumn($0) },
            try column(removeRows, types[2]) { removeColumn(removes[$0]) },
            try column(1..<2, types[3]) { _ in metadataColumn(snapshot.metadata) },
            try column(0..<1, types[4]) { _ in protocolColumn(snapshot.protocolAction) },
            try column(domainRows, types[5]) { domainColumn(domains[$0]) },
        ]
        do { return try RecordBatch(schema: schema, columns: columns) } catch {
            throw DeltaError(.invalidArgument, "checkpoint batch of rows \(rows) is inconsistent: \(error)", cause: error)
        }
    }

    // MARK: one column per kind of action

    func txnColumn(_ items: ArraySlice<SetTransaction>) -> Column {
        var appId = StringWriter(capacity: items.count)
        var version = FixedWriter<Int64>(capacity: items.count)
        var lastUpdated = FixedWriter<Int64>(capacity: items.count)
        for t in items {
            appId.append(t.appId)
            version.append(t.version)
            lastUpdated.append(optional: t.lastUpdated)
        }
        return CheckpointColumns.structure(CheckpointSchema.txnType,
                                           [appId.finish(), version.finish(), lastUpdated.finish()],
                                           validity: nil, count: items.count)
    }

    func domainColumn(_ items: ArraySlice<DomainMetadata>) -> Column {
        var domain = StringWriter(capacity: items.count)
        var configuration = StringWriter(capacity: items.count)
        var removed = BoolWriter(capacity: items.count)
        for d in items {
            domain.append(d.domain)
            configuration.append(d.configuration)
            removed.append(d.removed)
        }
        return CheckpointColumns.structure(CheckpointSchema.domainMetadataType,
                                           [domain.finish(), configuration.finish(), removed.finish()],
                                           validity: nil, count: items.count)
    }

    func protocolColumn(_ p: DeltaProtocol) -> Column {
        var reader = FixedWriter<Int32>(capacity: 1), writer = FixedWriter<Int32>(capacity: 1)
        reader.append(Int32(clamping: p.minReaderVersion))
        writer.append(Int32(clamping: p.minWriterVersion))
        var readerFeatures = StringListWriter(), writerFeatures = StringListWriter()
        readerFeatures.append(p.readerFeatures)
        writerFeatures.append(p.writerFeatures)
        return CheckpointColumns.structure(CheckpointSchema.protocolType,
                                           [reader.finish(), writer.finish(), readerFeatures.finish(), writerFeatures.finish()],
                                           validity: nil, count: 1)
    }

    func metadataColumn(_ m: Metadata) -> Column {
        var id = StringWriter(capacity: 1), name = StringWriter(capacity: 1), description = StringWriter(capacity: 1)
        var provider = StringWriter(capacity: 1), schemaString = StringWriter(capacity: 1), createdTime = FixedWriter<Int64>(capacity: 1)
        var options = StringMapWriter(capacity: 1), configuration = StringMapWriter(capacity: 1)
        var partitionColumns = StringListWriter()
        id.append(m.id)
        name.append(optional: m.name)
        description.append(optional: m.description)
        provider.append(m.format.provider)
        options.append(m.format.options)
        schemaString.append(m.schemaString)
        partitionColumns.append(m.partitionColumns)
        configuration.append(m.configuration)
        createdTime.append(optional: m.createdTime)
        let format = CheckpointColumns.structure(CheckpointSchema.formatType, [provider.finish(), options.finish()],
                                                 validity: nil, count: 1)
        return CheckpointColumns.structure(CheckpointSchema.metadataType,
                                           [id.finish(), name.finish(), description.finish(), format,
                                            schemaString.finish(), partitionColumns.finish(),
                                            configuration.finish(), createdTime.finish()],
                                           validity: nil, count: 1)
    }

    func removeColumn(_ items: ArraySlice<RemoveFile>) -> Column {
        let n = items.count
        var path = StringWriter(capacity: n), deletionTimestamp = FixedWriter<Int64>(capacity: n)
        var dataChange = BoolWriter(capacity: n), extended = BoolWriter(capacity: n)
        var partitionValues = StringMapWriter(capacity: n), size = FixedWriter<Int64>(capacity: n)
        var dv = DeletionVectorWriter()
        var baseRowId = FixedWriter<Int64>(capacity: n), rowCommitVersion = FixedWriter<Int64>(capacity: n)
        for r in items {
            path.append(r.path)
            deletionTimestamp.append(optional: r.deletionTimestamp)
            dataChange.append(false)
            extended.append(optional: r.extendedFileMetadata)
            if let pv = r.partitionValues { appendPartitionValues(pv, to: &partitionValues) } else { partitionValues.appendNull() }
            size.append(optional: r.size)
            dv.append(r.deletionVector)
            baseRowId.append(optional: r.baseRowId)
            rowCommitVersion.append(optional: r.defaultRowCommitVersion)
        }
        return CheckpointColumns.structure(CheckpointSchema.removeType,
                                           [path.finish(), deletionTimestamp.finish(), dataChange.finish(),
                                            extended.finish(), partitionValues.finish(), size.finish(), dv.finish(),
                                            baseRowId.finish(), rowCommitVersion.finish()],
                                           validity: nil, count: n)
    }

    /// The adds of `snapshot.files` at `rows` (indexed by position, so this works for any
    /// collection of files with Int indices from 0).
    func addColumn(_ rows: Range<Int>) -> Column {
        let files = snapshot.files
        let n = rows.count
        var path = StringWriter(capacity: n), partitionValues = StringMapWriter(capacity: n)
        var size = FixedWriter<Int64>(capacity: n), modificationTime = FixedWriter<Int64>(capacity: n)
        var dataChange = BoolWriter(capacity: n), stats = StringWriter(capacity: n)
        var tags = StringMapWriter(capacity: n), dv = DeletionVectorWriter()
        var baseRowId = FixedWriter<Int64>(capacity: n), rowCommitVersion = FixedWriter<Int64>(capacity: n)
        var clusteringProvider = StringWriter(capacity: n)
        var parsedPartitions = layout.partitionValuesParsedType.map { _ in PartitionValuesParsedWriter(layout: layout, capacity: n) }
        var parsedStats = layout.statsParsedType.map { StatsParsedWriter(layout: layout, type: $0, capacity: n) }
        for i in rows {
            let f = files[i]
            path.append(f.path)
            appendPartitionValues(f.partitionValues, to: &partitionValues)
            size.append(f.size)
            modificationTime.append(f.modificationTime)
            dataChange.append(false)
            if layout.writeStatsAsJson { stats.append(optional: f.stats) }
            tags.append(f.tags)
            dv.append(f.deletionVector)
            baseRowId.append(optional: f.baseRowId)
            rowCommitVersion.append(optional: f.defaultRowCommitVersion)
            clusteringProvider.append(optional: f.clusteringProvider)
            parsedPartitions?.append(f.partitionValues)
            parsedStats?.append(f.stats)
        }
        var children = [path.finish(), partitionValues.finish(), size.finish(), modificationTime.finish(), dataChange.finish()]
        if layout.writeStatsAsJson { children.append(stats.finish()) }
        children += [tags.finish(), dv.finish(), baseRowId.finish(), rowCommitVersion.finish(), clusteringProvider.finish()]
        if let parsedPartitions { children.append(parsedPartitions.finish()) }
        if let parsedStats { children.append(parsedStats.finish()) }
        return CheckpointColumns.structure(CheckpointSchema.addType(layout: layout), children, validity: nil, count: n)
    }

    /// Partition values in metaData order (then any other keys, sorted).
    func appendPartitionValues(_ values: [String: String?], to writer: inout StringMapWriter) {
        var written = 0
        for column in layout.partitionColumns {
            guard let value = values[column.key] else { continue }
            writer.appendEntry(column.key, value)
            written += 1
        }
        if written < values.count {
            let known = Set(layout.partitionColumns.map(\.key))
            for key in values.keys.sorted() where !known.contains(key) { writer.appendEntry(key, values[key]!) }
        }
        writer.endRow()
    }
}
