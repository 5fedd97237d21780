#if WithStats
import Grmgr

/// What the writer still has to write: the newest snapshots up to a capacity, the latest stats of each
/// throttle, and the run. Pure bookkeeping; the ``StatsWriter`` guards it with its lock.
///
/// When the database is slow or down, the oldest snapshots go first, and each one dropped is counted. Stats
/// rows are never dropped: a newer row of a throttle replaces the older one, which it supersedes anyway.
struct StatsBacklog {
    /// The most snapshots kept waiting.
    let capacity: Int
    /// Snapshots not yet committed, oldest first.
    private(set) var snapshots: [StatsSnapshot] = []
    /// The latest stats row of each throttle not yet committed, in the order they first came.
    private(set) var stats: [ThrottleStats] = []
    /// The run of the latest flush request.
    private(set) var run: StatsRun?
    /// The time of the latest snapshot of the latest flush request.
    private(set) var lastTime: TimePoint?
    /// Whether a flush was asked for and not yet taken.
    private(set) var flushRequested = false
    /// Snapshots dropped so far.
    private(set) var dropped = 0

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 1)
    }

    /// Queues snapshots, dropping the oldest ones beyond the capacity.
    mutating func append(_ rows: [StatsSnapshot]) {
        snapshots.append(contentsOf: rows)
        trim()
    }

    /// Asks for a transaction writing `stats` of `run` along with the queued snapshots.
    mutating func requestFlush(_ rows: [ThrottleStats], of run: StatsRun) {
        merge(rows)
        self.run = run
        if let latest = rows.map(\.time).max() { lastTime = Swift.max(latest, lastTime ?? latest) }
        flushRequested = true
    }

    /// Asks for a last flush of snapshots queued since the latest request, when a run is known.
    mutating func requestFinalFlush() {
        if run != nil, !snapshots.isEmpty { flushRequested = true }
    }

    /// Takes everything for one transaction; `nil` when no flush was asked for.
    mutating func take(updatedAt: Double) -> StatsBatch? {
        guard flushRequested, let run else { return nil }
        flushRequested = false
        defer {
            snapshots = []
            stats = []
        }
        return StatsBatch(
            run: StatsRunRecord(run: run, droppedSnapshots: dropped, lastTime: lastTime, updatedAt: updatedAt),
            snapshots: snapshots, stats: stats)
    }

    /// Puts back a batch whose transaction failed: its snapshots are older than any queued since, and its stats
    /// rows count only for throttles that have no newer row.
    mutating func restore(_ batch: StatsBatch) {
        snapshots = batch.snapshots + snapshots
        let newer = Set(stats.map(\.throttle))
        stats = batch.stats.filter { !newer.contains($0.throttle) } + stats
        if run == nil { run = batch.run.run }
        flushRequested = true
        trim()
    }

    private mutating func merge(_ rows: [ThrottleStats]) {
        for row in rows {
            if let index = stats.firstIndex(where: { $0.throttle == row.throttle }) {
                stats[index] = row
            } else {
                stats.append(row)
            }
        }
    }

    private mutating func trim() {
        let excess = snapshots.count - capacity
        guard excess > 0 else { return }
        snapshots.removeFirst(excess)
        dropped += excess
    }
}
#endif
