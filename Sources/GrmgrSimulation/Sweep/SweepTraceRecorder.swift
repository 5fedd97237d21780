import Grmgr

/// A sink that keeps one throttle's dop trace for the report: its load on every `stride`-th sample of the
/// grid, and each ceiling change at its exact instant.
struct SweepTraceRecorder: SimulationSink {
    /// Samples kept per run at most (about), so that a long run's trace stays small.
    static let targetSamples = 500

    /// The recorded throttle's position in the scenario.
    let throttle: Int
    /// Keep every `stride`-th sample.
    let stride: Int
    /// The trace so far.
    private(set) var points: [SweepTracePoint] = []
    private var samples = 0

    /// A recorder for a run of `scenario`, thinning the sampling grid to about ``targetSamples`` points.
    init(throttle: Int, scenario: Scenario) {
        self.throttle = throttle
        let gridPoints = scenario.duration.nanoseconds / Swift.max(scenario.sample.nanoseconds, 1) + 1
        stride = Int(Swift.max(1, (gridPoints + Int64(Self.targetSamples) - 1) / Int64(Self.targetSamples)))
    }

    var wantsStateChanges: Bool { false }

    func stateChanged(_ change: StateChange, throttle: Int, at instant: TimePoint) {}

    mutating func sampled(_ loads: [ThrottleLoad], at instant: TimePoint) {
        defer { samples += 1 }
        guard samples % stride == 0 else { return }
        let load = loads[throttle]
        points.append(
            SweepTracePoint(
                time: instant.nanoseconds, ceiling: load.ceiling, running: load.running, waiting: load.waiting))
    }

    mutating func scaled(_ record: ScalingRecord, throttle: Int, at instant: TimePoint) {
        guard throttle == self.throttle, record.outcome.changedCeiling else { return }
        points.append(
            SweepTracePoint(time: instant.nanoseconds, ceiling: record.ceilingAfter, running: nil, waiting: nil))
    }

    func taskEnded(_ task: SimulatedTask) {}
}
