/// Date and timestamp text: one parser and one formatter for every place values are read or
/// written as text, each with explicit rules (a `Dialect` for reading, a `Style` for writing).
///
/// Values are the column representations: a date is days since 1970-01-01, a timestamp is
/// microseconds since 1970-01-01T00:00:00 (UTC for `timestamp`, the wall clock for
/// `timestamp_ntz`). Calendar arithmetic is `CivilDate` (proleptic Gregorian, any year).
///
/// | Reading (`Dialect`) | used for                                                        |
/// |---------------------|-----------------------------------------------------------------|
/// | `.partitionValue`   | partition values and statistics in the Delta log                 |
/// | `.sqlLiteral`       | `DATE '…'`, `TIMESTAMP '…'`, `TIMESTAMP_NTZ '…'`, CAST from string |
/// | `.isoText`          | CSV and JSON value text, `deltactl --timestamp`                  |
///
/// | Writing (`Style`)   | shape                                  | used for                      |
/// |---------------------|----------------------------------------|-------------------------------|
/// | `.partitionValue`   | `2024-01-03 10:00:00.5`                | partition values              |
/// | `.sqlDisplay`       | `2024-01-03 10:00:00.5`                | SQL literals, CAST to string  |
/// | `.isoMicros`        | `2024-01-03T10:00:00.500000Z`          | the canonical row format      |
/// | `.isoMillis`        | `2024-01-03T10:00:00.500Z`             | commit times, `stats` in JSON |
/// | `.statistics`       | `…00.500Z`, `…00.500001Z` when finer   | `stats` from a checkpoint     |
///
/// `spec/value-text.md` lists every rule with examples.
public enum CivilTime {
    public static let microsPerSecond: Int64 = 1_000_000
    public static let microsPerDay: Int64 = 86_400_000_000

    /// Splits microseconds since the epoch into whole days (rounded toward the past) and the
    /// microseconds since that midnight (0 ..< `microsPerDay`).
    @inlinable
    public static func split(micros: Int64) -> (days: Int64, microsOfDay: Int64) {
        var days = micros / microsPerDay
        var rest = micros % microsPerDay
        if rest < 0 {
            rest += microsPerDay
            days -= 1
        }
        return (days, rest)
    }

    /// The day (since the epoch) a microsecond count falls on, rounded toward the past.
    @inlinable
    public static func days(ofMicros micros: Int64) -> Int64 { split(micros: micros).days }
}
