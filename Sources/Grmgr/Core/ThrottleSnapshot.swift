/// Running totals of one throttle since it was registered.
///
/// They satisfy the conservation invariants at every instant:
/// `asked == granted + waiting + cancelled + failed` and `granted == completed + running`.
public struct ThrottleCounters: Hashable, Sendable {
    /// Calls of `control()`.
    public var asked = 0
    /// Grants, at once or from the queue.
    public var granted = 0
    /// Calls of `done()` that were accepted.
    public var completed = 0
    /// Waiters that left the queue because their task was cancelled.
    public var cancelled = 0
    /// Waiters failed by `delete()` or shutdown.
    public var failed = 0
    /// Scaling requests that changed the ceiling (or `set` it).
    public var appliedChanges = 0
    /// Up/down requests refused by the hold.
    public var refusedChanges = 0

    /// All zero.
    public init() {}
}

/// A consistent picture of one throttle at one moment.
public struct ThrottleSnapshot: Hashable, Sendable {
    /// The throttle's identifier in its core.
    public var id: ThrottleID
    /// Its settings.
    public var config: ThrottleConfig
    /// The current ceiling (dop).
    public var ceiling: Int
    /// Tasks granted and not yet done.
    public var running: Int
    /// Callers queued.
    public var waiting: Int
    /// Totals since registration.
    public var counters: ThrottleCounters
    /// Whether the throttle was deleted (it may still have running tasks to drain).
    public var isDeleted: Bool
    /// The name of the profile the throttle is running, if any.
    public var activeProfile: String?

    /// The name of the throttle.
    public var name: String { config.name }
    /// The configured maximum ceiling.
    public var max: Int { config.dop }
    /// The floor for stepping down.
    public var min: Int { config.min }
}

/// The three numbers a dop trace plots: the ceiling, and how many tasks run and wait under it.
public struct ThrottleLoad: Hashable, Sendable {
    /// The current ceiling (dop).
    public var ceiling: Int
    /// Tasks granted and not yet done.
    public var running: Int
    /// Callers queued.
    public var waiting: Int

    /// Creates a load.
    public init(ceiling: Int, running: Int, waiting: Int) {
        self.ceiling = ceiling
        self.running = running
        self.waiting = waiting
    }
}
