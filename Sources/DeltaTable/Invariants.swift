import Columnar
import DeltaLog
import Expressions

/// Column invariants (`delta.invariants` field metadata) of a schema, parsed and bound once:
/// every row written must not make an expression FALSE (NULL passes, as SQL CHECK constraints do).
struct Invariants {
    private let checks: [(column: String, text: String, expr: Expr)]

    init(schema: Schema) throws {
        checks = try TableFeatures.invariants(in: schema).map { column, text in
            do {
                return (column, text, try ExpressionParser.parse(text).bound(to: schema))
            } catch {
                throw DeltaError(.constraintViolation, "the invariant on column '\(column)' (\(text)) cannot be evaluated: \(error)",
                                 cause: error)
            }
        }
    }

    func check(_ batch: RecordBatch) throws {
        for (column, text, expr) in checks {
            let result = try ExpressionEvaluator.evaluate(expr, on: batch)
            guard case let .bits(values) = result.values else { continue }
            for i in 0..<result.count where result.isValid(i) && !values[i] {
                throw DeltaError(.constraintViolation, "invariant violated on column '\(column)': \(text) is false for a row being written")
            }
        }
    }
}
