// An embedder imports `DeltaTable` and gets the types its API speaks: columns and batches
// (Columnar), snapshots, actions, transactions and errors (DeltaLog), expressions (Expressions).
@_exported import Columnar
@_exported import DeltaLog
@_exported import Expressions
