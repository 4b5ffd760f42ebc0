import Columnar
import DeltaLog

/// One fuzz input: the bytes of a would-be commit file (`_delta_log/<v>.json`).
///
/// Parses it; if it parses, checks the round-trip oracle (encode → parse gives the same
/// actions) and replays it as version 0 of a table. Thrown errors are correct answers to bad
/// input; a crash, a sanitizer report or a broken oracle is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommit(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let actions = try? ActionCodec.parseCommit(bytes, path: "fuzz.json") else { return 0 }
    let again = try? ActionCodec.parseCommit(ActionCodec.encode(actions), path: "re-encoded.json")
    precondition(again != nil, "our own encoding of parsed actions does not parse")
    precondition(again!.count == actions.count, "re-encoding changed the number of actions")
    for (a, b) in zip(actions, again!) {
        // commitInfo keeps the raw object, whose number text may be normalised: compare the rest.
        if case .commitInfo = a { continue }
        precondition(a == b, "re-encoding changed an action: \(a) vs \(b)")
    }
    var replay = ReplayAccumulator()
    replay.apply(actions)
    _ = try? replay.snapshot(version: 0, timestampMillis: 0, schemaParser: SchemaJSON.parse)
    return 0
}
