import FuzzSupport

fuzzMain("FuzzDeltaLog") { data, size in fuzzCommit(data, size) }
