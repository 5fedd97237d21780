import Foundation
import Grmgr
import GrmgrSimulation

/// `run`: simulate a scenario and write its traces and summary.
struct RunCommand: Command {
    let name = "run"
    let abstract = "Simulate a scenario and write its CSV traces and summary."
    let discussion = """
        Writes tasks.csv, dop.csv, dop_sampled.csv, events.csv and summary.csv into the output directory \
        (default reports/<scenario name>). The files are written to a temporary directory first and replace \
        the previous output only when the run is complete. The same scenario and seed give byte-identical files.
        """
    let arguments: [ArgumentSpec] = RunCommand.addingEditionArguments([
        .positional("scenario", help: "The scenario file (JSON5)."),
        .option("out", valueName: "dir", help: "The output directory.", defaultDescription: "reports/<scenario name>"),
        .option("seed", valueName: "n", help: "Replace the scenario's seed."),
        .flag("quiet", short: "q", help: "Print nothing but errors."),
    ])

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = arguments.value("scenario")!
        let seed = try arguments.value("seed", expected: "a whole number from 0 to 2^64-1") { UInt64($0) }
        let scenario = try ScenarioLoader.load(contentsOf: URL(fileURLWithPath: path))
        let out = URL(fileURLWithPath: arguments.value("out") ?? "reports/\(scenario.name)")
        let progress = ProgressBar(total: 1_000, label: "simulating \(scenario.name)", console: context.console)
        let (result, notes) = try runScenario(scenario, writingTo: out, seed: seed, arguments: arguments) { fraction in
            progress.update(completed: Int(fraction * 1_000))
        }
        progress.finish()
        if !arguments.flag("quiet") {
            context.console.print(SummaryTable.render(result))
            context.console.print("Wrote \(ScenarioRunner.fileNames.joined(separator: ", ")) to \(out.relativePath)")
            for note in notes { context.console.print(note) }
        }
        return .success
    }
}
