/// Runs the cells of a ``SweepPlan`` (or one shard of them), every replication, in parallel.
public enum SweepRunner {
    /// Runs every replication of the shard's cells and returns their figures and the replication-1 traces.
    ///
    /// The records are the same, byte for byte once written, whatever `jobs` is: every run is independent
    /// and deterministic, and results are kept by cell and replication, not by finishing order.
    ///
    /// - Parameters:
    ///   - shard: The slice of the cells to run; the whole sweep by default.
    ///   - jobs: Simulations run at once, each on a thread of its own.
    ///   - progress: Called after each finished simulation, from the thread that ran it.
    /// - Throws: The first (lowest cell, then replication) error of a run.
    public static func run(
        _ plan: SweepPlan, shard: SweepShard = .whole, jobs: Int, progress: (@Sendable () -> Void)? = nil
    ) throws -> SweepRecords {
        let cells = Array(plan.cells[shard.cells(of: plan.cells.count)])
        let replications = plan.replications
        let outcomes = try ParallelWork.map(count: cells.count * replications, jobs: jobs) { item in
            let outcome = try runOne(plan, cell: cells[item / replications], replication: item % replications + 1)
            progress?()
            return outcome
        }
        return SweepRecords(observations: outcomes.map(\.observation), traces: outcomes.compactMap(\.trace))
    }

    /// The number of simulations a shard runs: its cells times the replications.
    public static func simulations(in plan: SweepPlan, shard: SweepShard = .whole) -> Int {
        shard.cells(of: plan.cells.count).count * plan.replications
    }

    private struct Outcome: Sendable {
        var observation: SweepObservation
        var trace: SweepTrace?
    }

    private static func runOne(_ plan: SweepPlan, cell: SweepCell, replication: Int) throws -> Outcome {
        let scenario = plan.scenario(for: cell)
        let seed = plan.seed(replication: replication)
        var simulator = try Simulator(scenario: scenario, seed: seed)
        let result: SimulationResult
        var trace: SweepTrace?
        if replication == 1 {
            var recorder = SweepTraceRecorder(throttle: plan.throttleIndex, scenario: scenario)
            result = try simulator.run(into: &recorder)
            trace = SweepTrace(cell: cell.index, points: recorder.points)
        } else {
            result = try simulator.run()
        }
        let summary = result.throttles[plan.throttleIndex]
        let observation = SweepObservation(
            cell: cell.index, replication: replication, seed: seed,
            values: SweepMetric.allCases.map { $0.value(in: summary) })
        return Outcome(observation: observation, trace: trace)
    }
}
