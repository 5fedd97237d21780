public import Grmgr

/// Where a simulated run sends its records: the CSV trace writer, an in-memory recorder, or nothing.
///
/// The simulator is generic over its sink, so a sink with empty methods costs nothing.
public protocol SimulationSink {
    /// Whether the run should record every state change (dop.csv); off saves work on the hot path.
    var wantsStateChanges: Bool { get }
    /// Whether the run should sample every throttle's load on the scenario's grid (dop_sampled.csv).
    var wantsSamples: Bool { get }
    /// A throttle's state changed at `instant`.
    mutating func stateChanged(_ change: StateChange, throttle: Int, at instant: TimePoint) throws
    /// The load of every throttle on the sampling grid, in scenario order.
    mutating func sampled(_ loads: [ThrottleLoad], at instant: TimePoint) throws
    /// A scaling request was decided at `instant`.
    mutating func scaled(_ record: ScalingRecord, throttle: Int, at instant: TimePoint) throws
    /// A task finished, or the run ended before it did (`end` is `nil` then).
    mutating func taskEnded(_ task: SimulatedTask) throws
}

extension SimulationSink {
    /// Sinks sample the load unless they say otherwise.
    public var wantsSamples: Bool { true }
}

/// A sink that keeps nothing: for summaries only, and for benchmarks.
public struct DiscardingSink: SimulationSink {
    /// Creates the sink.
    public init() {}

    /// `false`: nothing is kept.
    public var wantsStateChanges: Bool { false }
    /// `false`: nothing is kept.
    public var wantsSamples: Bool { false }
    /// Discards the change.
    public func stateChanged(_ change: StateChange, throttle: Int, at instant: TimePoint) {}
    /// Discards the samples.
    public func sampled(_ loads: [ThrottleLoad], at instant: TimePoint) {}
    /// Discards the record.
    public func scaled(_ record: ScalingRecord, throttle: Int, at instant: TimePoint) {}
    /// Discards the task.
    public func taskEnded(_ task: SimulatedTask) {}
}
