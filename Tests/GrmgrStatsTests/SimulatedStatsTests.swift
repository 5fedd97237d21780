#if WithStats
import Foundation
import Grmgr
import GrmgrSimulation
import GrmgrSimulationStats
import GrmgrStats
import XCTest

/// The monitor in virtual time: a simulated run's stats checked against its own traces.
final class SimulatedStatsTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory("simulated")
    }

    override func tearDown() {
        directory.remove()
    }

    private func scenario(_ name: String) throws -> Scenario {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try ScenarioLoader.load(contentsOf: root.appendingPathComponent("scenarios/\(name).json5"))
    }

    /// Runs a scenario with stats into memory; returns the batches, the run and the output directory.
    private func record(
        _ name: String
    ) throws -> (batches: [StatsBatch], run: StatsRun, out: URL, result: SimulationResult) {
        let database = MemoryDatabase()
        let writer = StatsWriter(describedAs: "memory", configuration: StatsWriterConfiguration(capacity: .max)) {
            () throws(StatsStoreError) in try database.open()
        }
        let out = directory.url.appendingPathComponent(name)
        let (result, run) = try StatsScenarioRunner.run(try scenario(name), writingTo: out, writer: writer)
        XCTAssertTrue(writer.finish(within: .seconds(30)).isComplete)
        return (database.batches, run, out, result)
    }

    /// Nanoseconds from a CSV time such as `12.500000000`, exactly.
    private func nanoseconds(_ text: Substring) -> Int64 {
        let parts = text.split(separator: ".")
        let fraction = parts.count > 1 ? String(parts[1]).padding(toLength: 9, withPad: "0", startingAt: 0) : "0"
        return Int64(parts[0])! * 1_000_000_000 + Int64(fraction)!
    }

    private func rows(_ out: URL, _ file: String) throws -> [[Substring]] {
        let text = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
    }

    func testEveryFlushOfASimulatedRunAveragesTheRowsOfDopSampledOnTheSnapshotGrid() throws {
        // Window lengths in seconds, written out independently of StatsWindow.
        let windows: [(name: String, seconds: Int64)] = [
            ("s10", 10), ("s20", 20), ("s40", 40), ("m1", 60), ("m2", 120), ("m3", 180), ("m5", 300), ("m10", 600),
            ("m20", 1_200), ("m40", 2_400), ("h1", 3_600), ("h2", 7_200),
        ]
        for name in ["overload-recovery", "multi-component", "batch"] {
            let (batches, run, out, _) = try record(name)
            let grid = run.configuration.snapshotInterval.nanoseconds
            // dop_sampled.csv rows on the snapshot grid, per throttle, in time order.
            var series: [String: [(time: Int64, running: Int)]] = [:]
            for row in try rows(out, "dop_sampled.csv") {
                let time = nanoseconds(row[0])
                guard time > 0, time % grid == 0 else { continue }
                series[String(row[1]), default: []].append((time, Int(row[3])!))
            }
            let flushed = batches.flatMap(\.stats)
            XCTAssertGreaterThan(flushed.count, 10, name)
            XCTAssertEqual(
                batches.flatMap(\.snapshots).count, series.values.map(\.count).reduce(0, +),
                "\(name): one snapshot per throttle per grid point")
            for stats in flushed {
                let seen = series[stats.throttle, default: []].filter { $0.time <= stats.time.nanoseconds }
                XCTAssertEqual(stats.samples, seen.count, "\(name) \(stats.throttle) at \(stats.time)")
                XCTAssertEqual(stats.load.running, seen.last?.running, "\(name) \(stats.throttle) at \(stats.time)")
                for (window, (windowName, seconds)) in zip(stats.averages, windows) {
                    XCTAssertEqual(window.window.name, windowName)
                    let capacity = max(1, Int(seconds * 1_000_000_000 / grid))
                    let latest = seen.suffix(capacity).map(\.running)
                    XCTAssertEqual(window.samples, latest.count, "\(name) \(stats.throttle) \(windowName)")
                    XCTAssertEqual(
                        window.average, Double(latest.reduce(0, +)) / Double(latest.count),
                        "\(name) \(stats.throttle) \(windowName) at \(stats.time)")
                }
            }
        }
    }

    func testTheLastFlushCountsWhatTheRunsOwnRecordsCount() throws {
        for name in ["overload-recovery", "multi-component"] {
            let (batches, _, out, result) = try record(name)
            let last = try XCTUnwrap(batches.last)
            let lastTime = try XCTUnwrap(last.run.lastTime).nanoseconds
            let tasks = try rows(out, "tasks.csv")
            for (index, summary) in result.throttles.enumerated() {
                let stats = try XCTUnwrap(last.stats.first { $0.throttle == summary.name }, name)
                XCTAssertEqual(stats.counters.appliedChanges, summary.changesApplied, "\(name) \(summary.name)")
                XCTAssertEqual(stats.counters.refusedChanges, summary.changesRefused, "\(name) \(summary.name)")
                let own = tasks.filter { $0[1] == summary.name }
                XCTAssertEqual(
                    stats.counters.granted, own.filter { !$0[3].isEmpty && nanoseconds($0[3]) <= lastTime }.count,
                    "\(name) \(summary.name) granted")
                XCTAssertEqual(
                    stats.counters.completed, own.filter { !$0[4].isEmpty && nanoseconds($0[4]) <= lastTime }.count,
                    "\(name) \(summary.name) completed")
                XCTAssertGreaterThan(stats.counters.granted, 0, "\(name) \(index)")
            }
            XCTAssertTrue(last.run.run.source.hasPrefix("simulation \(result.scenario) seed "), last.run.run.source)
        }
    }

    func testRecordingStatsLeavesEveryTraceByteForByteTheSame() throws {
        let (_, _, withStats, _) = try record("quickstart")
        let plain = directory.url.appendingPathComponent("plain")
        _ = try ScenarioRunner.run(try scenario("quickstart"), writingTo: plain)
        for file in ScenarioRunner.fileNames {
            XCTAssertEqual(
                try Data(contentsOf: withStats.appendingPathComponent(file)),
                try Data(contentsOf: plain.appendingPathComponent(file)), file)
        }
    }
}
#endif
