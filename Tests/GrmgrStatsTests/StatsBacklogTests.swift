#if WithStats
import Grmgr
@testable import GrmgrStats
import XCTest

/// The writer's bookkeeping: bounded snapshots, oldest dropped first, stats superseded, failed batches restored.
final class StatsBacklogTests: XCTestCase {
    private func stats(_ throttle: String, at seconds: Int64) -> ThrottleStats {
        ThrottleStats(
            throttle: throttle, time: .zero + .seconds(seconds), load: ThrottleLoad(ceiling: 1, running: 1, waiting: 0),
            counters: StatsCounters(), samples: 1, averages: [])
    }

    func testNothingIsTakenUntilAFlushIsAskedFor() {
        var backlog = StatsBacklog(capacity: 10)
        backlog.append([snapshot("a", at: 2, running: 1)])
        XCTAssertNil(backlog.take(updatedAt: 0))
        backlog.requestFlush([stats("a", at: 2)], of: sampleRun("r"))
        let batch = backlog.take(updatedAt: 5)
        XCTAssertEqual(batch?.snapshots.count, 1)
        XCTAssertEqual(batch?.run.run.id, "r")
        XCTAssertEqual(batch?.run.lastTime, .zero + .seconds(2))
        XCTAssertEqual(batch?.run.updatedAt, 5)
        XCTAssertNil(backlog.take(updatedAt: 6))
    }

    func testTheOldestSnapshotsAreDroppedFirstAndCounted() {
        var backlog = StatsBacklog(capacity: 3)
        backlog.append((1...5).map { snapshot("a", at: Int64($0), running: $0) })
        XCTAssertEqual(backlog.snapshots.map(\.load.running), [3, 4, 5])
        XCTAssertEqual(backlog.dropped, 2)
        backlog.requestFlush([], of: sampleRun())
        XCTAssertEqual(backlog.take(updatedAt: 0)?.run.droppedSnapshots, 2)
    }

    func testAFailedBatchGoesBackBeforeNewerRowsAndNewerStatsWin() throws {
        var backlog = StatsBacklog(capacity: 4)
        backlog.append([snapshot("a", at: 1, running: 1), snapshot("a", at: 2, running: 2)])
        backlog.requestFlush([stats("a", at: 2), stats("b", at: 2)], of: sampleRun())
        let failed = try XCTUnwrap(backlog.take(updatedAt: 0))
        backlog.append([
            snapshot("a", at: 3, running: 3), snapshot("a", at: 4, running: 4), snapshot("a", at: 5, running: 5),
        ])
        backlog.requestFlush([stats("a", at: 5)], of: sampleRun())
        backlog.restore(failed)
        // Five rows for four places: the oldest goes.
        XCTAssertEqual(backlog.snapshots.map(\.load.running), [2, 3, 4, 5])
        XCTAssertEqual(backlog.dropped, 1)
        XCTAssertEqual(backlog.stats.map(\.throttle), ["b", "a"])
        XCTAssertEqual(backlog.stats.map(\.time), [.zero + .seconds(2), .zero + .seconds(5)])
        XCTAssertTrue(backlog.flushRequested)
    }
}
#endif
