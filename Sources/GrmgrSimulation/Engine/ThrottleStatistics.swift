import Grmgr

/// Accumulates one throttle's summary during a run: latencies of the tasks that arrived after the
/// warmup, and time-weighted loads over the measured window.
///
/// Nothing here is told the load after every command: the running count is integrated from the tasks'
/// own intervals as they end, and the ceiling from the core's scaling records, the only decisions that
/// move it. Both integrals are the same as stepping at every change, to the nanosecond.
struct ThrottleStatistics {
    private let config: ThrottleConfig
    private var warmup = TimePoint.zero
    private var waits = QuantileSketch()
    private var sojourns = QuantileSketch()
    private var running = TimeWeightedAverage(value: 0, at: .zero)
    private var ceiling = TimeWeightedAverage(value: 0, at: .zero)
    private var atMinimum = TimeWeightedAverage(value: 0, at: .zero)
    private var completed = 0
    private var lastStepDown: TimePoint?
    private var recovered: TimePoint?

    init(config: ThrottleConfig) {
        self.config = config
    }

    /// The run starts at `instant` with the throttle at `ceiling` and nothing running.
    mutating func begin(ceiling: Int, at instant: TimePoint, warmup: TimePoint) {
        self.warmup = warmup
        running = TimeWeightedAverage(value: 0, at: instant, windowStart: warmup)
        self.ceiling = TimeWeightedAverage(value: ceiling, at: instant, windowStart: warmup)
        atMinimum = TimeWeightedAverage(value: ceiling == config.min ? 1 : 0, at: instant, windowStart: warmup)
    }

    /// The core decided a scaling request at `instant`.
    mutating func scaled(_ record: ScalingRecord, at instant: TimePoint) {
        guard record.ceilingAfter != record.ceilingBefore else { return }
        if record.ceilingAfter < record.ceilingBefore {
            lastStepDown = instant
            recovered = nil
        }
        ceiling.update(to: record.ceilingAfter, at: instant)
        atMinimum.update(to: record.ceilingAfter == config.min ? 1 : 0, at: instant)
        if lastStepDown != nil, recovered == nil, record.ceilingAfter == config.dop { recovered = instant }
    }

    /// A task that arrived at `arrival` started at `start` (both in nanoseconds).
    @inline(__always)
    mutating func taskStarted(arrival: Int64, at start: Int64) {
        if arrival >= warmup.nanoseconds { waits.insert(nanoseconds: start &- arrival) }
    }

    /// A task that arrived at `arrival` and started at `start` ended at `end` (all in nanoseconds).
    @inline(__always)
    mutating func taskEnded(arrival: Int64, start: Int64, end: Int64) {
        running.addInterval(from: TimePoint(nanoseconds: start), to: TimePoint(nanoseconds: end))
        guard arrival >= warmup.nanoseconds else { return }
        sojourns.insert(nanoseconds: end &- arrival)
        completed += 1
    }

    /// A task that started at `start` was still running when the run stopped at `end`.
    mutating func taskCut(start: TimePoint, at end: TimePoint) {
        running.addInterval(from: start, to: end)
    }

    func summary(
        name: String, config: ThrottleConfig, counters: ThrottleCounters, horizon: TimePoint, end: TimePoint,
        redrawnNegatives: Int
    ) -> ThrottleSummary {
        let window = (horizon - warmup).seconds
        let meanRunning = running.average(until: end) ?? 0
        let meanCeiling = ceiling.average(until: end) ?? 0
        return ThrottleSummary(
            name: name, tasks: completed, throughput: window > 0 ? Double(completed) / window : 0,
            wait: LatencySummary(waits), sojourn: LatencySummary(sojourns), meanRunning: meanRunning,
            meanCeiling: meanCeiling, utilisation: meanCeiling > 0 ? meanRunning / meanCeiling : 0,
            changesApplied: counters.appliedChanges, changesRefused: counters.refusedChanges,
            timeAtMinimum: (atMinimum.average(until: end) ?? 0) * (end - warmup).seconds,
            recoveryTime: lastStepDown.flatMap { down in recovered.map { $0 - down } },
            redrawnNegatives: redrawnNegatives)
    }
}
