#if WithStats
import Foundation
import Grmgr
import GrmgrStats
import XCTest

/// The embedded SQLite store: schema, upsert, reopening, and clear errors for places it cannot write.
final class SQLiteStatsStoreTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory("sqlite")
    }

    override func tearDown() {
        directory.remove()
    }

    private var destination: StatsDestination { .sqlite(path: directory.path("stats.db")) }

    func testANewFileGetsTheSchemaInWALModeAndAFlushReadsBackAsWritten() throws {
        try StoreContract(destination: destination).checkSchemaCreationAndRoundTrip()
        let store = try destination.open()
        defer { store.close() }
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.path("stats.db-wal")), "journal in WAL mode")
    }

    func testUpsertKeepsOneRowPerThrottleAndAReopenedFileHasEverything() throws {
        try StoreContract(destination: destination).checkUpsertAndReopen()
    }

    func testTheMonitorOfARealTimeServiceWritesItsRows() async throws {
        try await StoreContract(destination: destination).checkMonitorOfAServiceRecordsItsThrottles()
    }

    func testAMissingDirectoryOrFileIsAClearError() {
        let missing = directory.path("absent/stats.db")
        XCTAssertThrowsError(try StatsDestination.sqlite(path: missing).open()) { error in
            XCTAssertEqual(
                "\(error)",
                "cannot open SQLite database \(missing): directory \(directory.path("absent")) does not exist")
        }
        XCTAssertThrowsError(try StatsDestination.sqlite(path: directory.path("none.db")).open(readOnly: true)) {
            error in
            XCTAssertEqual("\(error)", "no SQLite database at \(directory.path("none.db"))")
        }
    }

    func testAReadOnlyDirectoryIsAClearError() throws {
        // Permission bits do not stop root; a pseudo file system refuses new files to everyone.
        let readOnly: String
        if getuid() == 0 {
            readOnly = "/proc"
        } else {
            readOnly = directory.path("read-only")
            try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: false)
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: readOnly)
        }
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: readOnly) }
        let path = readOnly + "/grmgr-stats.db"
        XCTAssertThrowsError(try StatsDestination.sqlite(path: path).open()) { error in
            XCTAssertEqual("\(error)", "cannot open SQLite database \(path): directory \(readOnly) is read-only")
        }
    }

    func testThrottlingGoesOnWhenTheDatabaseCannotBeOpenedAndTheErrorIsLogged() async throws {
        let logger = CapturingLogger()
        let missing = directory.path("absent/stats.db")
        let writer = StatsWriter(
            destination: .sqlite(path: missing),
            configuration: StatsWriterConfiguration(
                initialBackoff: .milliseconds(5), maximumBackoff: .milliseconds(20)),
            logger: logger)
        let service = ThrottleService()
        let throttle = try service.makeThrottle(named: "busy", dop: 2)
        let configuration = try StatsConfiguration(snapshotInterval: .milliseconds(5), flushInterval: .milliseconds(10))
        let monitor = StatsMonitor(service: service, writer: writer, configuration: configuration)
        let monitoring = Task { await monitor.run() }
        await eventually { writer.status.failures >= 2 }
        for _ in 0..<500 { try await throttle.withControl {} }
        XCTAssertEqual(try throttle.snapshot().counters.completed, 500)
        monitoring.cancel()
        await monitoring.value
        let status = writer.finish(within: .milliseconds(100))
        XCTAssertEqual(status.committedFlushes, 0)
        XCTAssertTrue(status.lastError?.contains("directory \(directory.path("absent")) does not exist") ?? false)
        XCTAssertTrue(logger.messages(atLeast: .error).contains { $0.contains("does not exist") }, "\(logger.messages)")
        service.shutdown()
    }
}
#endif
