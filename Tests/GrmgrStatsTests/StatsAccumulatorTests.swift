#if WithStats
import Grmgr
import GrmgrStats
import XCTest

/// The rolling averages: full windows, windows still filling, throttles that come and go.
final class StatsAccumulatorTests: XCTestCase {
    private let id = ThrottleID(slot: 0, generation: 0)

    private func sample(_ name: String = "t", running: Int, id: ThrottleID? = nil) -> StatsSample {
        StatsSample(
            id: id ?? self.id, throttle: name, load: ThrottleLoad(ceiling: 10, running: running, waiting: 1),
            counters: StatsCounters(granted: running))
    }

    func testWindowsThatHaveNotFilledAverageWhatThereIsAndSaySo() throws {
        var accumulator = StatsAccumulator(configuration: .standard)
        for (tick, running) in [1, 2, 3, 4, 5, 6, 7].enumerated() {
            accumulator.record([sample(running: running)], at: .zero + .seconds(2 * Int64(tick + 1)))
        }
        let stats = try XCTUnwrap(accumulator.stats().first)
        XCTAssertEqual(stats.samples, 7)
        XCTAssertEqual(stats.time, .zero + .seconds(14))
        XCTAssertEqual(stats.load, ThrottleLoad(ceiling: 10, running: 7, waiting: 1))
        XCTAssertEqual(stats.counters.granted, 7)
        // s10 holds 5 samples of 2 s: the latest five.
        XCTAssertEqual(stats.average("s10"), WindowAverage(window: StatsWindow.all[0], average: 5, samples: 5))
        // s20 would hold 10: it has 7, all of them.
        XCTAssertEqual(stats.average("s20")?.average, 4)
        XCTAssertEqual(stats.average("s20")?.samples, 7)
        XCTAssertEqual(stats.average("h2")?.samples, 7)
        XCTAssertEqual(stats.averages.map(\.window), StatsWindow.all)
    }

    func testTheTwoHourWindowRollsOverItsOldestSamples() throws {
        var accumulator = StatsAccumulator(configuration: .standard)
        let values = (0..<4_000).map { ($0 * 7919) % 23 }
        for (tick, running) in values.enumerated() {
            accumulator.record([sample(running: running)], at: .zero + .seconds(2 * Int64(tick + 1)))
        }
        let stats = try XCTUnwrap(accumulator.stats().first)
        for window in StatsWindow.all {
            let capacity = StatsConfiguration.standard.capacity(of: window)
            let latest = values.suffix(capacity)
            let expected = Double(latest.reduce(0, +)) / Double(latest.count)
            XCTAssertEqual(stats.average(window.name)?.average, expected, window.name)
            XCTAssertEqual(stats.average(window.name)?.samples, capacity, window.name)
        }
    }

    func testADeletedThrottleIsForgottenAndANewOneUnderItsNameStartsAfresh() throws {
        var accumulator = StatsAccumulator(configuration: .standard)
        let rows = accumulator.record([sample("a", running: 4), sample("b", running: 9)], at: .zero + .seconds(2))
        XCTAssertEqual(rows.map(\.throttle), ["a", "b"])
        XCTAssertEqual(rows.map(\.load.running), [4, 9])
        accumulator.record([sample("b", running: 1)], at: .zero + .seconds(4))
        XCTAssertEqual(accumulator.stats().map(\.throttle), ["b"])
        XCTAssertEqual(accumulator.stats().first?.average("s10")?.average, 5)
        let newcomer = ThrottleID(slot: 0, generation: 1)
        accumulator.record([sample("b", running: 3, id: newcomer), sample("a", running: 2)], at: .zero + .seconds(6))
        let stats = accumulator.stats()
        XCTAssertEqual(stats.map(\.throttle), ["b", "a"])
        XCTAssertEqual(stats[0].samples, 1)
        XCTAssertEqual(stats[0].average("s10")?.average, 3)
        XCTAssertEqual(stats[1].samples, 1)
    }
}
#endif
