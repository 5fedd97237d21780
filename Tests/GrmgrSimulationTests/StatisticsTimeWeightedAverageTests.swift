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

    func testIntervalsAddedInAnyOrderEqualTheSteppedCount() {
        // Intervals [2, 9), [0, 4), [5, 6) with the window from 3: the count is 2 over [3, 4), 1 over [4, 5),
        // 2 over [5, 6) and 1 over [6, 9), the same integral as the parts of the intervals after 3.
        let intervals: [(Int64, Int64)] = [(2, 9), (0, 4), (5, 6)]
        var added = TimeWeightedAverage(value: 0, at: .zero, windowStart: at(3))
        for (start, end) in intervals { added.addInterval(from: at(start), to: at(end)) }
        var stepped = TimeWeightedAverage(value: 0, at: .zero, windowStart: at(3))
        for instant in Int64(1)...9 {
            let count = intervals.filter { $0.0 <= instant && instant < $0.1 }.count
            stepped.update(to: count, at: at(instant))
        }
        XCTAssertEqual(added.integral(until: at(10)), stepped.integral(until: at(10)))
        XCTAssertEqual(added.integral(until: at(10)), 6 + 1 + 1)
        var outside = TimeWeightedAverage(value: 0, at: .zero, windowStart: at(3))
        outside.addInterval(from: at(0), to: at(3))
        outside.addInterval(from: at(7), to: at(7))
        XCTAssertEqual(outside.integral(until: at(10)), 0, "nothing of an interval outside the window counts")
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
