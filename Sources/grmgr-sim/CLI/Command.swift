/// A command or subcommand of a command-line tool, in the manner of swift-argument-parser's
/// `ParsableCommand`: a name, help texts, declared arguments, subcommands and a `run` method.
///
/// A command with subcommands is a group: its own options come before the subcommand's name, and running it
/// without a subcommand prints its help. Only ``name``, ``abstract`` and (for leaves) ``run(_:context:)`` are
/// required:
///
/// ```swift
/// struct GreetCommand: Command {
///     let name = "greet"
///     let abstract = "Say hello."
///     let arguments: [ArgumentSpec] = [.positional("name", help: "Who to greet.")]
///
///     func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
///         context.console.print("Hello, \(arguments.value("name")!)!")
///         return .success
///     }
/// }
/// ```
protocol Command: Sendable {
    /// The name typed on the command line.
    var name: String { get }
    /// One line for the `OVERVIEW:` of its help and the `SUBCOMMANDS:` list of its parent.
    var abstract: String { get }
    /// Paragraphs printed after the overview; empty by default.
    var discussion: String { get }
    /// The usage line after the command's path, when the generated one is not right; `nil` by default.
    var usage: String? { get }
    /// The flags, options and positional arguments, in the order the help lists them; none by default.
    var arguments: [ArgumentSpec] { get }
    /// The subcommands, in the order the help lists them; none by default.
    var subcommands: [any Command] { get }

    /// Does the command's work.
    ///
    /// - Returns: the exit status, usually ``ExitCode/success``.
    /// - Throws: ``UsageError`` for a bad command line (exit 64), ``ExitCode`` to exit quietly with a status,
    ///   anything else for a failure (printed as `Error: …`, exit 1).
    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode
}

extension Command {
    /// No discussion.
    var discussion: String { "" }
    /// The generated usage line.
    var usage: String? { nil }
    /// No arguments.
    var arguments: [ArgumentSpec] { [] }
    /// No subcommands.
    var subcommands: [any Command] { [] }

    /// Prints the command's help: what a group does when no subcommand is given.
    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        context.console.print(context.helpText())
        return .success
    }
}

/// What a running command knows about its invocation.
struct CommandContext: Sendable {
    /// The command and the names that led to it: `["grmgr-sim", "version"]`.
    var commandPath: [String]
    /// The command itself, for its help text.
    var command: any Command
    /// Where output and errors go.
    var console: Console

    /// The command's full help screen.
    func helpText() -> String {
        HelpFormatter.helpText(for: command, path: commandPath)
    }
}
