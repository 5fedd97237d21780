import Foundation
import Grmgr
import GrmgrSimulation

#if WithStats
import GrmgrSimulationStats
import GrmgrStats
#endif

/// What `run` adds in the WithStats edition: `--stats sqlite:FILE | postgres:CONNINFO`. The default edition
/// declares no extra option and runs the scenario exactly as before.
extension RunCommand {
    /// The shared options followed by those only this edition has (`--stats`); the shared ones alone in the
    /// default edition.
    static func addingEditionArguments(_ shared: [ArgumentSpec]) -> [ArgumentSpec] {
        #if WithStats
        shared + [
            .option(
                "stats", valueName: "database",
                help: "Also record the run's dop stats (snapshots and rolling averages) in sqlite:FILE or "
                    + "postgres:CONNINFO; read them back with 'grmgr-sim stats'.")
        ]
        #else
        shared
        #endif
    }

    /// Runs the scenario, recording its stats when `--stats` asks for it.
    ///
    /// - Returns: The summary, and lines to print after it.
    func runScenario(
        _ scenario: Scenario, writingTo out: URL, seed: UInt64?, arguments: ParsedArguments,
        progress: @escaping (Double) -> Void
    ) throws -> (result: SimulationResult, notes: [String]) {
        #if WithStats
        if let text = arguments.value("stats") {
            return try runRecordingStats(scenario, writingTo: out, seed: seed, to: text, progress: progress)
        }
        #endif
        return (try ScenarioRunner.run(scenario, writingTo: out, seed: seed, progress: progress), [])
    }

    #if WithStats
    /// How long the end of a run waits for the database to take the last rows.
    private static let statsTimeout = TimeAmount.seconds(30)

    private func runRecordingStats(
        _ scenario: Scenario, writingTo out: URL, seed: UInt64?, to text: String,
        progress: @escaping (Double) -> Void
    ) throws -> (result: SimulationResult, notes: [String]) {
        let destination: StatsDestination
        do {
            destination = try StatsDestination(parsing: text)
        } catch {
            throw UsageError("invalid value '\(text)' for '--stats <database>': \(error)")
        }
        // Fail before simulating when the database cannot be opened at all: a clear error now beats
        // a run whose stats are retried in vain.
        try destination.open().close()
        // Virtual time outruns any database, so nothing is dropped: the backlog may hold the whole run.
        let writer = StatsWriter(
            destination: destination, configuration: StatsWriterConfiguration(capacity: .max),
            logger: StandardErrorLogger(level: .warning))
        let (result, run) = try StatsScenarioRunner.run(
            scenario, writingTo: out, seed: seed, writer: writer, progress: progress)
        let status = writer.finish(within: Self.statsTimeout)
        guard status.isComplete else {
            throw StatsNotRecorded(destination: destination, status: status)
        }
        return (
            result,
            [
                "Recorded stats of run \(run.id) in \(destination) (\(status.committedSnapshots) snapshots, "
                    + "\(status.committedFlushes) flushes)"
            ]
        )
    }
    #endif
}

#if WithStats
/// The run's files were written, but its stats could not all be committed.
struct StatsNotRecorded: Error, CustomStringConvertible {
    var destination: StatsDestination
    var status: StatsWriterStatus

    var description: String {
        "stats not recorded in \(destination): \(status.pendingSnapshots) snapshots left unwritten"
            + (status.lastError.map { " (\($0))" } ?? "")
    }
}
#endif
