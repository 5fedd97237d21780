/// `help [<subcommand> ...]`: prints the help of the named subcommand of its parent, or of the parent itself.
///
/// Not listed under `SUBCOMMANDS:` (as in swift-argument-parser); the parent's help points to it instead.
struct HelpCommand: Command {
    /// The word that invokes it.
    static let commandName = "help"

    /// The group whose subcommands it explains.
    let parent: any Command

    /// `help`.
    var name: String { Self.commandName }
    /// What it does.
    var abstract: String { "Show subcommand help information." }
    /// The path of subcommand names to explain.
    var arguments: [ArgumentSpec] {
        [.positional("subcommands", help: "The subcommand to explain.", isRequired: false, isRepeating: true)]
    }

    /// Prints the help of the subcommand named by the positional words, from the parent down.
    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        var path = Array(context.commandPath.dropLast())
        var command = parent
        for name in arguments.values("subcommands") {
            if name == Self.commandName {
                command = HelpCommand(parent: command)
            } else if let subcommand = command.subcommands.first(where: { $0.name == name }) {
                command = subcommand
            } else {
                let names = command.subcommands.map(\.name)
                throw UsageError(
                    "unknown subcommand '\(name)'" + CommandLineParser.suggestionSuffix(for: name, among: names)
                )
            }
            path.append(name)
        }
        context.console.print(HelpFormatter.helpText(for: command, path: path))
        return .success
    }
}
