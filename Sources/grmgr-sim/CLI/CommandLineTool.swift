import Foundation

/// Runs a root ``Command`` on a command line: finds the subcommand, parses its arguments, runs it, and turns
/// every outcome into output and an exit status the way swift-argument-parser does.
///
/// - Help (`-h`, `--help`, `help <subcommand>`, or a group without a subcommand): on stdout, exit 0.
/// - A usage error: `Error: <message>`, a blank line and `Usage: <usage line>` with a pointer to `--help`,
///   on stderr, exit 64.
/// - Any other error from `run`: `Error: <description>` on stderr, exit 1.
struct CommandLineTool: Sendable {
    /// The top-level command, named as the executable.
    var root: any Command
    /// Where output goes.
    var console: Console

    /// A tool for `root`, writing to the process's standard streams by default.
    init(root: any Command, console: Console = .standard) {
        self.root = root
        self.console = console
    }

    /// Runs the command line `words` (without the executable's own name) and returns the exit status.
    func run(_ words: some Collection<String>) -> ExitCode {
        var path = [root.name]
        var command = root
        do {
            return try dispatch(words: ArraySlice(words), command: &command, path: &path)
        } catch let error as UsageError {
            console.printError(
                """
                Error: \(error.message)

                Usage: \(HelpFormatter.usageLine(for: command, path: path))
                  See '\(path.joined(separator: " ")) --help' for more information.
                """
            )
            return .usageError
        } catch is CommandLineParser.HelpRequest {
            console.print(HelpFormatter.helpText(for: command, path: path))
            return .success
        } catch let exitCode as ExitCode {
            return exitCode
        } catch {
            console.printError("Error: \(Self.describe(error))")
            return .failure
        }
    }

    /// Walks down the subcommands named on the command line, keeping `command` and `path` current so that an
    /// error is reported against the command it concerns, then runs the last one.
    private func dispatch(
        words: ArraySlice<String>,
        command: inout any Command,
        path: inout [String]
    ) throws -> ExitCode {
        var words = words
        while !command.subcommands.isEmpty {
            let outcome = try CommandLineParser.parse(words, specs: command.arguments, stopAtFirstPositional: true)
            guard let name = outcome.remainder.first else {
                return try command.run(outcome.arguments, context: context(command, path))
            }
            words = outcome.remainder.dropFirst()
            if let subcommand = command.subcommands.first(where: { $0.name == name }) {
                command = subcommand
            } else if name == HelpCommand.commandName {
                command = HelpCommand(parent: command)
            } else {
                let names = command.subcommands.map(\.name) + [HelpCommand.commandName]
                throw UsageError(
                    "unknown subcommand '\(name)'" + CommandLineParser.suggestionSuffix(for: name, among: names)
                )
            }
            path.append(name)
        }
        let outcome = try CommandLineParser.parse(words, specs: command.arguments)
        return try command.run(outcome.arguments, context: context(command, path))
    }

    private func context(_ command: any Command, _ path: [String]) -> CommandContext {
        CommandContext(commandPath: path, command: command, console: console)
    }

    /// The text of an error for `Error: …`: a `LocalizedError`'s description, Foundation's own text for its
    /// errors (rather than `Error Domain=… Code=…`), else the `description` (ours read as sentences).
    static func describe(_ error: any Error) -> String {
        if let error = error as? any LocalizedError, let text = error.errorDescription { return text }
        if error is any CustomNSError { return error.localizedDescription }
        return String(describing: error)
    }
}
