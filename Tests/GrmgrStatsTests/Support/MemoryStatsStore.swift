#if WithStats
import Foundation
import Grmgr
import GrmgrStats
import Synchronization

/// An in-memory database for writer and recorder tests: keeps every committed batch, and fails on demand.
final class MemoryDatabase: Sendable {
    private struct State {
        var batches: [StatsBatch] = []
        var opens = 0
        var isDown = false
        var writeDelay: Duration = .zero
    }

    private let state = Mutex(State())

    /// Committed batches, in commit order.
    var batches: [StatsBatch] { state.withLock { $0.batches } }
    /// How many connections were opened.
    var opens: Int { state.withLock { $0.opens } }
    /// Every committed snapshot, in commit order.
    var snapshots: [StatsSnapshot] { batches.flatMap(\.snapshots) }

    /// While down, opening and writing fail.
    func setDown(_ down: Bool) { state.withLock { $0.isDown = down } }
    /// Makes every write take this long, as a slow database would.
    func setWriteDelay(_ delay: Duration) { state.withLock { $0.writeDelay = delay } }

    /// Opens a connection, as a ``StatsWriter`` does.
    func open() throws(StatsStoreError) -> any StatsStore {
        try state.withLock { state throws(StatsStoreError) in
            state.opens += 1
            if state.isDown { throw StatsStoreError("memory database is down") }
        }
        return MemoryStatsStore(database: self)
    }

    fileprivate func commit(_ batch: StatsBatch) throws(StatsStoreError) {
        let delay = state.withLock { $0.writeDelay }
        if delay > .zero { Thread.sleep(forTimeInterval: Double(TimeAmount(delay).nanoseconds) / 1e9) }
        try state.withLock { state throws(StatsStoreError) in
            if state.isDown { throw StatsStoreError("memory database went down") }
            state.batches.append(batch)
        }
    }
}

/// A connection to a ``MemoryDatabase``.
final class MemoryStatsStore: StatsStore {
    private let database: MemoryDatabase

    init(database: MemoryDatabase) {
        self.database = database
    }

    func write(_ batch: StatsBatch) throws(StatsStoreError) { try database.commit(batch) }
    func runs() throws(StatsStoreError) -> [StatsRunRecord] { database.batches.suffix(1).map(\.run) }
    func stats(run: String) throws(StatsStoreError) -> [ThrottleStats] { database.batches.last?.stats ?? [] }
    func snapshots(run: String) throws(StatsStoreError) -> [StatsSnapshot] { database.snapshots }
    func close() {}
}
#endif
