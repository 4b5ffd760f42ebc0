/// Wire types of the Thrift compact protocol (the low nibble of a field header).
///
/// Booleans appear as two wire types in field headers (`booleanTrue` = 1, `booleanFalse` = 2);
/// inside lists, sets and maps either code means "bool" and the value follows as one byte.
enum ThriftType: UInt8, Sendable, Hashable {
    case stop = 0
    case booleanTrue = 1
    case booleanFalse = 2
    case byte = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case `struct` = 12

    /// True for both boolean codes.
    var isBool: Bool { self == .booleanTrue || self == .booleanFalse }

    /// The fewest bytes one value of this type can take inside a list, set or map;
    /// used to reject element counts that cannot fit in the remaining input before allocating.
    var minimumEncodedSize: Int { self == .double ? 8 : 1 }
}

/// A decoded field header: the field id and its wire type. For booleans, `type` carries the value.
struct ThriftFieldHeader: Sendable, Hashable {
    var id: Int16
    var type: ThriftType

    /// The boolean value carried by a bool field header (`type` is `.booleanTrue` or `.booleanFalse`).
    var boolValue: Bool { type == .booleanTrue }
}
