/// Typed field readers used by the action decoders. Each names the field in its error.
extension JSONReader {
    mutating func readString(_ field: String) throws(JSONSyntaxError) -> String {
        skipWhitespace()
        guard pos < end, byte(pos) == UInt8(ascii: "\"") else {
            throw fail("'\(field)' must be a string but found \(describeNext())")
        }
        return try readString()
    }

    /// A string, or nil for `null`.
    mutating func readOptionalString(_ field: String) throws(JSONSyntaxError) -> String? {
        if readNull() { return nil }
        return try readString(field)
    }

    mutating func readOptionalInt64(_ field: String) throws(JSONSyntaxError) -> Int64? {
        if readNull() { return nil }
        return try readInt64(field)
    }

    mutating func readOptionalBool(_ field: String) throws(JSONSyntaxError) -> Bool? {
        if readNull() { return nil }
        return try readBool(field)
    }

    mutating func readInt32(_ field: String) throws(JSONSyntaxError) -> Int32 {
        let start = pos
        let v = try readInt64(field)
        guard let n = Int32(exactly: v) else { throw fail("'\(field)' = \(v) does not fit a 32-bit integer", at: start) }
        return n
    }

    mutating func readInt(_ field: String) throws(JSONSyntaxError) -> Int {
        Int(try readInt64(field))
    }

    func expectObject(_ field: String) throws(JSONSyntaxError) {
        var probe = self
        probe.skipWhitespace()
        guard probe.pos < end, byte(probe.pos) == UInt8(ascii: "{") else {
            throw probe.fail("'\(field)' must be an object but found \(probe.describeNext())")
        }
    }

    /// `{"k": "v" | null, …}` (partitionValues, tags).
    mutating func readNullableStringMap(_ field: String) throws(JSONSyntaxError) -> [String: String?] {
        try expectObject(field)
        var map: [String: String?] = [:]
        if try beginObject() {
            repeat {
                let key = try readKey().string
                map[key] = .some(try readOptionalString("\(field).\(key)"))
            } while try nextMember()
        }
        return map
    }

    /// `{"k": "v", …}`; null values are dropped (configuration, format options).
    mutating func readStringMap(_ field: String) throws(JSONSyntaxError) -> [String: String] {
        try expectObject(field)
        var map: [String: String] = [:]
        if try beginObject() {
            repeat {
                let key = try readKey().string
                if let v = try readOptionalString("\(field).\(key)") { map[key] = v }
            } while try nextMember()
        }
        return map
    }

    mutating func readStringArray(_ field: String) throws(JSONSyntaxError) -> [String] {
        skipWhitespace()
        guard pos < end, byte(pos) == UInt8(ascii: "[") else {
            throw fail("'\(field)' must be an array of strings but found \(describeNext())")
        }
        var items: [String] = []
        if try beginArray() {
            repeat { items.append(try readString("\(field) element")) } while try nextElement()
        }
        return items
    }
}
