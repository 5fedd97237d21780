import Grmgr

/// Accumulates one throttle's summary during a run: latencies of the tasks that arrived after the
/// warmup, and time-weighted loads over the measured window.
struct ThrottleStatistics {
    private let config: ThrottleConfig
    private var warmup = TimePoint.zero
    private var waits = QuantileSketch()
    private var sojourns = QuantileSketch()
    private var running = TimeWeightedAverage(value: 0, at: .zero)
    private var ceiling = TimeWeightedAverage(value: 0, at: .zero)
    private var atMinimum = TimeWeightedAverage(value: 0, at: .zero)
    private var completed = 0
    private var last = ThrottleLoad(ceiling: 0, running: 0, waiting: 0)
    private var lastStepDown: TimePoint?
    private var recovered: TimePoint?

    init(config: ThrottleConfig) {
        self.config = config
    }

    mutating func begin(load: ThrottleLoad, at instant: TimePoint, warmup: TimePoint) {
        self.warmup = warmup
        running = TimeWeightedAverage(value: load.running, at: instant, windowStart: warmup)
        ceiling = TimeWeightedAverage(value: load.ceiling, at: instant, windowStart: warmup)
        atMinimum = TimeWeightedAverage(value: load.ceiling == config.min ? 1 : 0, at: instant, windowStart: warmup)
        last = load
    }

    @inline(__always)
    mutating func observe(_ load: ThrottleLoad, at instant: TimePoint) {
        // Most commands change only `running`; the ceiling integrals are touched only when it moves.
        if load.running != last.running { running.update(to: load.running, at: instant) }
        if load.ceiling != last.ceiling {
            ceiling.update(to: load.ceiling, at: instant)
            atMinimum.update(to: load.ceiling == config.min ? 1 : 0, at: instant)
            if lastStepDown != nil, recovered == nil, load.ceiling == config.dop { recovered = instant }
        }
        last = load
    }

    mutating func scaled(_ record: ScalingRecord, at instant: TimePoint) {
        if record.ceilingAfter < record.ceilingBefore {
            lastStepDown = instant
            recovered = nil
        }
    }

    /// A task that arrived at `arrival` started at `start` (both in nanoseconds).
    @inline(__always)
    mutating func taskStarted(arrival: Int64, at start: Int64) {
        if arrival >= warmup.nanoseconds { waits.insert(nanoseconds: start &- arrival) }
    }

    /// A task that arrived at `arrival` ended at `end` (both in nanoseconds).
    @inline(__always)
    mutating func taskEnded(arrival: Int64, end: Int64) {
        guard arrival >= warmup.nanoseconds else { return }
        sojourns.insert(nanoseconds: end &- arrival)
        completed += 1
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
