#if WithStats
import Foundation
import Grmgr
import GrmgrStats
import XCTest

/// The writer thread: one transaction per flush, retries with backoff, reconnects, drops the oldest snapshots
/// first when the database is down, and never makes its callers wait.
final class StatsWriterTests: XCTestCase {
    private func writer(
        _ database: MemoryDatabase, capacity: Int = 100, logger: CapturingLogger? = nil
    ) -> StatsWriter {
        StatsWriter(
            describedAs: "memory",
            configuration: StatsWriterConfiguration(
                capacity: capacity, initialBackoff: .milliseconds(5), maximumBackoff: .milliseconds(40)),
            logger: logger
        ) { () throws(StatsStoreError) in try database.open() }
    }

    func testEachFlushIsOneBatchWithTheSnapshotsTakenSinceTheLastOne() {
        let database = MemoryDatabase()
        let writer = writer(database)
        let run = sampleRun()
        writer.append([snapshot("a", at: 2, running: 1), snapshot("a", at: 4, running: 2)])
        writer.flush([], of: run)
        XCTAssertTrue(writer.waitUntilWritten(within: .seconds(10)))
        writer.append([snapshot("a", at: 6, running: 3)])
        writer.flush([], of: run)
        let status = writer.finish(within: .seconds(10))
        XCTAssertTrue(status.isComplete)
        XCTAssertTrue(status.isFinished)
        XCTAssertEqual(database.batches.map { $0.snapshots.map(\.load.running) }, [[1, 2], [3]])
        XCTAssertEqual(status.committedFlushes, 2)
        XCTAssertEqual(status.committedSnapshots, 3)
        XCTAssertEqual(database.opens, 1, "one connection for the whole run")
    }

    func testADatabaseThatIsDownIsRetriedWithBackoffAndTheOldestSnapshotsAreDroppedFirst() async throws {
        let database = MemoryDatabase()
        let logger = CapturingLogger()
        let writer = writer(database, capacity: 5, logger: logger)
        let run = sampleRun()
        writer.append([snapshot("a", at: 2, running: 1)])
        writer.flush([], of: run)
        XCTAssertTrue(writer.waitUntilWritten(within: .seconds(10)))

        database.setDown(true)
        for second in 2...9 {
            writer.append([snapshot("a", at: Int64(2 * second), running: second)])
            writer.flush([], of: run)
        }
        await eventually { writer.status.failures >= 3 }
        let opensWhileDown = database.opens
        XCTAssertGreaterThan(opensWhileDown, 2, "each retry opens a new connection")
        XCTAssertEqual(writer.status.droppedSnapshots, 3, "eight rows for five places")
        XCTAssertEqual(database.batches.count, 1, "what was committed stays as it was")
        XCTAssertTrue(writer.status.lastError?.contains("memory database") ?? false)
        XCTAssertTrue(logger.messages(atLeast: .error).contains { $0.contains("retrying in") }, "\(logger.messages)")

        database.setDown(false)
        XCTAssertTrue(writer.waitUntilWritten(within: .seconds(10)))
        let status = writer.finish(within: .seconds(10))
        XCTAssertEqual(database.snapshots.map(\.load.running), [1, 5, 6, 7, 8, 9])
        XCTAssertEqual(database.batches.last?.run.droppedSnapshots, 3, "the count reaches the runs table")
        XCTAssertEqual(status.droppedSnapshots, 3)
        XCTAssertEqual(status.consecutiveFailures, 0)
        XCTAssertTrue(logger.messages.contains { $0.contains("again after") }, "\(logger.messages)")
    }

    func testFinishGivesUpAfterItsTimeoutWhenTheDatabaseStaysDown() {
        let database = MemoryDatabase()
        database.setDown(true)
        let writer = writer(database)
        writer.append([snapshot("a", at: 2, running: 1)])
        writer.flush([], of: sampleRun())
        let started = ContinuousClock.now
        let status = writer.finish(within: .milliseconds(300))
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(5))
        XCTAssertFalse(status.isComplete)
        XCTAssertEqual(status.pendingSnapshots, 1)
        XCTAssertEqual(status.committedFlushes, 0)
        XCTAssertNotNil(status.lastError)
    }

    func testAppendingAndFlushingNeverWaitForASlowDatabase() {
        let database = MemoryDatabase()
        database.setWriteDelay(.milliseconds(500))
        let writer = writer(database, capacity: 50)
        let run = sampleRun()
        writer.flush([], of: run)  // The writer is now busy for half a second.
        let started = ContinuousClock.now
        for tick in 1...2_000 {
            writer.append([snapshot("a", at: Int64(tick), running: tick)])
            if tick % 5 == 0 { writer.flush([], of: run) }
        }
        XCTAssertLessThan(ContinuousClock.now - started, .milliseconds(250))
        let status = writer.finish(within: .seconds(10))
        XCTAssertTrue(status.isComplete)
        XCTAssertEqual(status.droppedSnapshots + status.committedSnapshots, 2_000)
        XCTAssertEqual(database.snapshots.last?.load.running, 2_000, "the newest rows are kept")
    }
}
#endif
