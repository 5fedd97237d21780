#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The `grmgr-sim` root command.
///
/// To add a subcommand, write a type conforming to `Command` in `CLI/` (or next to its feature) and add one
/// line to ``subcommands``.
struct GrmgrSimCommand: Command {
    /// The executable's name.
    let name = "grmgr-sim"
    /// The tool's one-line overview.
    let abstract = "Simulate and test grmgr throttles: replay scaling scenarios, compare hold and step settings."
    /// `--version`, as swift-argument-parser offers it.
    let arguments: [ArgumentSpec] = [.flag("version", help: "Show the version.")]

    /// Every subcommand, one line each, in the order `--help` lists them.
    let subcommands: [any Command] = GrmgrSimCommand.addingEditionSubcommands([
        RunCommand(),
        SweepCommand(),
        MergeCommand(),
        ReportCommand(),
        ValidateCommand(),
        BenchCommand(),
        VersionCommand(),
    ])

    /// Prints the version for `--version`, else the help.
    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        context.console.print(arguments.flag("version") ? VersionCommand.packageVersion : context.helpText())
        return .success
    }
}

exit(CommandLineTool(root: GrmgrSimCommand()).run(CommandLine.arguments.dropFirst()).rawValue)
