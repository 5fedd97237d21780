import Grmgr
import GrmgrSimulation
import XCTest

final class StatisticsTimeWeightedAverageTests: XCTestCase {
    private func at(_ nanoseconds: Int64) -> TimePoint {
        TimePoint(nanoseconds: nanoseconds)
    }

    func testAStepFunctionAveragesExactly() {
        // 2 over [0 s, 1 s), 4 over [1 s, 4 s): (2·1 + 4·3) / 4 = 3.5.
        var average = TimeWeightedAverage(value: 2, at: .zero)
        average.update(to: 4, at: at(1_000_000_000))
        XCTAssertEqual(average.integral(until: at(4_000_000_000)), 14_000_000_000)
        XCTAssertEqual(average.average(until: at(4_000_000_000)), 3.5)
        XCTAssertEqual(average.value, 4)
        XCTAssertEqual(average.lastChange, at(1_000_000_000))
    }

    func testTimeBeforeTheWindowStartIsLeftOut() {
        // Warmup to 10 ns: 9 over [0, 5) and 1 over [5, 12) count only as 1 over [10, 12), then 3 over [12, 20).
        var average = TimeWeightedAverage(value: 9, at: .zero, windowStart: at(10))
        average.update(to: 1, at: at(5))
        average.update(to: 3, at: at(12))
        XCTAssertEqual(average.integral(until: at(20)), 1 * 2 + 3 * 8)
        XCTAssertEqual(average.average(until: at(20)), 26.0 / 10.0)
        XCTAssertNil(average.average(until: at(10)), "an empty window has no average")
        XCTAssertEqual(average.windowStart, at(10))
    }

    func testSameInstantUpdatesAddNothing() {
        var average = TimeWeightedAverage(value: 1, at: .zero)
        average.update(to: 100, at: at(10))
        average.update(to: 5, at: at(10))
        XCTAssertEqual(average.integral(until: at(20)), 10 + 50)
    }

    func testRandomStepFunctionsMatchABruteForceIntegral() {
        var random = StatisticsTestRandom(seed: 5)
        for round in 0..<50 {
            let windowStart = Int64.random(in: 0..<500, using: &random)
            var average = TimeWeightedAverage(value: 0, at: .zero, windowStart: at(windowStart))
            var valueAt = [Int](repeating: 0, count: 2_000)
            var time: Int64 = 0
            var value = 0
            while true {
                let next = time + Int64.random(in: 0..<60, using: &random)
                if next >= 2_000 { break }
                for instant in time..<next { valueAt[Int(instant)] = value }
                value = Int.random(in: -3...40, using: &random)
                average.update(to: value, at: at(next))
                time = next
            }
            for instant in time..<2_000 { valueAt[Int(instant)] = value }
            let expected = valueAt[Int(windowStart)...].reduce(0, +)
            XCTAssertEqual(average.integral(until: at(2_000)), Int128(expected), "seed 5, round \(round)")
            let mean = Double(expected) / Double(2_000 - windowStart)
            XCTAssertEqual(average.average(until: at(2_000)) ?? .nan, mean, accuracy: mean.ulp * 2, "round \(round)")
        }
    }

    func testLongSpansOfLargeValuesStayExact() {
        var average = TimeWeightedAverage(value: Int.max, at: .zero)
        average.update(to: 0, at: at(.max))
        XCTAssertEqual(average.integral(until: at(.max)), Int128(Int.max) * Int128(Int64.max))
        XCTAssertEqual(average.average(until: at(.max)), Double(Int.max))
    }
}
