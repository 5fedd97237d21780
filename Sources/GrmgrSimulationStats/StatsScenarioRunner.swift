#if WithStats
public import Foundation
import Grmgr
public import GrmgrSimulation
public import GrmgrStats

/// Runs a scenario like `ScenarioRunner` (traces and summary written atomically to a directory) and records its
/// stats through a ``StatsRecordingSink`` in the same pass.
public enum StatsScenarioRunner {
    /// Runs `scenario`, writes its files into `directory`, and hands its stats to `writer`.
    ///
    /// The last flush is queued when this returns; call ``StatsWriter/finish(within:)`` to wait for it.
    ///
    /// - Parameters:
    ///   - seed: Replaces the scenario's seed.
    ///   - runID: The run's key in the stats database; `nil` for a new UUID.
    ///   - progress: Called now and then with the fraction of the horizon simulated so far.
    /// - Returns: The run's summary and the stats run its rows belong to.
    public static func run(
        _ scenario: Scenario, writingTo directory: URL, seed: UInt64? = nil, writer: StatsWriter,
        runID: String? = nil, progress: ((Double) -> Void)? = nil
    ) throws -> (result: SimulationResult, stats: StatsRun) {
        let output = try AtomicOutputDirectory(destination: directory)
        do {
            var simulator = try Simulator(scenario: scenario, seed: seed)
            let traces = try CSVTraceWriter(
                directory: output.url(for: ""), throttleNames: scenario.throttles.map(\.config.name))
            let recorder = SimulatedStatsRecorder(
                scenario: scenario, seed: simulator.scenario.seed, writer: writer, runID: runID)
            var sink = StatsRecordingSink(wrapping: traces, recorder: recorder)
            let result = try simulator.run(into: &sink, progress: progress)
            sink.finish()
            try traces.close()
            let summary = try CSVWriter(url: output.url(for: "summary.csv"))
            SummaryCSV.write(result, to: summary)
            try summary.close()
            try output.commit()
            return (result, recorder.run)
        } catch {
            output.discard()
            throw error
        }
    }
}
#endif
