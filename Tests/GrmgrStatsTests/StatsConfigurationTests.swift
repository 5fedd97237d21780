#if WithStats
import Grmgr
import GrmgrStats
import XCTest

/// Intervals of the monitor and their validation.
final class StatsConfigurationTests: XCTestCase {
    func testTheStandardIntervalsAreTheGoOriginals() {
        XCTAssertEqual(StatsConfiguration.standard.snapshotInterval, .seconds(2))
        XCTAssertEqual(StatsConfiguration.standard.flushInterval, .seconds(10))
        XCTAssertEqual(StatsConfiguration.standard.snapshotsPerFlush, 5)
        XCTAssertEqual(
            StatsWindow.all.map(\.name), ["s10", "s20", "s40", "m1", "m2", "m3", "m5", "m10", "m20", "m40", "h1", "h2"])
        XCTAssertEqual(
            StatsWindow.all.map { StatsConfiguration.standard.capacity(of: $0) },
            [5, 10, 20, 30, 60, 90, 150, 300, 600, 1_200, 1_800, 3_600])
    }

    func testBadIntervalsAreRefusedWithTheReason() {
        XCTAssertThrowsError(try StatsConfiguration(snapshotInterval: .zero)) { error in
            XCTAssertEqual("\(error)", "the snapshot interval must be positive, got 0s")
        }
        XCTAssertThrowsError(try StatsConfiguration(snapshotInterval: .seconds(3), flushInterval: .seconds(10))) {
            error in
            XCTAssertEqual("\(error)", "the flush interval (10s) must be a whole number of snapshot intervals (3s)")
        }
        XCTAssertThrowsError(try StatsConfiguration(snapshotInterval: .seconds(4), flushInterval: .seconds(2)))
    }

    func testASimulatedRunSnapshotsOnItsSampleGrid() throws {
        let cases: [(sample: TimeAmount, snapshot: TimeAmount, flush: TimeAmount)] = [
            (.seconds(1), .seconds(2), .seconds(10)),
            (.milliseconds(500), .seconds(2), .seconds(10)),
            (.seconds(5), .seconds(5), .seconds(10)),
            (.seconds(3), .seconds(3), .seconds(12)),
            (.seconds(30), .seconds(30), .seconds(30)),
        ]
        for (sample, snapshot, flush) in cases {
            let aligned = StatsConfiguration.aligned(toSampleInterval: sample)
            XCTAssertEqual(aligned.snapshotInterval, snapshot, "sample \(sample.goSyntax)")
            XCTAssertEqual(aligned.flushInterval, flush, "sample \(sample.goSyntax)")
        }
        XCTAssertEqual(StatsConfiguration.aligned(toSampleInterval: .seconds(3)).capacity(of: StatsWindow.all[0]), 3)
        XCTAssertEqual(StatsConfiguration.aligned(toSampleInterval: .seconds(30)).capacity(of: StatsWindow.all[0]), 1)
    }
}
#endif
