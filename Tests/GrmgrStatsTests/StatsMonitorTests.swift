#if WithStats
import Grmgr
import GrmgrStats
import XCTest

/// The real-time monitor, driven in virtual time through the service's clock.
final class StatsMonitorTests: XCTestCase {
    func testTheMonitorSnapshotsEveryTwoSecondsAndFlushesEveryTenOnTheServicesClock() async throws {
        let clock = ManualClock()
        let service = ThrottleService(clock: clock)
        let throttle = try service.makeThrottle(named: "virtual", dop: 5)
        let database = MemoryDatabase()
        let writer = StatsWriter(describedAs: "memory") { () throws(StatsStoreError) in try database.open() }
        let monitor = StatsMonitor(service: service, clock: clock, writer: writer)
        let monitoring = Task { await monitor.run() }
        var running = 0
        var expected: [Int] = []
        for tick in 1...12 {
            // The monitor is asleep again: it has taken the previous snapshot.
            await eventually { clock.sleeperCount == 1 }
            let target = (tick * 3) % 5
            while running < target {
                try await throttle.control()
                running += 1
            }
            while running > target {
                try throttle.done()
                running -= 1
            }
            expected.append(target)
            clock.advance(by: .seconds(2))
        }
        await eventually { clock.sleeperCount == 1 }
        monitoring.cancel()
        await monitoring.value
        XCTAssertTrue(writer.finish(within: .seconds(10)).isComplete)

        let batches = database.batches
        // Flushes at 10 s and 20 s, then the last one at cancellation with the snapshots of 22 s and 24 s.
        XCTAssertEqual(batches.flatMap(\.stats).map(\.time), [10, 20, 24].map { .zero + .seconds($0) })
        XCTAssertEqual(database.snapshots.map(\.time), (1...12).map { .zero + .seconds(2 * Int64($0)) })
        XCTAssertEqual(database.snapshots.map(\.load.running), expected)
        let atTwenty = try XCTUnwrap(batches.flatMap(\.stats).first { $0.time == .zero + .seconds(20) })
        XCTAssertEqual(atTwenty.average("s10")?.average, Double(expected[5..<10].reduce(0, +)) / 5)
        XCTAssertEqual(atTwenty.average("s20")?.average, Double(expected[0..<10].reduce(0, +)) / 10)
        XCTAssertEqual(atTwenty.average("m1")?.samples, 10)
        XCTAssertEqual(batches.last?.run.run.id, monitor.run.id)
        XCTAssertEqual(batches.last?.run.run.source, "service")
        while running > 0 {
            try throttle.done()
            running -= 1
        }
        service.shutdown()
    }
}
#endif
