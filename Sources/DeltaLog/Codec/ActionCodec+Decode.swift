/// Field scanners for each action kind: read the object member by member, keep the known
/// fields, skip the rest, then check that the protocol's required fields were present.
extension ActionCodec {
    static func missing(_ field: String, in action: String, _ r: JSONReader, at start: Int) -> JSONSyntaxError {
        r.fail("\(action) action has no '\(field)', which the protocol requires", at: start)
    }

    static func decodeAdd(_ r: inout JSONReader) throws(JSONSyntaxError) -> AddFile {
        try r.expectObject("add")
        let start = r.pos
        var path: String?, partitionValues: [String: String?]?, size: Int64?, modificationTime: Int64?
        var dataChange: Bool?, stats: String?, tags: [String: String?]?, dv: DeletionVectorDescriptor?
        var baseRowId: Int64?, defaultRowCommitVersion: Int64?, clusteringProvider: String?
        if try r.beginObject() {
            repeat {
                let k = try r.readKey()
                if k.is("path") { path = try r.readString("add.path") }
                else if k.is("partitionValues") { partitionValues = try r.readNullableStringMap("add.partitionValues") }
                else if k.is("size") { size = try r.readInt64("add.size") }
                else if k.is("modificationTime") { modificationTime = try r.readInt64("add.modificationTime") }
                else if k.is("dataChange") { dataChange = try r.readBool("add.dataChange") }
                else if k.is("stats") { stats = try r.readOptionalString("add.stats") }
                else if k.is("tags") { tags = r.readNull() ? nil : try r.readNullableStringMap("add.tags") }
                else if k.is("deletionVector") { dv = try decodeDeletionVector(&r, "add.deletionVector") }
                else if k.is("baseRowId") { baseRowId = try r.readOptionalInt64("add.baseRowId") }
                else if k.is("defaultRowCommitVersion") { defaultRowCommitVersion = try r.readOptionalInt64("add.defaultRowCommitVersion") }
                else if k.is("clusteringProvider") { clusteringProvider = try r.readOptionalString("add.clusteringProvider") }
                else { try r.skipValue() }
            } while try r.nextMember()
        }
        guard let path else { throw missing("path", in: "add", r, at: start) }
        guard let partitionValues else { throw missing("partitionValues", in: "add", r, at: start) }
        guard let size else { throw missing("size", in: "add", r, at: start) }
        guard let modificationTime else { throw missing("modificationTime", in: "add", r, at: start) }
        guard let dataChange else { throw missing("dataChange", in: "add", r, at: start) }
        return AddFile(path: path, partitionValues: partitionValues, size: size, modificationTime: modificationTime,
                       dataChange: dataChange, stats: stats, tags: tags, deletionVector: dv, baseRowId: baseRowId,
                       defaultRowCommitVersion: defaultRowCommitVersion, clusteringProvider: clusteringProvider)
    }

    static func decodeRemove(_ r: inout JSONReader) throws(JSONSyntaxError) -> RemoveFile {
        try r.expectObject("remove")
        let start = r.pos
        var path: String?, deletionTimestamp: Int64?, dataChange: Bool?, extended: Bool?
        var partitionValues: [String: String?]?, size: Int64?, stats: String?, tags: [String: String?]?
        var dv: DeletionVectorDescriptor?, baseRowId: Int64?, defaultRowCommitVersion: Int64?
        if try r.beginObject() {
            repeat {
                let k = try r.readKey()
                if k.is("path") { path = try r.readString("remove.path") }
                else if k.is("deletionTimestamp") { deletionTimestamp = try r.readOptionalInt64("remove.deletionTimestamp") }
                else if k.is("dataChange") { dataChange = try r.readBool("remove.dataChange") }
                else if k.is("extendedFileMetadata") { extended = try r.readOptionalBool("remove.extendedFileMetadata") }
                else if k.is("partitionValues") { partitionValues = r.readNull() ? nil : try r.readNullableStringMap("remove.partitionValues") }
                else if k.is("size") { size = try r.readOptionalInt64("remove.size") }
                else if k.is("stats") { stats = try r.readOptionalString("remove.stats") }
                else if k.is("tags") { tags = r.readNull() ? nil : try r.readNullableStringMap("remove.tags") }
                else if k.is("deletionVector") { dv = try decodeDeletionVector(&r, "remove.deletionVector") }
                else if k.is("baseRowId") { baseRowId = try r.readOptionalInt64("remove.baseRowId") }
                else if k.is("defaultRowCommitVersion") { defaultRowCommitVersion = try r.readOptionalInt64("remove.defaultRowCommitVersion") }
                else { try r.skipValue() }
            } while try r.nextMember()
        }
        guard let path else { throw missing("path", in: "remove", r, at: start) }
        // dataChange is required by the protocol, but some old writers omitted it; true is the safe reading.
        return RemoveFile(path: path, deletionTimestamp: deletionTimestamp, dataChange: dataChange ?? true,
                          extendedFileMetadata: extended, partitionValues: partitionValues, size: size, stats: stats,
                          tags: tags, deletionVector: dv, baseRowId: baseRowId, defaultRowCommitVersion: defaultRowCommitVersion)
    }

    static func decodeDeletionVector(_ r: inout JSONReader, _ field: String) throws(JSONSyntaxError) -> DeletionVectorDescriptor? {
        if r.readNull() { return nil }
        try r.expectObject(field)
        let start = r.pos
        var storageType: String?, pathOrInlineDv: String?, offset: Int32?, sizeInBytes: Int32?
        var cardinality: Int64?, maxRowIndex: Int64?
        if try r.beginObject() {
            repeat {
                let k = try r.readKey()
                if k.is("storageType") { storageType = try r.readString("\(field).storageType") }
                else if k.is("pathOrInlineDv") { pathOrInlineDv = try r.readString("\(field).pathOrInlineDv") }
                else if k.is("offset") { offset = r.readNull() ? nil : try r.readInt32("\(field).offset") }
                else if k.is("sizeInBytes") { sizeInBytes = try r.readInt32("\(field).sizeInBytes") }
                else if k.is("cardinality") { cardinality = try r.readInt64("\(field).cardinality") }
                else if k.is("maxRowIndex") { maxRowIndex = try r.readOptionalInt64("\(field).maxRowIndex") }
                else { try r.skipValue() }
            } while try r.nextMember()
        }
        guard let storageType else { throw missing("storageType", in: field, r, at: start) }
        guard let pathOrInlineDv else { throw missing("pathOrInlineDv", in: field, r, at: start) }
        guard let sizeInBytes else { throw missing("sizeInBytes", in: field, r, at: start) }
        guard let cardinality else { throw missing("cardinality", in: field, r, at: start) }
        return DeletionVectorDescriptor(storageType: storageType, pathOrInlineDv: pathOrInlineDv, offset: offset,
                                        sizeInBytes: sizeInBytes, cardinality: cardinality, maxRowIndex: maxRowIndex)
    }

    static func decodeProtocol(_ r: inout JSONReader) throws(JSONSyntaxError) -> DeltaProtocol {
        try r.expectObject("protocol")
        let start = r.pos
        var reader: Int?, writer: Int?, readerFeatures: [String]?, writerFeatures: [String]?
        if try r.beginObject() {
            repeat {
                let k = try r.readKey()
                if k.is("minReaderVersion") { reader = try r.readInt("protocol.minReaderVersion") }
                else if k.is("minWriterVersion") { writer = try r.readInt("protocol.minWriterVersion") }
                else if k.is("readerFeatures") { readerFeatures = r.readNull() ? nil : try r.readStringArray("protocol.readerFeatures") }
                else if k.is("writerFeatures") { writerFeatures = r.readNull() ? nil : try r.readStringArray("protocol.writerFeatures") }
                else { try r.skipValue() }
            } while try r.nextMember()
        }
        guard let reader else { throw missing("minReaderVersion", in: "protocol", r, at: start) }
        guard let writer else { throw missing("minWriterVersion", in: "protocol", r, at: start) }
        return DeltaProtocol(minReaderVersion: reader, minWriterVersion: writer,
                             readerFeatures: readerFeatures, writerFeatures: writerFeatures)
    }

    static func decodeMetadata(_ r: inout JSONReader) throws(JSONSyntaxError) -> Metadata {
        try r.expectObject("metaData")
        let start = r.pos
        var id: String?, name: String?, description: String?, format = Metadata.Format(), schemaString: String?
        var partitionColumns: [String] = [], configuration: [String: String] = [:], createdTime: Int64?
        if try r.beginObject() {
            repeat {
                let k = try r.readKey()
                if k.is("id") { id = try r.readString("metaData.id") }
                else if k.is("name") { name = try r.readOptionalString("metaData.name") }
                else if k.is("description") { description = try r.readOptionalString("metaData.description") }
                else if k.is("schemaString") { schemaString = try r.readString("metaData.schemaString") }
                else if k.is("partitionColumns") { partitionColumns = try r.readStringArray("metaData.partitionColumns") }
                else if k.is("configuration") { configuration = r.readNull() ? [:] : try r.readStringMap("metaData.configuration") }
                else if k.is("createdTime") { createdTime = try r.readOptionalInt64("metaData.createdTime") }
                else if k.is("format") {
                    try r.expectObject("metaData.format")
                    if try r.beginObject() {
                        repeat {
                            let f = try r.readKey()
                            if f.is("provider") { format.provider = try r.readString("metaData.format.provider") }
                            else if f.is("options") { format.options = r.readNull() ? [:] : try r.readStringMap("metaData.format.options") }
                            else { try r.skipValue() }
                        } while try r.nextMember()
                    }
                }
                else { try r.skipValue() }
            } while try r.nextMember()
        }
        guard let id else { throw missing("id", in: "metaData", r, at: start) }
        guard let schemaString else { throw missing("schemaString", in: "metaData", r, at: start) }
        return Metadata(id: id, name: name, description: description, format: format, schemaString: schemaString,
                        partitionColumns: partitionColumns, configuration: configuration, createdTime: createdTime)
    }

    static func decodeTxn(_ r: inout JSONReader) throws(JSONSyntaxError) -> SetTransaction {
        try r.expectObject("txn")
        let start = r.pos
        var appId: String?, version: Int64?, lastUpdated: Int64?
        if try r.beginObject() {
            repeat {
                let k = try r.readKey()
                if k.is("appId") { appId = try r.readString("txn.appId") }
                else if k.is("version") { version = try r.readInt64("txn.version") }
                else if k.is("lastUpdated") { lastUpdated = try r.readOptionalInt64("txn.lastUpdated") }
                else { try r.skipValue() }
            } while try r.nextMember()
        }
        guard let appId else { throw missing("appId", in: "txn", r, at: start) }
        guard let version else { throw missing("version", in: "txn", r, at: start) }
        return SetTransaction(appId: appId, version: version, lastUpdated: lastUpdated)
    }

    static func decodeCDC(_ r: inout JSONReader) throws(JSONSyntaxError) -> AddCDCFile {
        try r.expectObject("cdc")
        let start = r.pos
        var path: String?, partitionValues: [String: String?]?, size: Int64?, dataChange: Bool?, tags: [String: String?]?
        if try r.beginObject() {
            repeat {
                let k = try r.readKey()
                if k.is("path") { path = try r.readString("cdc.path") }
                else if k.is("partitionValues") { partitionValues = try r.readNullableStringMap("cdc.partitionValues") }
                else if k.is("size") { size = try r.readInt64("cdc.size") }
                else if k.is("dataChange") { dataChange = try r.readBool("cdc.dataChange") }
                else if k.is("tags") { tags = r.readNull() ? nil : try r.readNullableStringMap("cdc.tags") }
                else { try r.skipValue() }
            } while try r.nextMember()
        }
        guard let path else { throw missing("path", in: "cdc", r, at: start) }
        guard let size else { throw missing("size", in: "cdc", r, at: start) }
        return AddCDCFile(path: path, partitionValues: partitionValues ?? [:], size: size,
                          dataChange: dataChange ?? false, tags: tags)
    }

    static func decodeDomainMetadata(_ r: inout JSONReader) throws(JSONSyntaxError) -> DomainMetadata {
        try r.expectObject("domainMetadata")
        let start = r.pos
        var domain: String?, configuration: String?, removed: Bool?
        if try r.beginObject() {
            repeat {
                let k = try r.readKey()
                if k.is("domain") { domain = try r.readString("domainMetadata.domain") }
                else if k.is("configuration") { configuration = try r.readString("domainMetadata.configuration") }
                else if k.is("removed") { removed = try r.readBool("domainMetadata.removed") }
                else { try r.skipValue() }
            } while try r.nextMember()
        }
        guard let domain else { throw missing("domain", in: "domainMetadata", r, at: start) }
        guard let configuration else { throw missing("configuration", in: "domainMetadata", r, at: start) }
        guard let removed else { throw missing("removed", in: "domainMetadata", r, at: start) }
        return DomainMetadata(domain: domain, configuration: configuration, removed: removed)
    }

    static func decodeSidecar(_ r: inout JSONReader) throws(JSONSyntaxError) -> SidecarFile {
        try r.expectObject("sidecar")
        let start = r.pos
        var path: String?, sizeInBytes: Int64?, modificationTime: Int64?, tags: [String: String?]?
        if try r.beginObject() {
            repeat {
                let k = try r.readKey()
                if k.is("path") { path = try r.readString("sidecar.path") }
                else if k.is("sizeInBytes") { sizeInBytes = try r.readInt64("sidecar.sizeInBytes") }
                else if k.is("modificationTime") { modificationTime = try r.readInt64("sidecar.modificationTime") }
                else if k.is("tags") { tags = r.readNull() ? nil : try r.readNullableStringMap("sidecar.tags") }
                else { try r.skipValue() }
            } while try r.nextMember()
        }
        guard let path else { throw missing("path", in: "sidecar", r, at: start) }
        guard let sizeInBytes else { throw missing("sizeInBytes", in: "sidecar", r, at: start) }
        guard let modificationTime else { throw missing("modificationTime", in: "sidecar", r, at: start) }
        return SidecarFile(path: path, sizeInBytes: sizeInBytes, modificationTime: modificationTime, tags: tags)
    }

    static func decodeCheckpointMetadata(_ r: inout JSONReader) throws(JSONSyntaxError) -> CheckpointMetadata {
        try r.expectObject("checkpointMetadata")
        let start = r.pos
        var version: Int64?, tags: [String: String?]?
        if try r.beginObject() {
            repeat {
                let k = try r.readKey()
                if k.is("version") { version = try r.readInt64("checkpointMetadata.version") }
                else if k.is("tags") { tags = r.readNull() ? nil : try r.readNullableStringMap("checkpointMetadata.tags") }
                else { try r.skipValue() }
            } while try r.nextMember()
        }
        guard let version else { throw missing("version", in: "checkpointMetadata", r, at: start) }
        return CheckpointMetadata(version: version, tags: tags)
    }

    /// commitInfo: any object. Parsed whole into `raw`, typed fields filled where their type fits
    /// (a field of an unexpected type is left nil rather than failing the commit: commitInfo is
    /// informational and writers disagree on it).
    static func decodeCommitInfo(_ r: inout JSONReader) throws(JSONSyntaxError) -> CommitInfo {
        try r.expectObject("commitInfo")
        // One pass: every member goes into `raw`; the typed fields are picked out by a byte
        // comparison of the key on the way (no second pass over string keys).
        var info = CommitInfo()
        var entries: [(key: String, value: JSONValue)] = []
        entries.reserveCapacity(12)
        if try r.beginObject() {
            repeat {
                let k = try r.readKey()
                let value = try r.readValue(depth: 2)
                entries.append((key: k.string, value: value))
                if k.is("timestamp") { info.timestamp = value.int64Value }
                else if k.is("operation") { info.operation = value.stringValue }
                else if k.is("operationParameters") { info.operationParameters = operationParameters(value) }
                else if k.is("readVersion") { info.readVersion = value.int64Value }
                else if k.is("isolationLevel") { info.isolationLevel = value.stringValue }
                else if k.is("isBlindAppend") { info.isBlindAppend = value.boolValue }
                else if k.is("operationMetrics") { info.operationMetrics = operationMetrics(value) }
                else if k.is("engineInfo") { info.engineInfo = value.stringValue }
                else if k.is("txnId") { info.txnId = value.stringValue }
                else if k.is("inCommitTimestamp") { info.inCommitTimestamp = value.int64Value }
                else if k.is("userMetadata") { info.userMetadata = value.stringValue }
            } while try r.nextMember()
        }
        info.raw = .object(entries)
        return info
    }

    static func operationParameters(_ value: JSONValue) -> [String: JSONValue]? {
        guard case let .object(params) = value else { return nil }
        var map: [String: JSONValue] = Dictionary(minimumCapacity: params.count)
        for p in params { map[p.key] = p.value }
        return map
    }

    /// Metric values as strings: Spark writes strings, other writers numbers.
    static func operationMetrics(_ value: JSONValue) -> [String: String]? {
        guard case let .object(metrics) = value else { return nil }
        var map: [String: String] = Dictionary(minimumCapacity: metrics.count)
        for m in metrics {
            switch m.value {
            case let .string(s): map[m.key] = s
            case let .number(n): map[m.key] = n
            case let .bool(b): map[m.key] = b ? "true" : "false"
            case .null: break
            default: map[m.key] = JSONWriter.string(m.value)
            }
        }
        return map
    }

    /// The typed view of a commitInfo object (raw kept).
    public static func commitInfo(from raw: JSONValue) -> CommitInfo {
        var info = CommitInfo(raw: raw)
        guard case let .object(entries) = raw else { return info }
        for (key, value) in entries {
            switch key {
            case "timestamp": info.timestamp = value.int64Value
            case "inCommitTimestamp": info.inCommitTimestamp = value.int64Value
            case "operation": info.operation = value.stringValue
            case "operationParameters": info.operationParameters = operationParameters(value)
            case "readVersion": info.readVersion = value.int64Value
            case "isolationLevel": info.isolationLevel = value.stringValue
            case "isBlindAppend": info.isBlindAppend = value.boolValue
            case "operationMetrics": info.operationMetrics = operationMetrics(value)
            case "engineInfo": info.engineInfo = value.stringValue
            case "txnId": info.txnId = value.stringValue
            case "userMetadata": info.userMetadata = value.stringValue
            default: break
            }
        }
        return info
    }
}
