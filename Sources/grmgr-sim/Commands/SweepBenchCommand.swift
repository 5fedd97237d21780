import Foundation

/// `bench sweep`.
struct SweepBenchCommand: Command {
    let name = "sweep"
    let abstract = "A 3x2x3 sweep of quickstart with 10 replications: --jobs 1 against --jobs 2."
    let discussion = """
        Runs the sweep hold=0s,10s,30s × up=1,2 × down=1,2,4 of the scenario (180 simulations) with one job \
        and with --jobs jobs, alternately, --rounds times each, and compares the fastest rounds. Target on a \
        2-core machine: speedup at least 1.7. identical is 1 when both gave the same records.
        """
    let arguments: [ArgumentSpec] = [
        .flag("json", help: "Print one JSON object instead of a table."),
        .option(
            "scenario", valueName: "file", help: "The scenario swept.",
            defaultDescription: "scenarios/quickstart.json5"),
        .option("jobs", valueName: "n", help: "Jobs of the parallel run.", defaultDescription: "2"),
        .option("replications", valueName: "n", help: "Replications per cell.", defaultDescription: "10"),
        .option("rounds", valueName: "n", help: "Rounds of each; the fastest counts.", defaultDescription: "5"),
    ]

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        var benchmark = SweepBenchmark()
        if let path = arguments.value("scenario") { benchmark.scenarioPath = path }
        if let jobs = try arguments.count("jobs") { benchmark.jobs = jobs }
        if let replications = try arguments.count("replications") { benchmark.replications = replications }
        if let rounds = try arguments.count("rounds") { benchmark.rounds = rounds }
        let result = try benchmark.run()
        let simulations = Double(result.simulations)
        let fields: [(String, Double)] = [
            ("simulations", simulations), ("jobs", Double(benchmark.jobs)),
            ("seconds_jobs1", result.secondsSerial), ("seconds_jobs\(benchmark.jobs)", result.secondsParallel),
            ("simulations_per_s_jobs1", simulations / result.secondsSerial),
            ("simulations_per_s_jobs\(benchmark.jobs)", simulations / result.secondsParallel),
            ("speedup", result.secondsSerial / result.secondsParallel), ("identical", result.identical ? 1 : 0),
            ("load_average_1m", result.loadAverage),
            ("cores", Double(ProcessInfo.processInfo.activeProcessorCount)),
        ]
        context.console.print(arguments.flag("json") ? BenchReport.json(fields) : BenchReport.table(fields))
        return result.identical ? .success : .failure
    }
}
