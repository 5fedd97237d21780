#if WithStats
public import Grmgr

/// A row of the `snapshots` history table: one throttle's load at one snapshot.
public struct StatsSnapshot: Hashable, Sendable {
    /// The throttle's name.
    public var throttle: String
    /// When, since the start of the run.
    public var time: TimePoint
    /// The ceiling, and the tasks running and waiting under it.
    public var load: ThrottleLoad

    /// Creates a row.
    public init(throttle: String, time: TimePoint, load: ThrottleLoad) {
        self.throttle = throttle
        self.time = time
        self.load = load
    }
}
#endif
