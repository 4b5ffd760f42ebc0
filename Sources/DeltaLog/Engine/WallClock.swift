import Foundation

/// The wall clock the engine stamps commits, files and tombstones with (milliseconds since the
/// Unix epoch). One place, so that every timestamp comes from the same source.
package enum WallClock {
    package static func nowMillis() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}

/// Random identifiers (a version-4 UUID in lowercase text, as Delta writers use for `txnId`,
/// table ids and file names).
package enum RandomID {
    package static func uuid() -> String {
        UUID().uuidString.lowercased()
    }
}
