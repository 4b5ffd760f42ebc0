import Testing
@testable import Expressions

@Suite struct ExpressionErrorTests {
    @Test func descriptionNamesThePosition() {
        #expect(ExpressionError(.syntax, "expected ')'", position: 7).description == "syntax at character 7: expected ')'")
    }
}
