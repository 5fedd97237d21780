#if WithStats
public import Grmgr

/// The running totals the monitor records for a throttle.
public struct StatsCounters: Hashable, Sendable {
    /// Grants, at once or from the queue.
    public var granted: Int
    /// Calls of `done()` that were accepted.
    public var completed: Int
    /// Scaling requests that changed the ceiling (or set it).
    public var appliedChanges: Int
    /// Up/down requests refused by the hold.
    public var refusedChanges: Int

    /// Creates counters.
    public init(granted: Int = 0, completed: Int = 0, appliedChanges: Int = 0, refusedChanges: Int = 0) {
        self.granted = granted
        self.completed = completed
        self.appliedChanges = appliedChanges
        self.refusedChanges = refusedChanges
    }

    /// The monitored subset of a throttle's counters.
    public init(_ counters: ThrottleCounters) {
        self.init(
            granted: counters.granted, completed: counters.completed, appliedChanges: counters.appliedChanges,
            refusedChanges: counters.refusedChanges)
    }
}

/// What the monitor sees of one throttle at one snapshot.
public struct StatsSample: Hashable, Sendable {
    /// The throttle's identifier; a new identifier under a known name starts its windows afresh.
    public var id: ThrottleID
    /// The throttle's name, the key of its statistics.
    public var throttle: String
    /// The ceiling, and the tasks running and waiting under it.
    public var load: ThrottleLoad
    /// Totals since the throttle was registered.
    public var counters: StatsCounters

    /// Creates a sample.
    public init(id: ThrottleID, throttle: String, load: ThrottleLoad, counters: StatsCounters) {
        self.id = id
        self.throttle = throttle
        self.load = load
        self.counters = counters
    }

    /// The sample a service snapshot gives.
    public init(_ snapshot: ThrottleSnapshot) {
        self.init(
            id: snapshot.id, throttle: snapshot.name,
            load: ThrottleLoad(ceiling: snapshot.ceiling, running: snapshot.running, waiting: snapshot.waiting),
            counters: StatsCounters(snapshot.counters))
    }
}
#endif
