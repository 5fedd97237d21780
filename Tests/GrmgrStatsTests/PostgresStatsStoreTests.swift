#if WithStats
import Foundation
import Grmgr
import GrmgrStats
import XCTest

/// The shared PostgreSQL store against a real server (`make test` starts one): the same behaviour as SQLite,
/// and a server restart in the middle of a monitored run.
final class PostgresStatsStoreTests: XCTestCase {
    private var server: PostgresTestServer!

    override func setUpWithError() throws {
        server = try PostgresTestServer.fromEnvironment()
    }

    private var destination: StatsDestination { .postgres(conninfo: server.conninfo) }

    func testTheSchemaIsCreatedAndAFlushReadsBackAsWritten() throws {
        try StoreContract(destination: destination).checkSchemaCreationAndRoundTrip()
    }

    func testUpsertKeepsOneRowPerThrottleAndANewConnectionSeesEverything() throws {
        try StoreContract(destination: destination).checkUpsertAndReopen()
    }

    func testTheMonitorOfARealTimeServiceWritesItsRows() async throws {
        try await StoreContract(destination: destination).checkMonitorOfAServiceRecordsItsThrottles()
    }

    func testAnUnreachableServerIsAClearError() throws {
        XCTAssertThrowsError(
            try StatsDestination.postgres(conninfo: "host=127.0.0.1 port=1 dbname=x connect_timeout=2").open()
        ) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot connect to PostgreSQL host=127.0.0.1 port=1"), "\(error)")
        }
    }

    func testThrottlingGoesOnWhileTheServerRestartsAndTheRowsOfBothSidesAreThere() async throws {
        let service = ThrottleService()
        let throttle = try service.makeThrottle(named: "restart", dop: 4)
        let logger = CapturingLogger()
        let writer = StatsWriter(
            destination: destination,
            configuration: StatsWriterConfiguration(
                capacity: 100_000, initialBackoff: .milliseconds(50), maximumBackoff: .milliseconds(400)),
            logger: logger)
        let configuration = try StatsConfiguration(
            snapshotInterval: .milliseconds(20), flushInterval: .milliseconds(100))
        let monitor = StatsMonitor(service: service, writer: writer, configuration: configuration)
        let monitoring = Task { await monitor.run() }
        let workers = Task {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        while !Task.isCancelled {
                            try? await throttle.withControl { try? await Task.sleep(for: .milliseconds(1)) }
                        }
                    }
                }
            }
        }
        await eventually { writer.status.committedFlushes >= 3 }

        try server.stop()
        let flushesBeforeStop = writer.status.committedFlushes
        let snapshotsBeforeStop = writer.status.committedSnapshots
        await eventually { writer.status.consecutiveFailures >= 2 }
        let grantedWhileDown = try throttle.snapshot().counters.granted
        // Throttling goes on while the database is down: the workers keep getting slots.
        await eventually { (try? throttle.snapshot().counters.granted) ?? 0 > grantedWhileDown + 200 }
        XCTAssertEqual(writer.status.committedFlushes, flushesBeforeStop, "nothing can be committed meanwhile")
        XCTAssertGreaterThan(writer.status.consecutiveFailures, 1)

        try server.start()
        await eventually {
            writer.status.consecutiveFailures == 0 && writer.status.committedFlushes > flushesBeforeStop + 1
        }
        workers.cancel()
        await workers.value
        monitoring.cancel()
        await monitoring.value
        let status = writer.finish(within: .seconds(20))
        XCTAssertTrue(status.isComplete, "\(status)")
        XCTAssertEqual(status.droppedSnapshots, 0)
        XCTAssertTrue(logger.messages.contains { $0.contains("again after") }, "\(logger.messages)")

        let store = try destination.open(readOnly: true)
        defer { store.close() }
        let snapshots = try store.snapshots(run: monitor.run.id)
        XCTAssertEqual(snapshots.count, status.committedSnapshots, "every snapshot, from before and after the restart")
        XCTAssertGreaterThan(snapshots.count, snapshotsBeforeStop + 5)
        let times = snapshots.map(\.time.nanoseconds)
        XCTAssertEqual(times, times.sorted())
        XCTAssertEqual(Set(times).count, times.count)
        XCTAssertTrue(times.allSatisfy { $0 % configuration.snapshotInterval.nanoseconds == 0 })
        let row = try XCTUnwrap(try store.stats(run: monitor.run.id).first)
        XCTAssertEqual(row.time, snapshots.last?.time)
        XCTAssertEqual(row.samples, snapshots.count)
        XCTAssertEqual(try store.runs().first { $0.run.id == monitor.run.id }?.droppedSnapshots, 0)
        service.shutdown()
    }
}
#endif
