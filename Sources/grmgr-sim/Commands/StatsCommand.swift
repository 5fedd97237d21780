#if WithStats
import Foundation
import Grmgr
import GrmgrStats

/// `stats`: print the latest averages per throttle of a run from a stats database.
struct StatsCommand: Command {
    let name = "stats"
    let abstract = "Print the latest dop averages per throttle from a stats database."
    let discussion = """
        DATABASE is sqlite:FILE, postgres:CONNINFO, or the path of an SQLite file. Prints the run's latest row per \
        throttle: ceiling, running, waiting, grants, refused changes, and the average running count over each \
        window from 10s to 2h. An average marked * covers fewer samples than its window spans.
        """
    let arguments: [ArgumentSpec] = [
        .positional("database", help: "sqlite:FILE, postgres:CONNINFO, or an SQLite file."),
        .option("run", valueName: "id", help: "The run to show.", defaultDescription: "the latest updated run"),
    ]

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let text = arguments.value("database")!
        let destination: StatsDestination
        do {
            destination = try StatsDestination(parsing: text, bareIsSQLite: true)
        } catch {
            throw UsageError("invalid value '\(text)' for '<database>': \(error)")
        }
        let store = try destination.open(readOnly: true)
        defer { store.close() }
        let runs = try store.runs()
        let record: StatsRunRecord
        if let id = arguments.value("run") {
            guard let found = runs.first(where: { $0.run.id == id }) else {
                let known = runs.prefix(10).map(\.run.id).joined(separator: ", ")
                throw StatsCommandError(
                    "no run '\(id)' in \(destination)" + (known.isEmpty ? "" : "; its latest runs: \(known)"))
            }
            record = found
        } else {
            guard let latest = runs.first else { throw StatsCommandError("no run recorded in \(destination)") }
            record = latest
        }
        context.console.print(StatsTable.render(record, try store.stats(run: record.run.id)))
        return .success
    }
}

/// A `stats` failure that is not a usage error: the database has no such run.
struct StatsCommandError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

extension GrmgrSimCommand {
    /// The shared subcommands with `stats` before the last one (`version`).
    static func addingEditionSubcommands(_ shared: [any Command]) -> [any Command] {
        shared.dropLast() + [StatsCommand()] + shared.suffix(1)
    }
}
#else
extension GrmgrSimCommand {
    /// The shared subcommands: the default edition adds none.
    static func addingEditionSubcommands(_ shared: [any Command]) -> [any Command] { shared }
}
#endif
