import Foundation
import GrmgrSimulation

/// `grmgr-sim bench sweep`: the same sweep with one job and with several, in one process.
struct SweepBenchmark {
    struct Result {
        var simulations: Int
        var secondsSerial: Double
        var secondsParallel: Double
        var identical: Bool
        var loadAverage: Double
    }

    /// The scenario swept.
    var scenarioPath = "scenarios/quickstart.json5"
    /// Replications per cell.
    var replications = 10
    /// Jobs of the parallel run.
    var jobs = 2
    /// Rounds of each; the fastest counts (the machine is shared, the fastest round is the least disturbed).
    var rounds = 5

    /// The 3 × 2 × 3 grid.
    static let dimensions = ["hold=0s,10s,30s", "up=1,2", "down=1,2,4"]

    func run() throws -> Result {
        let scenario = try ScenarioLoader.load(contentsOf: URL(fileURLWithPath: scenarioPath))
        let plan = try SweepPlan(
            scenario: scenario, dimensions: try Self.dimensions.map(SweepDimension.init(parsing:)),
            replications: replications)
        let loadAverage = Self.loadAverage()
        var serial = Double.infinity
        var parallel = Double.infinity
        var serialRecords: SweepRecords?
        var parallelRecords: SweepRecords?
        for _ in 0..<rounds {
            var records: SweepRecords?
            serial = Swift.min(serial, try Self.seconds { records = try SweepRunner.run(plan, jobs: 1) })
            serialRecords = records
            parallel = Swift.min(parallel, try Self.seconds { records = try SweepRunner.run(plan, jobs: jobs) })
            parallelRecords = records
        }
        return Result(
            simulations: SweepRunner.simulations(in: plan), secondsSerial: serial, secondsParallel: parallel,
            identical: serialRecords == parallelRecords, loadAverage: loadAverage)
    }

    private static func seconds(_ body: () throws -> Void) throws -> Double {
        try ContinuousClock().measure(body).secondsDouble
    }

    /// The one-minute load average when the benchmark started, 0 where /proc/loadavg is missing.
    private static func loadAverage() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8),
            let first = text.split(separator: " ").first
        else { return 0 }
        return Double(first) ?? 0
    }
}
