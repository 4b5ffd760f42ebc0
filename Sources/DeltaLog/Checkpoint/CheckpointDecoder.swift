import Columnar

/// Turns RecordBatches read from checkpoint Parquet files into actions.
///
/// Accepts every checkpoint layout the protocol allows (PROTOCOL.md "Checkpoints"): classic and
/// multi-part files, the top-level file of a V2 checkpoint and its sidecar files, written by
/// Spark, delta-rs, delta-kernel-rs or us. Tolerant of schema variations:
///
/// - a missing top-level column or struct field reads as null; unknown columns and fields are ignored;
/// - integer fields accept any integer width (protocol versions as int or long, sizes as int or long);
/// - `stats` may be absent while `add.stats_parsed` is present: the JSON statistics are then
///   rebuilt from the typed values (`StatsParsedAccess`);
/// - `add.partitionValues` may be absent while `partitionValues_parsed` is present: the strings are
///   rebuilt with `PartitionValue.serialize`.
///
/// Rows whose action struct is null are skipped. Actions come out grouped by kind — protocol,
/// metaData, txn, domainMetadata, checkpointMetadata, sidecar, remove, add — which replay of a
/// checkpoint does not depend on (a checkpoint holds at most one action per file key).
///
/// Required fields (errors otherwise, `.corruptLog`, "<source> row N: …", N counted from 0 in the
/// batch): add.path, add.size; remove.path; metaData.id, metaData.schemaString;
/// protocol.minReaderVersion, protocol.minWriterVersion; txn.appId, txn.version;
/// domainMetadata.domain, domainMetadata.configuration; sidecar.path, sidecar.sizeInBytes,
/// sidecar.modificationTime; checkpointMetadata.version; deletionVector.storageType,
/// pathOrInlineDv, sizeInBytes, cardinality. A known field whose storage holds another kind of
/// value (a string where a number belongs) is an error at the first row of that action.
/// Defaults for absent optional fields: add.modificationTime 0, dataChange false,
/// metaData.format parquet with no options, partitionColumns and configuration empty.
public enum CheckpointDecoder {
    /// The top-level columns the decoder uses (a reader can project away the others).
    public static let columnNames: [String] = [
        "txn", "add", "remove", "metaData", "protocol", "domainMetadata", "checkpointMetadata", "sidecar",
    ]

    /// The actions in one batch of any checkpoint file. `source` names the file in errors.
    public static func actions(from batch: RecordBatch, source: String) throws -> [Action] {
        var decoder = BatchDecoder(batch: batch, source: source)
        return try decoder.decode()
    }
}

/// One batch's decoding state.
struct BatchDecoder {
    let batch: RecordBatch
    let source: String
    var actions: [Action] = []

    init(batch: RecordBatch, source: String) {
        self.batch = batch
        self.source = source
    }

    func fail(_ row: Int, _ message: String, cause: (any Error & Sendable)? = nil) -> DeltaError {
        DeltaError(.corruptLog, "\(source) row \(row): \(message); the checkpoint is damaged — delete it (and _last_checkpoint) so that readers replay the JSON commits",
                   path: source, cause: cause)
    }

    func typeError(_ row: Int, _ e: FieldTypeMismatch) -> DeltaError {
        fail(row, "\(e.field) has type \(e.found), expected \(e.expected)", cause: e)
    }

    /// The top-level struct column `name`, and the first row where it is set (nil: no such row).
    func top(_ name: String) throws -> (StructAccess, Int)? {
        guard let k = batch.schema.index(of: name) else { return nil }
        let access: StructAccess
        do { access = try StructAccess(batch.columns[k], name: name) } catch { throw typeError(0, error) }
        guard let first = (0..<batch.rowCount).first(where: { access.isValid($0) }) else { return nil }
        return (access, first)
    }

    mutating func decode() throws -> [Action] {
        try decodeProtocol()
        try decodeMetadata()
        try decodeTxn()
        try decodeDomainMetadata()
        try decodeCheckpointMetadata()
        try decodeSidecar()
        try decodeRemove()
        try decodeAdd()
        return actions
    }

    /// Resolves accessors with `resolve`, naming `row` if a field has the wrong type.
    func resolve<T>(_ row: Int, _ resolve: () throws(FieldTypeMismatch) -> T) throws -> T {
        do { return try resolve() } catch { throw typeError(row, error) }
    }

    mutating func decodeProtocol() throws {
        guard let (s, first) = try top("protocol") else { return }
        let (reader, writer, readerFeatures, writerFeatures) = try resolve(first) { () throws(FieldTypeMismatch) in
            (try s.int("minReaderVersion"), try s.int("minWriterVersion"),
             try s.stringList("readerFeatures"), try s.stringList("writerFeatures"))
        }
        for i in first..<batch.rowCount where s.isValid(i) {
            guard let r = reader.value(i), let w = writer.value(i), let r32 = Int32(exactly: r), let w32 = Int32(exactly: w) else {
                throw fail(i, "protocol.minReaderVersion / minWriterVersion is null or out of range")
            }
            actions.append(.protocol(DeltaProtocol(minReaderVersion: Int(r32), minWriterVersion: Int(w32),
                                                   readerFeatures: readerFeatures.values(i),
                                                   writerFeatures: writerFeatures.values(i))))
        }
    }

    mutating func decodeMetadata() throws {
        guard let (s, first) = try top("metaData") else { return }
        let a = try resolve(first) { () throws(FieldTypeMismatch) in
            (id: try s.string("id"), name: try s.string("name"), description: try s.string("description"),
             format: try s.structure("format"), schemaString: try s.string("schemaString"),
             partitionColumns: try s.stringList("partitionColumns"), configuration: try s.stringMap("configuration"),
             createdTime: try s.int("createdTime"))
        }
        let (provider, options) = try resolve(first) { () throws(FieldTypeMismatch) in
            (try a.format.string("provider"), try a.format.stringMap("options"))
        }
        for i in first..<batch.rowCount where s.isValid(i) {
            guard let id = a.id.string(i) else { throw fail(i, "metaData.id is null") }
            guard let schemaString = a.schemaString.string(i) else { throw fail(i, "metaData.schemaString is null") }
            var format = Metadata.Format()
            if a.format.isValid(i) {
                format = Metadata.Format(provider: provider.string(i) ?? "parquet", options: options.values(i) ?? [:])
            }
            actions.append(.metadata(Metadata(id: id, name: a.name.string(i), description: a.description.string(i),
                                              format: format, schemaString: schemaString,
                                              partitionColumns: a.partitionColumns.values(i) ?? [],
                                              configuration: a.configuration.values(i) ?? [:],
                                              createdTime: a.createdTime.value(i))))
        }
    }

    mutating func decodeTxn() throws {
        guard let (s, first) = try top("txn") else { return }
        let (appId, version, lastUpdated) = try resolve(first) { () throws(FieldTypeMismatch) in
            (try s.string("appId"), try s.int("version"), try s.int("lastUpdated"))
        }
        for i in first..<batch.rowCount where s.isValid(i) {
            guard let id = appId.string(i) else { throw fail(i, "txn.appId is null") }
            guard let v = version.value(i) else { throw fail(i, "txn.version is null") }
            actions.append(.txn(SetTransaction(appId: id, version: v, lastUpdated: lastUpdated.value(i))))
        }
    }

    mutating func decodeDomainMetadata() throws {
        guard let (s, first) = try top("domainMetadata") else { return }
        let (domain, configuration, removed) = try resolve(first) { () throws(FieldTypeMismatch) in
            (try s.string("domain"), try s.string("configuration"), try s.bool("removed"))
        }
        for i in first..<batch.rowCount where s.isValid(i) {
            guard let d = domain.string(i) else { throw fail(i, "domainMetadata.domain is null") }
            guard let c = configuration.string(i) else { throw fail(i, "domainMetadata.configuration is null") }
            actions.append(.domainMetadata(DomainMetadata(domain: d, configuration: c, removed: removed.value(i) ?? false)))
        }
    }

    mutating func decodeCheckpointMetadata() throws {
        guard let (s, first) = try top("checkpointMetadata") else { return }
        let (version, tags) = try resolve(first) { () throws(FieldTypeMismatch) in
            (try s.int("version"), try s.stringMap("tags"))
        }
        for i in first..<batch.rowCount where s.isValid(i) {
            guard let v = version.value(i) else { throw fail(i, "checkpointMetadata.version is null") }
            actions.append(.checkpointMetadata(CheckpointMetadata(version: v, tags: tags.nullableValues(i))))
        }
    }

    mutating func decodeSidecar() throws {
        guard let (s, first) = try top("sidecar") else { return }
        let (path, size, mtime, tags) = try resolve(first) { () throws(FieldTypeMismatch) in
            (try s.string("path"), try s.int("sizeInBytes"), try s.int("modificationTime"), try s.stringMap("tags"))
        }
        for i in first..<batch.rowCount where s.isValid(i) {
            guard let p = path.string(i) else { throw fail(i, "sidecar.path is null") }
            guard let n = size.value(i) else { throw fail(i, "sidecar.sizeInBytes is null") }
            guard let m = mtime.value(i) else { throw fail(i, "sidecar.modificationTime is null") }
            actions.append(.sidecar(SidecarFile(path: p, sizeInBytes: n, modificationTime: m, tags: tags.nullableValues(i))))
        }
    }

    mutating func decodeRemove() throws {
        guard let (s, first) = try top("remove") else { return }
        let a = try resolve(first) { () throws(FieldTypeMismatch) in
            (path: try s.string("path"), deletionTimestamp: try s.int("deletionTimestamp"), dataChange: try s.bool("dataChange"),
             extended: try s.bool("extendedFileMetadata"), partitionValues: try s.stringMap("partitionValues"),
             size: try s.int("size"), stats: try s.string("stats"), tags: try s.stringMap("tags"),
             dv: try DeletionVectorAccess(s.structure("deletionVector")),
             baseRowId: try s.int("baseRowId"), rowCommitVersion: try s.int("defaultRowCommitVersion"))
        }
        for i in first..<batch.rowCount where s.isValid(i) {
            guard let path = a.path.string(i) else { throw fail(i, "remove.path is null") }
            actions.append(.remove(RemoveFile(path: path, deletionTimestamp: a.deletionTimestamp.value(i),
                                              dataChange: a.dataChange.value(i) ?? false,
                                              extendedFileMetadata: a.extended.value(i),
                                              partitionValues: a.partitionValues.nullableValues(i), size: a.size.value(i),
                                              stats: a.stats.string(i), tags: a.tags.nullableValues(i),
                                              deletionVector: try a.dv.descriptor(i, self),
                                              baseRowId: a.baseRowId.value(i),
                                              defaultRowCommitVersion: a.rowCommitVersion.value(i))))
        }
    }

    mutating func decodeAdd() throws {
        guard let (s, first) = try top("add") else { return }
        let a = try resolve(first) { () throws(FieldTypeMismatch) in
            (path: try s.string("path"), partitionValues: try s.stringMap("partitionValues"), size: try s.int("size"),
             modificationTime: try s.int("modificationTime"), dataChange: try s.bool("dataChange"),
             stats: try s.string("stats"), tags: try s.stringMap("tags"),
             dv: try DeletionVectorAccess(s.structure("deletionVector")),
             baseRowId: try s.int("baseRowId"), rowCommitVersion: try s.int("defaultRowCommitVersion"),
             clusteringProvider: try s.string("clusteringProvider"),
             partitionValuesParsed: try s.structure("partitionValues_parsed"),
             statsParsed: try StatsParsedAccess(s.structure("stats_parsed")))
        }
        actions.reserveCapacity(actions.count + batch.rowCount - first)
        for i in first..<batch.rowCount where s.isValid(i) {
            guard let path = a.path.string(i) else { throw fail(i, "add.path is null") }
            guard let size = a.size.value(i) else { throw fail(i, "add.size is null (file '\(path)')") }
            var partitionValues = a.partitionValues.nullableValues(i)
            if partitionValues == nil { partitionValues = PartitionValuesFallback.values(a.partitionValuesParsed, i) }
            var stats = a.stats.string(i)
            if stats == nil { stats = a.statsParsed.json(i) }
            actions.append(.add(AddFile(path: path, partitionValues: partitionValues ?? [:], size: size,
                                        modificationTime: a.modificationTime.value(i) ?? 0,
                                        dataChange: a.dataChange.value(i) ?? false, stats: stats,
                                        tags: a.tags.nullableValues(i), deletionVector: try a.dv.descriptor(i, self),
                                        baseRowId: a.baseRowId.value(i), defaultRowCommitVersion: a.rowCommitVersion.value(i),
                                        clusteringProvider: a.clusteringProvider.string(i))))
        }
    }
}

/// The `deletionVector` struct of add / remove.
struct DeletionVectorAccess {
    let s: StructAccess
    let storageType: StringAccess, pathOrInlineDv: StringAccess
    let offset: IntAccess, sizeInBytes: IntAccess, cardinality: IntAccess, maxRowIndex: IntAccess

    init(_ s: StructAccess) throws(FieldTypeMismatch) {
        self.s = s
        storageType = try s.string("storageType")
        pathOrInlineDv = try s.string("pathOrInlineDv")
        offset = try s.int("offset")
        sizeInBytes = try s.int("sizeInBytes")
        cardinality = try s.int("cardinality")
        maxRowIndex = try s.int("maxRowIndex")
    }

    func descriptor(_ i: Int, _ decoder: BatchDecoder) throws -> DeletionVectorDescriptor? {
        guard s.isValid(i) else { return nil }
        guard let type = storageType.string(i), let where_ = pathOrInlineDv.string(i),
              let size = sizeInBytes.value(i), let size32 = Int32(exactly: size), let card = cardinality.value(i) else {
            throw decoder.fail(i, "\(s.name) lacks storageType, pathOrInlineDv, sizeInBytes or cardinality")
        }
        var offset32: Int32?
        if let o = offset.value(i) {
            guard let o32 = Int32(exactly: o) else { throw decoder.fail(i, "\(s.name).offset \(o) is out of range") }
            offset32 = o32
        }
        return DeletionVectorDescriptor(storageType: type, pathOrInlineDv: where_, offset: offset32, sizeInBytes: size32,
                                        cardinality: card, maxRowIndex: maxRowIndex.value(i))
    }
}

/// Rebuilds `partitionValues` strings from `partitionValues_parsed` when a writer left the map out.
enum PartitionValuesFallback {
    static func values(_ parsed: StructAccess, _ i: Int) -> [String: String?]? {
        guard parsed.isValid(i), let column = parsed.column else { return nil }
        guard case let .struct(fields) = column.type, case let .structure(children) = column.values else { return nil }
        var out: [String: String?] = [:]
        for (f, c) in zip(fields, children) { out[f.name] = .some(PartitionValue.serialize(c.scalar(at: i))) }
        return out
    }
}
