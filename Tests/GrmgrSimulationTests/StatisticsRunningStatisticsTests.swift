import Grmgr
import GrmgrSimulation
import XCTest

final class StatisticsRunningStatisticsTests: XCTestCase {
    func testKnownValues() throws {
        let statistics = RunningStatistics((1...10).map(Double.init))
        XCTAssertEqual(statistics.count, 10)
        XCTAssertEqual(try XCTUnwrap(statistics.mean), 5.5, accuracy: 1e-15)
        XCTAssertEqual(try XCTUnwrap(statistics.variance), 55.0 / 6.0, accuracy: 1e-13)
        XCTAssertEqual(try XCTUnwrap(statistics.populationVariance), 8.25, accuracy: 1e-13)
        XCTAssertEqual(try XCTUnwrap(statistics.standardDeviation), (55.0 / 6.0).squareRoot(), accuracy: 1e-13)
        XCTAssertEqual(statistics.min, 1)
        XCTAssertEqual(statistics.max, 10)
    }

    func testEmptyAndSingleValueHaveNoUndefinedFigures() {
        let empty = RunningStatistics()
        XCTAssertEqual(empty.count, 0)
        XCTAssertNil(empty.mean)
        XCTAssertNil(empty.min)
        XCTAssertNil(empty.max)
        XCTAssertNil(empty.variance)
        XCTAssertNil(empty.populationVariance)

        let single = RunningStatistics([4.5])
        XCTAssertEqual(single.mean, 4.5)
        XCTAssertNil(single.variance)
        XCTAssertEqual(single.populationVariance, 0)
    }

    func testStaysAccurateWhenTheMeanDwarfsTheSpread() throws {
        // The naive sum-of-squares formula returns garbage here; Welford's does not.
        let statistics = RunningStatistics([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])
        XCTAssertEqual(try XCTUnwrap(statistics.mean), 1e9 + 10, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(statistics.variance), 30, accuracy: 1e-6)
    }

    func testMergeEqualsAddingEverythingToOne() throws {
        var random = StatisticsTestRandom(seed: 21)
        let values = (0..<10_000).map { _ in Double.random(in: -50...150, using: &random) }
        let whole = RunningStatistics(values)
        var merged = RunningStatistics(values[..<3_333])
        merged.merge(RunningStatistics(values[3_333..<3_334]))
        merged.merge(RunningStatistics())
        merged.merge(RunningStatistics(values[3_334...]))
        var fromEmpty = RunningStatistics()
        fromEmpty.merge(whole)

        XCTAssertEqual(merged.count, whole.count)
        XCTAssertEqual(try XCTUnwrap(merged.mean), try XCTUnwrap(whole.mean), accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(merged.variance), try XCTUnwrap(whole.variance), accuracy: 1e-9)
        XCTAssertEqual(merged.min, whole.min)
        XCTAssertEqual(merged.max, whole.max)
        XCTAssertEqual(fromEmpty, whole)
    }

    func testSpansAreAddedInSeconds() {
        var statistics = RunningStatistics()
        statistics.add(TimeAmount.milliseconds(500))
        statistics.add(TimeAmount.milliseconds(1_500))
        XCTAssertEqual(statistics.mean, 1.0)
    }
}
