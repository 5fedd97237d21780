#if WithStats
import Foundation
public import Grmgr

/// Writes stats to a database on a thread of its own, so that persistence never blocks or slows throttling.
///
/// ``append(_:)`` and ``flush(_:of:)`` only take a short lock and return; the writer thread then writes each
/// flush in one transaction. When the database fails (down, locked, unreachable), the writer logs the error,
/// closes the connection, and retries with exponential backoff, opening a new connection; meanwhile the
/// newest snapshots are kept up to the configured capacity, the oldest are dropped first, and the number
/// dropped is recorded in the `runs` table with the next commit. What was committed stays committed.
///
/// ```swift
/// let writer = StatsWriter(destination: .sqlite(path: "stats.db"), logger: StandardErrorLogger(level: .warning))
/// writer.append(snapshots)
/// writer.flush(accumulator.stats(), of: run)
/// let status = writer.finish(within: .seconds(5))
/// ```
public final class StatsWriter: Sendable {
    /// The database, for messages (passwords hidden).
    public let destinationDescription: String
    private let shared: Shared

    /// Starts a writer that opens its store with `open`, on its thread, before the first write and after each
    /// failure.
    ///
    /// - Parameters:
    ///   - name: How messages name the database.
    ///   - logger: Where failures and recoveries are logged.
    public init(
        describedAs name: String, configuration: StatsWriterConfiguration = StatsWriterConfiguration(),
        logger: (any ThrottleLogger)? = nil,
        opening open: @escaping @Sendable () throws(StatsStoreError) -> any StatsStore
    ) {
        destinationDescription = name
        shared = Shared(capacity: configuration.capacity)
        let shared = self.shared
        let loop = WriterLoop(
            shared: shared, name: name, open: open, logger: logger,
            backoff: Backoff(initial: configuration.initialBackoff, maximum: configuration.maximumBackoff))
        let thread = Thread { loop.run() }
        thread.name = "grmgr-stats-writer"
        thread.start()
    }

    /// Starts a writer for a destination, opened for writing (the schema is created when missing).
    public convenience init(
        destination: StatsDestination, configuration: StatsWriterConfiguration = StatsWriterConfiguration(),
        logger: (any ThrottleLogger)? = nil
    ) {
        self.init(describedAs: destination.description, configuration: configuration, logger: logger) {
            () throws(StatsStoreError) in try destination.open()
        }
    }

    /// Queues snapshot rows for the next flush; drops the oldest beyond the capacity. Never waits for the database.
    public func append(_ snapshots: [StatsSnapshot]) {
        guard !snapshots.isEmpty else { return }
        shared.condition.lock()
        shared.backlog.append(snapshots)
        shared.condition.unlock()
    }

    /// Asks for a transaction that writes the queued snapshots, `stats` and the run. Never waits for the database.
    public func flush(_ stats: [ThrottleStats], of run: StatsRun) {
        shared.condition.lock()
        shared.backlog.requestFlush(stats, of: run)
        shared.condition.broadcast()
        shared.condition.unlock()
    }

    /// What the writer has done so far.
    public var status: StatsWriterStatus {
        shared.condition.lock()
        defer { shared.condition.unlock() }
        return shared.currentStatus
    }

    /// Waits until every flush asked for so far is committed, or `timeout` passes.
    ///
    /// - Returns: Whether everything was committed.
    @discardableResult
    public func waitUntilWritten(within timeout: TimeAmount) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout.seconds)
        shared.condition.lock()
        defer { shared.condition.unlock() }
        while !shared.currentStatus.isComplete, !shared.exited {
            if !shared.condition.wait(until: deadline) { break }
        }
        return shared.currentStatus.isComplete
    }

    /// Writes what is pending (retrying as usual) and stops the writer, waiting at most `timeout`; after that
    /// the writer gives up and what was not committed is reported as pending. Blocks the calling thread.
    ///
    /// - Returns: The final status: check ``StatsWriterStatus/isComplete`` and ``StatsWriterStatus/lastError``.
    @discardableResult
    public func finish(within timeout: TimeAmount) -> StatsWriterStatus {
        let deadline = Date(timeIntervalSinceNow: timeout.seconds)
        shared.condition.lock()
        defer { shared.condition.unlock() }
        shared.closing = true
        shared.backlog.requestFinalFlush()
        shared.condition.broadcast()
        while !shared.exited {
            if !shared.condition.wait(until: deadline) { break }
        }
        if !shared.exited {
            shared.abandoned = true
            shared.condition.broadcast()
        }
        var status = shared.currentStatus
        status.isFinished = true
        return status
    }

    deinit {
        // A writer dropped without finish() must not keep its thread waiting for ever.
        shared.condition.lock()
        shared.closing = true
        shared.abandoned = true
        shared.condition.broadcast()
        shared.condition.unlock()
    }

    /// The state the caller and the writer thread share, guarded by `condition`.
    fileprivate final class Shared: @unchecked Sendable {
        let condition = NSCondition()
        var backlog: StatsBacklog
        var status = StatsWriterStatus()
        /// Snapshots of the batch being written.
        var inFlight: Int?
        var closing = false
        var abandoned = false
        var exited = false

        init(capacity: Int) {
            backlog = StatsBacklog(capacity: capacity)
        }

        var currentStatus: StatsWriterStatus {
            var status = self.status
            status.droppedSnapshots = backlog.dropped
            status.pendingSnapshots = backlog.snapshots.count + (inFlight ?? 0)
            status.flushPending = backlog.flushRequested || inFlight != nil
            status.isFinished = exited
            return status
        }
    }

    /// The writer thread's work.
    private struct WriterLoop: Sendable {
        let shared: Shared
        let name: String
        let open: @Sendable () throws(StatsStoreError) -> any StatsStore
        let logger: (any ThrottleLogger)?
        var backoff: Backoff

        func run() {
            var backoff = self.backoff
            var store: (any StatsStore)?
            while let batch = nextBatch() {
                do {
                    let opened = try store ?? open()
                    store = opened
                    try opened.write(batch)
                    committed(batch)
                    backoff.reset()
                } catch {
                    store?.close()
                    store = nil
                    let delay = backoff.delay()
                    failed(batch, error, retryingIn: delay)
                    pause(delay)
                }
            }
            store?.close()
            shared.condition.lock()
            shared.exited = true
            shared.condition.broadcast()
            shared.condition.unlock()
        }

        /// Waits for a flush request; `nil` when the writer is to stop.
        private func nextBatch() -> StatsBatch? {
            shared.condition.lock()
            defer { shared.condition.unlock() }
            while !shared.backlog.flushRequested, !shared.closing { shared.condition.wait() }
            guard !shared.abandoned,
                let batch = shared.backlog.take(updatedAt: Date().timeIntervalSince1970)
            else { return nil }
            shared.inFlight = batch.snapshots.count
            return batch
        }

        private func committed(_ batch: StatsBatch) {
            shared.condition.lock()
            let recovered = shared.status.consecutiveFailures
            shared.inFlight = nil
            shared.status.committedFlushes += 1
            shared.status.committedSnapshots += batch.snapshots.count
            shared.status.consecutiveFailures = 0
            let dropped = shared.backlog.dropped
            shared.condition.broadcast()
            shared.condition.unlock()
            if recovered > 0 {
                log(
                    .notice,
                    "stats: writing to \(name) again after \(recovered) failed attempts; \(dropped) snapshots dropped so far"
                )
            }
        }

        private func failed(_ batch: StatsBatch, _ error: any Error, retryingIn delay: TimeAmount) {
            shared.condition.lock()
            shared.inFlight = nil
            shared.backlog.restore(batch)
            shared.status.failures += 1
            shared.status.consecutiveFailures += 1
            shared.status.lastError = "\(error)"
            let attempt = shared.status.consecutiveFailures
            let pending = shared.backlog.snapshots.count
            shared.condition.broadcast()
            shared.condition.unlock()
            log(
                attempt == 1 ? .error : .warning,
                "stats: \(error); retrying in \(delay.goSyntax) (attempt \(attempt), \(pending) snapshots waiting)")
        }

        /// Sleeps before a retry; wakes early only when the writer is abandoned.
        private func pause(_ delay: TimeAmount) {
            let deadline = Date(timeIntervalSinceNow: delay.seconds)
            shared.condition.lock()
            while !shared.abandoned, shared.condition.wait(until: deadline) {}
            shared.condition.unlock()
        }

        private func log(_ level: LogLevel, _ message: String) {
            guard let logger, let threshold = logger.logLevel, level >= threshold else { return }
            logger.log(LogRecord(level: level, message: message, metadata: ["destination": name]))
        }
    }
}
#endif
