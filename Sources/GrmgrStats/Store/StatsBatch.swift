#if WithStats
/// What one flush writes, in one transaction: the run's row, the snapshots taken since the last
/// committed flush, and the latest averages of each throttle.
public struct StatsBatch: Hashable, Sendable {
    /// The run, with its totals.
    public var run: StatsRunRecord
    /// New rows for the `snapshots` table, oldest first.
    public var snapshots: [StatsSnapshot]
    /// Rows to upsert into `throttle_stats`, one per throttle.
    public var stats: [ThrottleStats]

    /// Creates a batch.
    public init(run: StatsRunRecord, snapshots: [StatsSnapshot], stats: [ThrottleStats]) {
        self.run = run
        self.snapshots = snapshots
        self.stats = stats
    }
}
#endif
