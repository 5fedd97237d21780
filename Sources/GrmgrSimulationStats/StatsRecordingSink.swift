#if WithStats
public import Grmgr
public import GrmgrSimulation

/// A simulation sink that records a run's stats and passes every record on to another sink (the CSV trace
/// writer, usually), so a run writes its traces and its stats in one pass.
public struct StatsRecordingSink<Inner: SimulationSink>: SimulationSink {
    /// The sink every record is passed on to.
    public private(set) var inner: Inner
    /// The recorder of the run's stats.
    public private(set) var recorder: SimulatedStatsRecorder

    /// Wraps `inner`.
    public init(wrapping inner: Inner, recorder: SimulatedStatsRecorder) {
        self.inner = inner
        self.recorder = recorder
    }

    /// `true`: the recorder counts grants and releases from the state changes.
    public var wantsStateChanges: Bool { true }

    /// Counts the change, and passes it on when the inner sink wants changes.
    public mutating func stateChanged(_ change: StateChange, throttle: Int, at instant: TimePoint) throws {
        recorder.stateChanged(change, throttle: throttle)
        if inner.wantsStateChanges { try inner.stateChanged(change, throttle: throttle, at: instant) }
    }

    /// Passes the samples on, then lets the recorder snapshot them.
    public mutating func sampled(_ loads: [ThrottleLoad], at instant: TimePoint) throws {
        try inner.sampled(loads, at: instant)
        recorder.sampled(loads, at: instant)
    }

    /// Counts the decision and passes it on.
    public mutating func scaled(_ record: ScalingRecord, throttle: Int, at instant: TimePoint) throws {
        recorder.scaled(record, throttle: throttle)
        try inner.scaled(record, throttle: throttle, at: instant)
    }

    /// Passes the task on.
    public mutating func taskEnded(_ task: SimulatedTask) throws {
        try inner.taskEnded(task)
    }

    /// Queues the last flush of the run.
    public mutating func finish() {
        recorder.finish()
    }
}
#endif
