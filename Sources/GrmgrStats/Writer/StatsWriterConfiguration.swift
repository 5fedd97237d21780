#if WithStats
public import Grmgr

/// How much the writer keeps waiting and how it retries a database that fails.
public struct StatsWriterConfiguration: Hashable, Sendable {
    /// The most snapshots kept waiting for the database; beyond it the oldest are dropped and counted.
    public var capacity: Int
    /// The wait before the first retry after a failure; it doubles with each failure in a row.
    public var initialBackoff: TimeAmount
    /// The longest wait between two retries.
    public var maximumBackoff: TimeAmount

    /// Creates a configuration; the defaults keep two hours of snapshots of five throttles at 2 s and retry
    /// after 0.5 s, 1 s, 2 s, … up to 30 s.
    public init(
        capacity: Int = 18_000, initialBackoff: TimeAmount = .milliseconds(500),
        maximumBackoff: TimeAmount = .seconds(30)
    ) {
        self.capacity = Swift.max(capacity, 1)
        self.initialBackoff = Swift.max(initialBackoff, .milliseconds(1))
        self.maximumBackoff = Swift.max(maximumBackoff, self.initialBackoff)
    }
}
#endif
