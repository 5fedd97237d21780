import Foundation
import GrmgrSimulation

/// `validate`: check scenario files without running them.
struct ValidateCommand: Command {
    let name = "validate"
    let abstract = "Check scenario files without running them."
    let discussion = "Prints every problem with its file, line and column, and exits 1 if any file has one."
    let arguments: [ArgumentSpec] = [
        .positional("scenarios", help: "One or more scenario files.", isRepeating: true)
    ]

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        var failed = false
        for path in arguments.values("scenarios") {
            do {
                let scenario = try ScenarioLoader.load(contentsOf: URL(fileURLWithPath: path))
                context.console.print("\(path): ok (\(scenario.name), \(scenario.throttles.count) throttle(s))")
            } catch {
                failed = true
                context.console.printError("\(error)")
            }
        }
        return failed ? .failure : .success
    }
}
