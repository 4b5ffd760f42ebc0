extension CivilTime {
    /// The rules one kind of date/timestamp text follows when it is read. The grammar is always
    ///
    /// ```
    /// date      := [sign] year '-' month '-' day
    /// timestamp := date [ separator hour ':' minute [ ':' second [ '.' fraction ] ] [ zone ] ]
    /// ```
    ///
    /// and a dialect says which digits, separators and zones are allowed. A date alone is a
    /// timestamp at midnight. A timestamp without a zone is read as UTC (`timestamp`) or as the
    /// wall clock (`timestamp_ntz`); with a zone it is shifted to UTC. Nothing else is accepted:
    /// no surrounding blanks (callers trim), no time without a date, no named regions.
    public struct Dialect: Sendable, Hashable {
        /// How many digits the year has (`2024` is 4).
        public var yearDigits: ClosedRange<Int>
        /// Whether the year may start with `+` or `-` (`-0044-03-15`, `+10000-01-01`).
        public var signedYear: Bool
        /// How many digits the month, day, hour, minute and second have: `2...2` (`2024-01-05`)
        /// or `1...2` (also `2024-1-5 9:05:00`).
        public var fieldDigits: ClosedRange<Int>
        /// What may stand between the date and the time.
        public var separators: Separators
        /// Whether `:ss` may be left out (`10:00` is `10:00:00`).
        public var optionalSeconds: Bool
        /// What happens to fraction digits past the sixth (finer than a microsecond).
        public var excessFraction: ExcessFraction
        /// The zone forms that may follow the time.
        public var zones: Zones
        /// Whether a zone may follow a date without a time (`2024-01-05Z`).
        public var zoneWithoutTime: Bool
        /// What a zone does in a `timestamp_ntz` value.
        public var zoneInTimestampNtz: ZoneInTimestampNtz

        public init(yearDigits: ClosedRange<Int>, signedYear: Bool, fieldDigits: ClosedRange<Int>,
                    separators: Separators, optionalSeconds: Bool, excessFraction: ExcessFraction,
                    zones: Zones, zoneWithoutTime: Bool, zoneInTimestampNtz: ZoneInTimestampNtz) {
            precondition(yearDigits.lowerBound >= 1 && yearDigits.upperBound <= 9, "year digits must be within 1...9")
            precondition(fieldDigits.lowerBound >= 1 && fieldDigits.upperBound == 2, "field digits must be 1...2 or 2...2")
            self.yearDigits = yearDigits
            self.signedYear = signedYear
            self.fieldDigits = fieldDigits
            self.separators = separators
            self.optionalSeconds = optionalSeconds
            self.excessFraction = excessFraction
            self.zones = zones
            self.zoneWithoutTime = zoneWithoutTime
            self.zoneInTimestampNtz = zoneInTimestampNtz
        }

        /// Characters that separate the date from the time.
        public struct Separators: OptionSet, Sendable, Hashable {
            public let rawValue: UInt8
            public init(rawValue: UInt8) { self.rawValue = rawValue }
            /// `2024-01-05 10:00:00`
            public static let space = Separators(rawValue: 1)
            /// `2024-01-05T10:00:00`
            public static let upperT = Separators(rawValue: 2)
            /// `2024-01-05t10:00:00` (RFC 3339 allows it)
            public static let lowerT = Separators(rawValue: 4)
        }

        /// Zone forms after the time. Offsets are at most 18 hours, minutes below 60.
        public struct Zones: OptionSet, Sendable, Hashable {
            public let rawValue: UInt8
            public init(rawValue: UInt8) { self.rawValue = rawValue }
            /// `Z`
            public static let upperZ = Zones(rawValue: 1)
            /// `z` (RFC 3339 allows it)
            public static let lowerZ = Zones(rawValue: 2)
            /// `UTC`
            public static let utc = Zones(rawValue: 4)
            /// `+02:00`, `-05:30`
            public static let hoursColonMinutes = Zones(rawValue: 8)
            /// `+0200`
            public static let hoursMinutes = Zones(rawValue: 16)
            /// `+02`
            public static let hours = Zones(rawValue: 32)
        }

        /// Fraction digits past the sixth.
        public enum ExcessFraction: Sendable, Hashable {
            /// Dropped (`.1234567` is 123456 µs), as Spark does.
            case truncate
            /// Allowed only when they are zeros (`.1234560` yes, `.1234567` no): no value is
            /// silently changed.
            case rejectNonZero
        }

        /// A zone in text read as `timestamp_ntz`.
        public enum ZoneInTimestampNtz: Sendable, Hashable {
            /// The text is not a `timestamp_ntz` (Spark's `TIMESTAMP_NTZ '…'` literal).
            case reject
            /// The zone is dropped and the wall clock kept (Spark's CAST to `timestamp_ntz`).
            case ignore
        }
    }
}

extension CivilTime.Dialect {
    /// Partition values and statistics text in the Delta log, read as Spark reads them (a cast
    /// from string): `2024-01-05 10:00:00`, `2024-01-05 10:00:00.123456`,
    /// `2024-01-05T10:00:00.000Z`, `2024-1-5 9:00:00+01:00`. A zone in a `timestamp_ntz` value
    /// is dropped.
    public static let partitionValue = CivilTime.Dialect(
        yearDigits: 4...7, signedYear: true, fieldDigits: 1...2, separators: [.space, .upperT],
        optionalSeconds: true, excessFraction: .truncate,
        zones: [.upperZ, .utc, .hoursColonMinutes, .hoursMinutes, .hours],
        zoneWithoutTime: false, zoneInTimestampNtz: .ignore)

    /// SQL literals and CAST from string (Spark's rules): as `partitionValue`, but a zone makes
    /// text an invalid `timestamp_ntz`.
    public static let sqlLiteral = CivilTime.Dialect(
        yearDigits: 4...7, signedYear: true, fieldDigits: 1...2, separators: [.space, .upperT],
        optionalSeconds: true, excessFraction: .truncate,
        zones: [.upperZ, .utc, .hoursColonMinutes, .hoursMinutes, .hours],
        zoneWithoutTime: false, zoneInTimestampNtz: .reject)

    /// CSV and JSON value text and command-line timestamps: ISO 8601 / RFC 3339 with two-digit
    /// fields (`2024-01-05T10:00:00.123456Z`, `2024-01-05 10:00`, `2024-01-05t10:00:00+0100`),
    /// no digit past the sixth that would be lost, and no zone in a `timestamp_ntz`.
    public static let isoText = CivilTime.Dialect(
        yearDigits: 4...7, signedYear: true, fieldDigits: 2...2, separators: [.space, .upperT, .lowerT],
        optionalSeconds: true, excessFraction: .rejectNonZero,
        zones: [.upperZ, .lowerZ, .hoursColonMinutes, .hoursMinutes],
        zoneWithoutTime: false, zoneInTimestampNtz: .reject)
}
