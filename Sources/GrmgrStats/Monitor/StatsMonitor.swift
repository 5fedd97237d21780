#if WithStats
import Foundation
public import Grmgr

/// The dop monitor of the WithStats edition: every snapshot interval it takes a snapshot of each throttle of a
/// service, and every flush interval it hands the rolling averages of their running counts, with the
/// snapshots, to a ``StatsWriter``.
///
/// It runs on the service's clock, so it works the same in real time and in a test's virtual time. It reads the
/// service as any caller of `snapshots()` does, and never waits for the database.
///
/// ```swift
/// let service = ThrottleService()
/// let writer = StatsWriter(destination: .sqlite(path: "stats.db"), logger: StandardErrorLogger(level: .warning))
/// let monitor = StatsMonitor(service: service, writer: writer)
/// let monitoring = Task { await monitor.run() }
/// // … throttle work …
/// monitoring.cancel()
/// await monitoring.value  // the last flush is queued
/// writer.finish(within: .seconds(5))
/// ```
public final class StatsMonitor<C: Clock>: Sendable where C.Duration == Duration {
    /// The run its rows belong to.
    public let run: StatsRun
    /// Where its rows go.
    public let writer: StatsWriter
    private let service: ThrottleService<C>
    private let clock: C

    /// Creates a monitor of `service`.
    ///
    /// - Parameters:
    ///   - clock: The service's clock (the one it was created with).
    ///   - runID: The run's key in the database; `nil` for a new UUID.
    ///   - source: What the `runs` table says was monitored.
    public init(
        service: ThrottleService<C>, clock: C, writer: StatsWriter, configuration: StatsConfiguration = .standard,
        runID: String? = nil, source: String = "service"
    ) {
        self.service = service
        self.clock = clock
        self.writer = writer
        run = StatsRun(
            id: runID ?? StatsRun.newID(), source: source, startedAt: Date().timeIntervalSince1970,
            configuration: configuration)
    }

    /// Snapshots and flushes until the calling task is cancelled, then queues a last flush of the snapshots
    /// taken since the previous one. Snapshot `k` is stamped `k × snapshotInterval` after the call; when the
    /// process falls behind by a whole flush interval (it was suspended), the missed snapshots are skipped.
    public func run() async {
        let configuration = run.configuration
        let interval = configuration.snapshotInterval.duration
        var accumulator = StatsAccumulator(configuration: configuration)
        let start = clock.now
        var tick: Int64 = 0
        var flushedTick: Int64 = 0
        while !Task.isCancelled {
            do {
                try await clock.sleep(until: start.advanced(by: interval * (tick + 1)), tolerance: nil)
            } catch {
                break
            }
            // A late wake-up takes the due snapshots one by one; after a whole flush interval of lag (the process
            // was suspended) the missed ones are skipped rather than invented.
            let due = TimeAmount(start.duration(to: clock.now)).nanoseconds / configuration.snapshotInterval.nanoseconds
            tick += 1
            if due - tick >= Int64(configuration.snapshotsPerFlush) { tick = due }
            let time = TimePoint.zero + configuration.snapshotInterval * tick
            writer.append(accumulator.record(service.snapshots().map(StatsSample.init), at: time))
            if tick / Int64(configuration.snapshotsPerFlush) > flushedTick / Int64(configuration.snapshotsPerFlush) {
                writer.flush(accumulator.stats(), of: run)
                flushedTick = tick
            }
        }
        if tick > flushedTick { writer.flush(accumulator.stats(), of: run) }
    }
}

extension StatsMonitor where C == ContinuousClock {
    /// Creates a monitor of a service on the `ContinuousClock`.
    public convenience init(
        service: ThrottleService<ContinuousClock>, writer: StatsWriter, configuration: StatsConfiguration = .standard,
        runID: String? = nil, source: String = "service"
    ) {
        self.init(
            service: service, clock: ContinuousClock(), writer: writer, configuration: configuration, runID: runID,
            source: source)
    }
}
#endif
