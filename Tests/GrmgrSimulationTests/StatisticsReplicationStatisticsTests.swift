import GrmgrSimulation
import XCTest

final class StatisticsReplicationStatisticsTests: XCTestCase {
    func testMeanDeviationAndHalfWidth() throws {
        let statistics = ReplicationStatistics([1, 2, 3, 4, 5])
        XCTAssertEqual(statistics.count, 5)
        XCTAssertEqual(statistics.mean, 3)
        XCTAssertEqual(try XCTUnwrap(statistics.standardDeviation), 2.5.squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(try XCTUnwrap(statistics.standardError), (2.5 / 5).squareRoot(), accuracy: 1e-15)
        // t(0.975, 4) = 2.776445105.
        let expected = 2.776445105 * (2.5 / 5).squareRoot()
        XCTAssertEqual(try XCTUnwrap(statistics.halfWidth(tQuantile: 2.776445105)), expected, accuracy: 1e-12)
    }

    func testTheQuantileFunctionGetsTheTwoSidedProbabilityAndDegreesOfFreedom() throws {
        let statistics = ReplicationStatistics([10, 12, 11, 13, 9, 10, 12, 11, 10, 12])
        var calls: [(Double, Double)] = []
        let width = statistics.halfWidth(confidence: 0.95) { probability, degreesOfFreedom in
            calls.append((probability, degreesOfFreedom))
            return 2.262157163
        }
        XCTAssertEqual(calls.count, 1)
        XCTAssertEqual(calls.first?.0 ?? 0, 0.975, accuracy: 1e-15)
        XCTAssertEqual(calls.first?.1, 9)
        XCTAssertEqual(try XCTUnwrap(width), 2.262157163 * (try XCTUnwrap(statistics.standardError)), accuracy: 1e-12)

        let interval = try XCTUnwrap(statistics.confidenceInterval { _, _ in 2.262157163 })
        XCTAssertEqual(interval.lowerBound, 11 - (try XCTUnwrap(width)), accuracy: 1e-12)
        XCTAssertEqual(interval.upperBound, 11 + (try XCTUnwrap(width)), accuracy: 1e-12)
    }

    func testFewerThanTwoReplicationsHaveNoInterval() {
        let single = ReplicationStatistics([4])
        XCTAssertEqual(single.mean, 4)
        XCTAssertNil(single.standardDeviation)
        XCTAssertNil(single.halfWidth(tQuantile: 12.7))
        XCTAssertNil(single.confidenceInterval { _, _ in .nan })
        let empty = ReplicationStatistics([Double]())
        XCTAssertNil(empty.mean)
        XCTAssertEqual(empty.count, 0)
    }

    func testPairedDifferencesRemoveTheSharedNoise() throws {
        // Common random numbers: the same workload noise in both settings cancels in the differences.
        let noise: [Double] = [5, -3, 8, 0, -6, 2]
        let baseline = noise.map { 100 + $0 }
        let candidate = noise.map { 97 + $0 }
        let differences = ReplicationStatistics(differences: candidate, minus: baseline)
        XCTAssertEqual(differences.mean, -3)
        XCTAssertEqual(differences.standardDeviation, 0)
        XCTAssertEqual(differences.halfWidth(tQuantile: 2.57), 0)
        XCTAssertGreaterThan(try XCTUnwrap(ReplicationStatistics(candidate).standardDeviation), 4)
    }

    func testNotANumberGivesNoInterval() {
        XCTAssertNil(ReplicationStatistics([1, .nan, 3]).confidenceInterval { _, _ in 2 })
    }
}
