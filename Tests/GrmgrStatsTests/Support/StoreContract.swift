#if WithStats
import Foundation
import Grmgr
import GrmgrStats
import XCTest

/// The behaviour every store shares, checked against SQLite and PostgreSQL alike.
struct StoreContract {
    let destination: StatsDestination

    private func stats(
        _ throttle: String, at seconds: Int64, running: Int, granted: Int, samples: Int, averages: [Double?]
    ) -> ThrottleStats {
        ThrottleStats(
            throttle: throttle, time: .zero + .seconds(seconds),
            load: ThrottleLoad(ceiling: 8, running: running, waiting: 3),
            counters: StatsCounters(
                granted: granted, completed: granted - running, appliedChanges: 2, refusedChanges: 1),
            samples: samples,
            averages: zip(StatsWindow.all, averages).map { window, average in
                WindowAverage(window: window, average: average, samples: average == nil ? 0 : samples)
            })
    }

    private func batch(
        _ run: StatsRun, dropped: Int = 0, snapshots: [StatsSnapshot], stats: [ThrottleStats]
    ) -> StatsBatch {
        StatsBatch(
            run: StatsRunRecord(run: run, droppedSnapshots: dropped, lastTime: stats.map(\.time).max(), updatedAt: 0),
            snapshots: snapshots, stats: stats)
    }

    /// A new database gets the schema; a flush reads back exactly as written.
    func checkSchemaCreationAndRoundTrip(file: StaticString = #filePath, line: UInt = #line) throws {
        let store = try destination.open()
        defer { store.close() }
        let run = sampleRun(
            configuration: try StatsConfiguration(snapshotInterval: .seconds(1), flushInterval: .seconds(5)))
        let averages: [Double?] = [2.4, 1.0 / 3.0, 7, 0.1, 0.2, 0.3, nil, nil, nil, nil, nil, nil]
        let row = stats("t'quoted", at: 10, running: 4, granted: 40, samples: 5, averages: averages)
        let rows = [snapshot("t'quoted", at: 9, running: 3), snapshot("t'quoted", at: 10, running: 4)]
        try store.write(batch(run, dropped: 2, snapshots: rows, stats: [row]))

        let record = try XCTUnwrap(try store.runs().first { $0.run.id == run.id }, file: file, line: line)
        XCTAssertEqual(record.run, run, file: file, line: line)
        XCTAssertEqual(record.droppedSnapshots, 2, file: file, line: line)
        XCTAssertEqual(record.lastTime, .zero + .seconds(10), file: file, line: line)
        XCTAssertGreaterThan(
            record.updatedAt, 1_700_000_000, "the writer stamps the wall clock", file: file, line: line)
        XCTAssertEqual(try store.stats(run: run.id), [row], file: file, line: line)
        XCTAssertEqual(try store.snapshots(run: run.id), rows, file: file, line: line)
    }

    /// A second flush replaces the throttle's row, adds to the history, and keeps a snapshot already stored.
    func checkUpsertAndReopen(file: StaticString = #filePath, line: UInt = #line) throws {
        let run = sampleRun()
        let first = stats("a", at: 10, running: 1, granted: 10, samples: 5, averages: Array(repeating: 1.5, count: 12))
        let other = stats("b", at: 10, running: 2, granted: 3, samples: 5, averages: Array(repeating: 2, count: 12))
        let second = stats(
            "a", at: 20, running: 6, granted: 25, samples: 10, averages: Array(repeating: 3.25, count: 12))
        do {
            let store = try destination.open()
            defer { store.close() }
            try store.write(batch(run, snapshots: [snapshot("a", at: 10, running: 1)], stats: [first, other]))
            try store.write(
                batch(
                    run, dropped: 4,
                    snapshots: [snapshot("a", at: 10, running: 99), snapshot("a", at: 20, running: 6)],
                    stats: [second]))
        }
        // A new connection, read-only, sees what the first one committed.
        let reopened = try destination.open(readOnly: true)
        defer { reopened.close() }
        XCTAssertEqual(try reopened.stats(run: run.id), [second, other], file: file, line: line)
        XCTAssertEqual(
            try reopened.snapshots(run: run.id).map(\.load.running), [1, 6], "a stored snapshot is kept as it was",
            file: file, line: line)
        let record = try XCTUnwrap(try reopened.runs().first { $0.run.id == run.id }, file: file, line: line)
        XCTAssertEqual(record.droppedSnapshots, 4, file: file, line: line)
        XCTAssertEqual(record.lastTime, .zero + .seconds(20), file: file, line: line)
    }

    /// The real-time monitor on a service, written through a writer to this destination.
    func checkMonitorOfAServiceRecordsItsThrottles(file: StaticString = #filePath, line: UInt = #line) async throws {
        let service = ThrottleService()
        let throttle = try service.makeThrottle(named: "monitored", dop: 3)
        let writer = StatsWriter(destination: destination)
        let configuration = try StatsConfiguration(
            snapshotInterval: .milliseconds(10), flushInterval: .milliseconds(50))
        let monitor = StatsMonitor(service: service, writer: writer, configuration: configuration)
        let monitoring = Task { await monitor.run() }
        try await throttle.control()
        try await throttle.control()
        await eventually { writer.status.committedFlushes >= 2 }
        monitoring.cancel()
        await monitoring.value
        let status = writer.finish(within: .seconds(10))
        XCTAssertTrue(status.isComplete, "\(status)", file: file, line: line)
        let store = try destination.open(readOnly: true)
        defer { store.close() }
        let row = try XCTUnwrap(try store.stats(run: monitor.run.id).first, file: file, line: line)
        XCTAssertEqual(row.throttle, "monitored", file: file, line: line)
        XCTAssertEqual(row.load, ThrottleLoad(ceiling: 3, running: 2, waiting: 0), file: file, line: line)
        XCTAssertEqual(row.counters.granted, 2, file: file, line: line)
        XCTAssertEqual(row.average("s10")?.average, 2, file: file, line: line)
        let snapshots = try store.snapshots(run: monitor.run.id)
        XCTAssertEqual(snapshots.count, status.committedSnapshots, file: file, line: line)
        XCTAssertEqual(
            snapshots.map(\.time), (1...snapshots.count).map { .zero + configuration.snapshotInterval * Int64($0) },
            "one snapshot per interval, none missing", file: file, line: line)
        try throttle.done()
        try throttle.done()
        service.shutdown()
    }
}
#endif
