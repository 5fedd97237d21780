import Foundation
import Grmgr
import GrmgrSimulation
import XCTest

/// The time-weighted figures of a summary against a schedule worked out by hand.
///
/// Arrivals at 1s, 2s, 3s and 4s (every second, before the 5s horizon), each running 10s, on a throttle of
/// dop 2 and min 1: tasks 1 and 2 start at once, 3 and 4 wait for them. At 3s the ceiling is set to 1, at 4s
/// back to 2 (running stays 2 throughout: a lower ceiling never stops a running task).
final class SimulationSummaryTests: XCTestCase {
    private func summary(drain: Bool, warmup: String = "0s") throws -> (ThrottleSummary, end: TimePoint) {
        let scenario = try ScenarioLoader.load(
            json5: """
                {
                  name: "by-hand", duration: "5s", warmup: "\(warmup)", drain: \(drain),
                  throttles: [{
                    name: "t", dop: 2, min: 1, hold: "0s",
                    arrivals: { process: "deterministic", interval: "1s" },
                    duration: { dist: "constant", value: 10 },
                  }],
                  events: [
                    { at: "3s", throttle: "t", action: "set", dop: 1 },
                    { at: "4s", throttle: "t", action: "set", dop: 2 },
                  ],
                }
                """, file: "by-hand.json5", baseDirectory: FileManager.default.temporaryDirectory)
        var simulator = try Simulator(scenario: scenario)
        let result = try simulator.run()
        return (result.throttles[0], result.end)
    }

    func testWithoutDrainTheRunningTasksCountUntilTheHorizon() throws {
        let (summary, end) = try summary(drain: false)
        XCTAssertEqual(end, .zero + .seconds(5))
        XCTAssertEqual(summary.tasks, 0)
        // Running: 1 over [1s, 2s), 2 over [2s, 5s): 7 task-seconds in 5 seconds.
        XCTAssertEqual(summary.meanRunning, 1.4, accuracy: 1e-12)
        // Ceiling: 2 over [0, 3s), 1 over [3s, 4s), 2 over [4s, 5s).
        XCTAssertEqual(summary.meanCeiling, 1.8, accuracy: 1e-12)
        XCTAssertEqual(summary.utilisation, 1.4 / 1.8, accuracy: 1e-12)
        XCTAssertEqual(summary.timeAtMinimum, 1, accuracy: 1e-12)
        XCTAssertEqual(summary.recoveryTime, .seconds(1))
        XCTAssertEqual(summary.changesApplied, 2)
    }

    func testWithDrainEveryTaskCountsUntilItEnds() throws {
        let (summary, end) = try summary(drain: true)
        // Tasks run over [1, 11), [2, 12), [11, 21) and [12, 22): 40 task-seconds; the run ends at 22s.
        XCTAssertEqual(end, .zero + .seconds(22))
        XCTAssertEqual(summary.tasks, 4)
        XCTAssertEqual(summary.meanRunning, 40.0 / 22, accuracy: 1e-12)
        XCTAssertEqual(summary.meanCeiling, (2 * 21 + 1) / 22.0, accuracy: 1e-12)
        XCTAssertEqual(summary.wait.max, .seconds(8))
    }

    func testTheWarmupIsLeftOutOfTheRunningAverage() throws {
        let (summary, _) = try summary(drain: false, warmup: "1500ms")
        // From 1.5s: 1 over [1.5s, 2s), 2 over [2s, 5s): 6.5 task-seconds in 3.5 seconds.
        XCTAssertEqual(summary.meanRunning, 6.5 / 3.5, accuracy: 1e-12)
        XCTAssertEqual(summary.meanCeiling, 6.0 / 3.5, accuracy: 1e-12)
    }
}
