#if WithStats
public import Grmgr

/// The average number of running tasks over one window, and how many samples it covers.
public struct WindowAverage: Hashable, Sendable {
    /// The window.
    public var window: StatsWindow
    /// The mean of `running` over the window's latest samples; `nil` when there is none.
    public var average: Double?
    /// How many samples the average covers: fewer than the window's capacity until it has filled.
    public var samples: Int

    /// Creates an average.
    public init(window: StatsWindow, average: Double?, samples: Int) {
        self.window = window
        self.average = average
        self.samples = samples
    }
}

/// A row of the `throttle_stats` table: one throttle's state and rolling averages at its latest snapshot.
public struct ThrottleStats: Hashable, Sendable {
    /// The throttle's name.
    public var throttle: String
    /// The time of the latest snapshot, since the start of the run.
    public var time: TimePoint
    /// The ceiling, running and waiting at that snapshot.
    public var load: ThrottleLoad
    /// The totals at that snapshot.
    public var counters: StatsCounters
    /// How many snapshots of this throttle the monitor has taken.
    public var samples: Int
    /// One average per window of ``StatsWindow/all``, in that order.
    public var averages: [WindowAverage]

    /// Creates a row.
    public init(
        throttle: String, time: TimePoint, load: ThrottleLoad, counters: StatsCounters, samples: Int,
        averages: [WindowAverage]
    ) {
        self.throttle = throttle
        self.time = time
        self.load = load
        self.counters = counters
        self.samples = samples
        self.averages = averages
    }

    /// The average over the window named `name` (`"s10"`, `"m1"`, …), if there is such a window.
    public func average(_ name: String) -> WindowAverage? {
        averages.first { $0.window.name == name }
    }
}
#endif
