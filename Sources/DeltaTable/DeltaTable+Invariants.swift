import Columnar
import DeltaLog
import Expressions

extension DeltaTable {
    /// Column invariants (`delta.invariants` field metadata): every row must not make the
    /// expression FALSE (NULL passes, as SQL CHECK constraints do).
    func checkInvariants(_ batches: [RecordBatch], schema: Schema) throws {
        let invariants = TableFeatures.invariants(in: schema)
        guard !invariants.isEmpty else { return }
        for (column, text) in invariants {
            let expr: Expr
            do {
                expr = try ExpressionParser.parse(text).bound(to: schema)
            } catch {
                throw DeltaError(.constraintViolation, "the invariant on column '\(column)' (\(text)) cannot be evaluated: \(error)")
            }
            for b in batches {
                let result = try ExpressionEvaluator.evaluate(expr, on: b)
                guard case let .bits(values) = result.values else { continue }
                for i in 0..<result.count where result.isValid(i) && !values[i] {
                    throw DeltaError(.constraintViolation, "invariant violated on column '\(column)': \(text) is false for a row being written")
                }
            }
        }
    }
}
