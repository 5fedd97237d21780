#if WithStats
import Foundation
public import Grmgr

/// One monitored run: a service's lifetime or one simulated scenario. A row of the `runs` table.
public struct StatsRun: Hashable, Sendable {
    /// The run's identifier, part of every row's key.
    public var id: String
    /// What was monitored: `service`, or `simulation <scenario> seed <n>`.
    public var source: String
    /// Wall-clock start, in seconds since 1970; row times are offsets from it.
    public var startedAt: Double
    /// The snapshot and flush intervals.
    public var configuration: StatsConfiguration

    /// Creates a run.
    public init(id: String, source: String, startedAt: Double, configuration: StatsConfiguration) {
        self.id = id
        self.source = source
        self.startedAt = startedAt
        self.configuration = configuration
    }

    /// A new run identifier: a lowercase UUID.
    public static func newID() -> String {
        UUID().uuidString.lowercased()
    }
}

/// A run as the `runs` table holds it, with what the writer adds at each flush.
public struct StatsRunRecord: Hashable, Sendable {
    /// The run.
    public var run: StatsRun
    /// Snapshots the writer dropped because the database could not keep up or was down.
    public var droppedSnapshots: Int
    /// The time of the latest snapshot written, since the start of the run.
    public var lastTime: TimePoint?
    /// Wall-clock time of the latest flush, in seconds since 1970.
    public var updatedAt: Double

    /// Creates a record.
    public init(run: StatsRun, droppedSnapshots: Int, lastTime: TimePoint?, updatedAt: Double) {
        self.run = run
        self.droppedSnapshots = droppedSnapshots
        self.lastTime = lastTime
        self.updatedAt = updatedAt
    }
}
#endif
