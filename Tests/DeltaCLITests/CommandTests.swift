import Testing
@testable import DeltaCLI

@Suite struct CommandTests {
    @Test func commandNameIsDeltactl() {
        #expect(DeltaCommand.configuration.commandName == "deltactl")
    }
}
