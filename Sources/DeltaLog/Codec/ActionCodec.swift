/// Reads and writes commit files: `_delta_log/<20-digit version>.json`.
///
/// On-disk format (PROTOCOL.md, "Delta Log Entries"): newline-delimited JSON, UTF-8. Each
/// non-blank line is one object with exactly one key naming the action:
///
/// | key                  | Swift type           | required fields                                        |
/// |----------------------|----------------------|--------------------------------------------------------|
/// | `protocol`           | `DeltaProtocol`      | minReaderVersion, minWriterVersion                     |
/// | `metaData`           | `Metadata`           | id, schemaString (format, partitionColumns, configuration default to empty) |
/// | `add`                | `AddFile`            | path, partitionValues, size, modificationTime, dataChange |
/// | `remove`             | `RemoveFile`         | path (dataChange defaults to true)                     |
/// | `cdc`                | `AddCDCFile`         | path, partitionValues, size, dataChange                |
/// | `txn`                | `SetTransaction`     | appId, version                                         |
/// | `commitInfo`         | `CommitInfo`         | none (any object; kept whole in `raw`)                 |
/// | `domainMetadata`     | `DomainMetadata`     | domain, configuration, removed                         |
/// | `sidecar`            | `SidecarFile`        | path, sizeInBytes, modificationTime                    |
/// | `checkpointMetadata` | `CheckpointMetadata` | version                                                |
///
/// Unknown action keys and unknown fields are skipped (after validating that they are JSON), as
/// the protocol requires of readers. Blank lines and a missing final newline are accepted.
/// `add`/`remove` lines are decoded by a field scanner straight from the bytes (no `JSONValue`
/// tree), which is what makes opening a long log fast.
public enum ActionCodec {
    /// Parses a commit file. Errors are `DeltaError(.corruptLog, …, path: path, line: n)` whose
    /// message names what is wrong and the column.
    public static func parseCommit(_ bytes: [UInt8], path: String) throws -> [Action] {
        try bytes.withUnsafeBytes { buffer in
            var actions: [Action] = []
            actions.reserveCapacity(8)
            var lineStart = 0
            var lineNumber = 0
            let count = buffer.count
            while lineStart < count {
                lineNumber += 1
                let lineEnd = nextNewline(buffer, from: lineStart)
                var reader = JSONReader(buffer, from: lineStart, to: lineEnd)
                do throws(JSONSyntaxError) {
                    if reader.peek() != nil, let action = try decodeLine(&reader) {
                        actions.append(action)
                    }
                } catch {
                    let column = JSONSyntaxError.lineColumn(of: error.offset, in: buffer, from: lineStart).column
                    throw DeltaError(.corruptLog, "\(error.message) (column \(column)); the commit file is not a valid Delta log entry",
                                     path: path, line: lineNumber, cause: error)
                }
                lineStart = lineEnd + 1
            }
            return actions
        }
    }

    /// Index of the next `\n` at or after `start`, or `buffer.count`. Eight bytes at a time.
    @inline(__always)
    static func nextNewline(_ buffer: UnsafeRawBufferPointer, from start: Int) -> Int {
        var i = start
        let count = buffer.count
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        while i + 8 <= count {
            // Safe: i + 8 <= count.
            let word = buffer.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ newlines
            let zeroBytes = (word &- ones) & ~word & highs
            if zeroBytes != 0 { return i + (zeroBytes.littleEndian.trailingZeroBitCount >> 3) }
            i += 8
        }
        while i < count && buffer[i] != 0x0A { i += 1 }
        return i
    }

    /// Parses one line holding one action; nil for an unknown action kind or a blank line.
    public static func parseAction(_ line: String) throws -> Action? {
        var line = line
        return try line.withUTF8 { utf8 in
            let buffer = UnsafeRawBufferPointer(utf8)
            var reader = JSONReader(buffer)
            do throws(JSONSyntaxError) {
                if reader.peek() == nil { return nil }
                return try decodeLine(&reader)
            } catch {
                let column = JSONSyntaxError.lineColumn(of: error.offset, in: buffer).column
                throw DeltaError(.corruptLog, "\(error.message) (column \(column))", cause: error)
            }
        }
    }

    /// `{"<kind>": {...}}` → the action (nil for unknown kinds, which are skipped).
    static func decodeLine(_ r: inout JSONReader) throws(JSONSyntaxError) -> Action? {
        let lineStart = r.pos
        guard try r.beginObject() else { return nil }
        var result: Action?
        var kinds = 0
        repeat {
            let key = try r.readKey()
            var decoded: Action?
            if key.is("add") { decoded = .add(try decodeAdd(&r)) }
            else if key.is("remove") { decoded = .remove(try decodeRemove(&r)) }
            else if key.is("commitInfo") { decoded = .commitInfo(try decodeCommitInfo(&r)) }
            else if key.is("metaData") { decoded = .metadata(try decodeMetadata(&r)) }
            else if key.is("protocol") { decoded = .protocol(try decodeProtocol(&r)) }
            else if key.is("txn") { decoded = .txn(try decodeTxn(&r)) }
            else if key.is("cdc") { decoded = .cdc(try decodeCDC(&r)) }
            else if key.is("domainMetadata") { decoded = .domainMetadata(try decodeDomainMetadata(&r)) }
            else if key.is("sidecar") { decoded = .sidecar(try decodeSidecar(&r)) }
            else if key.is("checkpointMetadata") { decoded = .checkpointMetadata(try decodeCheckpointMetadata(&r)) }
            else { try r.skipValue() }
            if let decoded {
                kinds += 1
                result = decoded
            }
        } while try r.nextMember()
        guard kinds <= 1 else {
            throw r.fail("a log line holds \(kinds) actions; each line must hold exactly one", at: lineStart)
        }
        r.skipWhitespace()
        guard r.atEnd else { throw r.fail("unexpected \(r.describeNext()) after the action object") }
        return result
    }

    /// One action per line, each `\n`-terminated.
    public static func encode(_ actions: [Action]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(actions.count * 256)
        for a in actions {
            encode(a, to: &out)
            out.append(0x0A)
        }
        return out
    }

    /// One action as a JSON line without the newline.
    public static func encode(_ action: Action) -> String {
        var out: [UInt8] = []
        encode(action, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
