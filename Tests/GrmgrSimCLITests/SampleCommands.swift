@testable import grmgr_sim

/// A leaf with every kind of argument; it prints what it parsed, one `name=value` per line.
struct SampleSweepCommand: Command {
    let name = "sweep"
    let abstract = "Run every combination of the varied settings."
    let discussion = "Each combination is a cell.\n\nCells share their random numbers."
    let arguments: [ArgumentSpec] = [
        .positional("scenario", help: "The scenario file."),
        .option("vary", valueName: "setting", help: "A setting with values, as hold=0s,30s.", isRepeating: true),
        .option("out", short: "o", valueName: "dir", help: "Where to write.", defaultDescription: "reports/<name>"),
        .option("replications", short: "r", valueName: "n", help: "Replications per cell."),
        .option("offset", valueName: "seconds", help: "Shift every arrival."),
        .flag("json", help: "Print JSON."),
        .positional("extras", help: "More scenario files.", isRequired: false, isRepeating: true),
    ]

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let replications = try arguments.integer("replications")
        context.console.print(
            [
                "path=\(context.commandPath.joined(separator: " "))",
                "scenario=\(arguments.value("scenario") ?? "-")",
                "vary=\(arguments.values("vary"))",
                "out=\(arguments.value("out") ?? "-")",
                "replications=\(replications.map(String.init) ?? "-")",
                "offset=\(arguments.value("offset") ?? "-")",
                "json=\(arguments.flag("json"))",
                "extras=\(arguments.values("extras"))",
            ].joined(separator: "\n")
        )
        if arguments.values("vary").contains(where: { !$0.contains("=") }) {
            throw UsageError("a --vary setting needs the form name=value,value")
        }
        return .success
    }
}

/// A leaf that fails the ways a command can.
struct SampleFailingCommand: Command {
    /// A run error with a sentence for a description.
    struct Failure: Error, CustomStringConvertible {
        var description: String { "scenario quickstart.json5:3:7: expected a number" }
    }

    let name = "fail"
    let abstract = "Fail on purpose."
    let arguments: [ArgumentSpec] = [.option("how", help: "run, quiet or usage.", isRequired: true)]

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        switch arguments.value("how") {
        case "quiet": throw ExitCode(3)
        case "status": return ExitCode(2)
        default: throw Failure()
        }
    }
}

/// A group of groups, for nested paths.
struct SampleBenchCommand: Command {
    /// `bench sim`.
    struct Simulation: Command {
        let name = "sim"
        let abstract = "Benchmark the simulator."
        let arguments: [ArgumentSpec] = [.flag("json", help: "Print JSON.")]

        func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
            context.console.print("sim json=\(arguments.flag("json"))")
            return .success
        }
    }

    let name = "bench"
    let abstract = "Measure throughput."
    let subcommands: [any Command] = [Simulation()]
}

/// The root of the sample tool.
struct SampleRootCommand: Command {
    let name = "tool"
    let abstract = "A sample tool."
    let arguments: [ArgumentSpec] = [.flag("version", help: "Show the version.")]
    let subcommands: [any Command] = [SampleSweepCommand(), SampleFailingCommand(), SampleBenchCommand()]
}
