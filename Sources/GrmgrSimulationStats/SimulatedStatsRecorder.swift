#if WithStats
import Foundation
public import Grmgr
public import GrmgrSimulation
public import GrmgrStats

/// The dop monitor in virtual time: it takes the simulator's samples that fall on the snapshot grid, feeds them
/// to the same ``StatsAccumulator`` as the real-time ``StatsMonitor``, and hands snapshots and flushes to a
/// ``StatsWriter`` at the same virtual instants the monitor would.
///
/// Counters come from the run's own records: grants and releases from its state changes, applied and refused
/// changes from its scaling records, so the last flush matches the run's summary.
public struct SimulatedStatsRecorder {
    /// The run its rows belong to; the configuration is aligned to the scenario's sample grid.
    public let run: StatsRun
    /// Where its rows go.
    public let writer: StatsWriter
    private let names: [String]
    private var counters: [StatsCounters]
    private var accumulator: StatsAccumulator
    private var unflushed = false

    /// Creates a recorder for `scenario`; snapshots are taken on ``StatsConfiguration/aligned(toSampleInterval:)``.
    ///
    /// - Parameters:
    ///   - seed: The seed the run uses, for the `runs` table's `source`.
    ///   - runID: The run's key in the database; `nil` for a new UUID.
    public init(scenario: Scenario, seed: UInt64, writer: StatsWriter, runID: String? = nil) {
        let configuration = StatsConfiguration.aligned(toSampleInterval: scenario.sample)
        run = StatsRun(
            id: runID ?? StatsRun.newID(), source: "simulation \(scenario.name) seed \(seed)",
            startedAt: Date().timeIntervalSince1970,
            configuration: configuration)
        self.writer = writer
        names = scenario.throttles.map(\.config.name)
        counters = Array(repeating: StatsCounters(), count: names.count)
        accumulator = StatsAccumulator(configuration: configuration)
    }

    /// Counts grants and releases of throttle `throttle`.
    public mutating func stateChanged(_ change: StateChange, throttle: Int) {
        switch change.cause {
        case .granted, .grantedWaiter: counters[throttle].granted += 1
        case .released: counters[throttle].completed += 1
        default: break
        }
    }

    /// Counts a scaling decision of throttle `throttle` as ``ThrottleCounters`` does: a change that moved the
    /// ceiling, or a `set`/`percent` even when it did not, is applied; a hold refusal is refused.
    public mutating func scaled(_ record: ScalingRecord, throttle: Int) {
        if record.countsAsAppliedChange { counters[throttle].appliedChanges += 1 }
        if record.countsAsRefusedChange { counters[throttle].refusedChanges += 1 }
    }

    /// Takes a snapshot when `instant` is on the snapshot grid (after zero), and flushes on the flush grid.
    public mutating func sampled(_ loads: [ThrottleLoad], at instant: TimePoint) {
        let configuration = run.configuration
        guard instant > .zero, instant.nanoseconds % configuration.snapshotInterval.nanoseconds == 0 else { return }
        let samples = loads.indices.map { index in
            StatsSample(
                id: ThrottleID(slot: UInt32(index), generation: 0), throttle: names[index], load: loads[index],
                counters: counters[index])
        }
        writer.append(accumulator.record(samples, at: instant))
        unflushed = true
        if instant.nanoseconds % configuration.flushInterval.nanoseconds == 0 { flush() }
    }

    /// Flushes the snapshots taken since the last flush, at the end of the run.
    public mutating func finish() {
        if unflushed { flush() }
    }

    private mutating func flush() {
        writer.flush(accumulator.stats(), of: run)
        unflushed = false
    }
}
#endif
