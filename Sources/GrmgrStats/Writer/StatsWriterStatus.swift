#if WithStats
/// What a ``StatsWriter`` has done so far.
public struct StatsWriterStatus: Hashable, Sendable {
    /// Transactions committed.
    public var committedFlushes = 0
    /// Snapshot rows committed.
    public var committedSnapshots = 0
    /// Snapshots dropped because the database could not keep up or was down (also in the `runs` table).
    public var droppedSnapshots = 0
    /// Snapshots waiting to be written.
    public var pendingSnapshots = 0
    /// Whether a flush is waiting to be written.
    public var flushPending = false
    /// Failed attempts to open the database or write to it.
    public var failures = 0
    /// Failed attempts since the last commit.
    public var consecutiveFailures = 0
    /// The latest failure's message.
    public var lastError: String?
    /// Whether the writer has stopped: finished, or given up at the end of ``StatsWriter/finish(within:)``.
    public var isFinished = false

    /// Nothing done yet.
    public init() {}

    /// Whether everything asked for was committed.
    public var isComplete: Bool { pendingSnapshots == 0 && !flushPending }
}
#endif
