/// Writes actions with the protocol's exact field names, nil optionals omitted, Int64 as JSON
/// integers. Maps are written with their keys sorted, so the output is deterministic.
extension ActionCodec {
    static func encode(_ action: Action, to out: inout [UInt8]) {
        var w = ObjectWriter(takingOver: &out)
        switch action {
        case let .protocol(p):
            w.object("protocol") { w in
                w.int("minReaderVersion", Int64(p.minReaderVersion))
                w.int("minWriterVersion", Int64(p.minWriterVersion))
                if let f = p.readerFeatures { w.strings("readerFeatures", f) }
                if let f = p.writerFeatures { w.strings("writerFeatures", f) }
            }
        case let .metadata(m):
            w.object("metaData") { w in
                w.string("id", m.id)
                if let v = m.name { w.string("name", v) }
                if let v = m.description { w.string("description", v) }
                w.object("format") { w in
                    w.string("provider", m.format.provider)
                    w.stringMap("options", m.format.options)
                }
                w.string("schemaString", m.schemaString)
                w.strings("partitionColumns", m.partitionColumns)
                w.stringMap("configuration", m.configuration)
                if let v = m.createdTime { w.int("createdTime", v) }
            }
        case let .add(a):
            w.object("add") { w in
                w.string("path", a.path)
                w.nullableStringMap("partitionValues", a.partitionValues)
                w.int("size", a.size)
                w.int("modificationTime", a.modificationTime)
                w.bool("dataChange", a.dataChange)
                if let v = a.stats { w.string("stats", v) }
                if let v = a.tags { w.nullableStringMap("tags", v) }
                if let v = a.deletionVector { w.deletionVector(v) }
                if let v = a.baseRowId { w.int("baseRowId", v) }
                if let v = a.defaultRowCommitVersion { w.int("defaultRowCommitVersion", v) }
                if let v = a.clusteringProvider { w.string("clusteringProvider", v) }
            }
        case let .remove(a):
            w.object("remove") { w in
                w.string("path", a.path)
                if let v = a.deletionTimestamp { w.int("deletionTimestamp", v) }
                w.bool("dataChange", a.dataChange)
                if let v = a.extendedFileMetadata { w.bool("extendedFileMetadata", v) }
                if let v = a.partitionValues { w.nullableStringMap("partitionValues", v) }
                if let v = a.size { w.int("size", v) }
                if let v = a.stats { w.string("stats", v) }
                if let v = a.tags { w.nullableStringMap("tags", v) }
                if let v = a.deletionVector { w.deletionVector(v) }
                if let v = a.baseRowId { w.int("baseRowId", v) }
                if let v = a.defaultRowCommitVersion { w.int("defaultRowCommitVersion", v) }
            }
        case let .cdc(c):
            w.object("cdc") { w in
                w.string("path", c.path)
                w.nullableStringMap("partitionValues", c.partitionValues)
                w.int("size", c.size)
                w.bool("dataChange", c.dataChange)
                if let v = c.tags { w.nullableStringMap("tags", v) }
            }
        case let .txn(t):
            w.object("txn") { w in
                w.string("appId", t.appId)
                w.int("version", t.version)
                if let v = t.lastUpdated { w.int("lastUpdated", v) }
            }
        case let .commitInfo(c):
            w.key("commitInfo")
            JSONWriter.append(commitInfoJSON(c), to: &w.out)
            w.first = false
        case let .domainMetadata(d):
            w.object("domainMetadata") { w in
                w.string("domain", d.domain)
                w.string("configuration", d.configuration)
                w.bool("removed", d.removed)
            }
        case let .sidecar(s):
            w.object("sidecar") { w in
                w.string("path", s.path)
                w.int("sizeInBytes", s.sizeInBytes)
                w.int("modificationTime", s.modificationTime)
                if let v = s.tags { w.nullableStringMap("tags", v) }
            }
        case let .checkpointMetadata(c):
            w.object("checkpointMetadata") { w in
                w.int("version", c.version)
                if let v = c.tags { w.nullableStringMap("tags", v) }
            }
        }
        out = w.finish()
    }

    /// The JSON object written for a commitInfo: `raw` verbatim when the typed fields agree with
    /// it (nothing another writer put there is lost); otherwise the typed fields, followed by
    /// raw's other members.
    static func commitInfoJSON(_ c: CommitInfo) -> JSONValue {
        if let raw = c.raw {
            var typedOnly = commitInfo(from: raw)
            typedOnly.raw = c.raw
            if typedOnly == c { return raw }
        }
        var entries: [(key: String, value: JSONValue)] = []
        if let v = c.timestamp { entries.append(("timestamp", .number(String(v)))) }
        if let v = c.inCommitTimestamp { entries.append(("inCommitTimestamp", .number(String(v)))) }
        if let v = c.operation { entries.append(("operation", .string(v))) }
        if let v = c.operationParameters {
            entries.append(("operationParameters", .object(v.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })))
        }
        if let v = c.readVersion { entries.append(("readVersion", .number(String(v)))) }
        if let v = c.isolationLevel { entries.append(("isolationLevel", .string(v))) }
        if let v = c.isBlindAppend { entries.append(("isBlindAppend", .bool(v))) }
        if let v = c.operationMetrics {
            entries.append(("operationMetrics", .object(v.sorted { $0.key < $1.key }.map { (key: $0.key, value: .string($0.value)) })))
        }
        if let v = c.engineInfo { entries.append(("engineInfo", .string(v))) }
        if let v = c.txnId { entries.append(("txnId", .string(v))) }
        if let v = c.userMetadata { entries.append(("userMetadata", .string(v))) }
        if case let .object(rawEntries)? = c.raw {
            let typedKeys: Set<String> = ["timestamp", "inCommitTimestamp", "operation", "operationParameters",
                                          "readVersion", "isolationLevel", "isBlindAppend", "operationMetrics",
                                          "engineInfo", "txnId", "userMetadata"]
            for e in rawEntries where !typedKeys.contains(e.key) { entries.append(e) }
        }
        return .object(entries)
    }
}

/// Appends `"key":value` members to a JSON object under construction.
struct ObjectWriter {
    var out: [UInt8]
    var first = true

    init(out: [UInt8]) {
        self.out = out
        self.out.append(UInt8(ascii: "{"))
    }

    /// Continues `out` (moved in without a copy; `out` is left empty until `finish`).
    init(takingOver out: inout [UInt8]) {
        self.out = out
        out = []
        self.out.append(UInt8(ascii: "{"))
    }

    mutating func finish() -> [UInt8] {
        out.append(UInt8(ascii: "}"))
        return out
    }

    mutating func key(_ k: String) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: k.utf8)   // our own field names: plain ASCII, no escaping needed
        out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    mutating func string(_ k: String, _ v: String) {
        key(k)
        JSONWriter.appendString(v, to: &out)
    }

    mutating func int(_ k: String, _ v: Int64) {
        key(k)
        out.append(contentsOf: String(v).utf8)
    }

    mutating func bool(_ k: String, _ v: Bool) {
        key(k)
        out.append(contentsOf: (v ? "true" : "false").utf8)
    }

    mutating func strings(_ k: String, _ v: [String]) {
        key(k)
        out.append(UInt8(ascii: "["))
        for (i, s) in v.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(s, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    mutating func object(_ k: String, _ body: (inout ObjectWriter) -> Void) {
        key(k)
        var inner = ObjectWriter(out: [])
        body(&inner)
        out.append(contentsOf: inner.finish())
    }

    mutating func stringMap(_ k: String, _ v: [String: String]) {
        key(k)
        out.append(UInt8(ascii: "{"))
        for (i, e) in v.sorted(by: { $0.key < $1.key }).enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(e.key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONWriter.appendString(e.value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    mutating func nullableStringMap(_ k: String, _ v: [String: String?]) {
        key(k)
        out.append(UInt8(ascii: "{"))
        for (i, e) in v.sorted(by: { $0.key < $1.key }).enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(e.key, to: &out)
            out.append(UInt8(ascii: ":"))
            if let s = e.value { JSONWriter.appendString(s, to: &out) } else { out.append(contentsOf: "null".utf8) }
        }
        out.append(UInt8(ascii: "}"))
    }

    mutating func deletionVector(_ dv: DeletionVectorDescriptor) {
        object("deletionVector") { w in
            w.string("storageType", dv.storageType)
            w.string("pathOrInlineDv", dv.pathOrInlineDv)
            if let o = dv.offset { w.int("offset", Int64(o)) }
            w.int("sizeInBytes", Int64(dv.sizeInBytes))
            w.int("cardinality", dv.cardinality)
            if let m = dv.maxRowIndex { w.int("maxRowIndex", m) }
        }
    }
}
