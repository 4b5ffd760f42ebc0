/// The unit of a TIME or TIMESTAMP logical type (thrift union `TimeUnit`: 1 MILLIS, 2 MICROS, 3 NANOS).
public enum TimeUnit: Sendable, Hashable {
    case millis, micros, nanos

    /// The thrift union field id.
    var thriftFieldId: Int16 {
        switch self {
        case .millis: return 1
        case .micros: return 2
        case .nanos: return 3
        }
    }

    init?(thriftFieldId: Int16) {
        switch thriftFieldId {
        case 1: self = .millis
        case 2: self = .micros
        case 3: self = .nanos
        default: return nil
        }
    }
}
