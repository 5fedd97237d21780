public import Foundation
import Grmgr

/// Runs a scenario and writes all its files to a directory, atomically: the files are written to a
/// temporary sibling directory that replaces `directory` only once everything is complete, so a failed
/// or interrupted run leaves the previous output untouched.
public enum ScenarioRunner {
    /// The files a run writes: the four traces and summary.csv.
    public static let fileNames = CSVTraceWriter.fileNames + ["summary.csv"]

    /// Runs `scenario` and writes its traces and summary into `directory`.
    ///
    /// - Parameters:
    ///   - seed: Replaces the scenario's seed.
    ///   - progress: Called now and then with the fraction of the horizon simulated so far.
    /// - Returns: The run's summary.
    public static func run(
        _ scenario: Scenario, writingTo directory: URL, seed: UInt64? = nil,
        progress: ((Double) -> Void)? = nil
    ) throws -> SimulationResult {
        let output = try AtomicOutputDirectory(destination: directory)
        do {
            var simulator = try Simulator(scenario: scenario, seed: seed)
            var traces = try CSVTraceWriter(
                directory: output.url(for: ""), throttleNames: scenario.throttles.map(\.config.name))
            let result = try simulator.run(into: &traces, progress: progress)
            try traces.close()
            let summary = try CSVWriter(url: output.url(for: "summary.csv"))
            SummaryCSV.write(result, to: summary)
            try summary.close()
            try output.commit()
            return result
        } catch {
            output.discard()
            throw error
        }
    }
}
