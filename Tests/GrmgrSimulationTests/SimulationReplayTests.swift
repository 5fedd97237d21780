import Foundation
import Grmgr
import GrmgrSimulation
import XCTest

/// Records every task of a run in memory.
private struct TaskRecorder: SimulationSink {
    var tasks: [SimulatedTask] = []
    var changes: [StateChange] = []
    var wantsStateChanges: Bool { true }
    mutating func stateChanged(_ change: StateChange, throttle: Int, at instant: TimePoint) { changes.append(change) }
    func sampled(_ loads: [ThrottleLoad], at instant: TimePoint) {}
    func scaled(_ record: ScalingRecord, throttle: Int, at instant: TimePoint) {}
    mutating func taskEnded(_ task: SimulatedTask) { tasks.append(task) }
}

final class SimulationReplayTests: XCTestCase {
    func testReplayedTraceStartsExactlyWhenAHandComputedFIFOScheduleSays() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
        arrival,duration
        0,1
        0.1,1
        0.2,0.5
        0.3,0.5
        0.4,0.2
        0.400000001,0.000000001
        """.write(to: directory.appendingPathComponent("trace.csv"), atomically: true, encoding: .utf8)
        let scenario = try ScenarioLoader.load(
            json5: """
                {
                  name: "hand", duration: "10s",
                  throttles: [{ name: "t", dop: 3, hold: "0s", arrivals: { process: "trace", file: "trace.csv" } }],
                  events: [
                    { at: "0s", throttle: "t", action: "set", dop: 2 },
                    { at: "500ms", throttle: "t", action: "set", dop: 1 },
                    { at: "1.6s", throttle: "t", action: "set", dop: 3 },
                  ],
                }
                """, file: "hand.json5", baseDirectory: directory)
        var simulator = try Simulator(scenario: scenario)
        var recorder = TaskRecorder()
        _ = try simulator.run(into: &recorder)
        // By hand: t0 arrives at 0 s before the first event lowers the ceiling from 3 to 2 (arrivals are
        // scheduled first); t0 and t1 start on arrival; t2…t5 queue. At 0.5 s the ceiling drops to 1, so the
        // end of t0 at 1.0 s grants nothing; the end of t1 at 1.1 s grants t2 (until 1.6 s). At 1.6 s the
        // event (scheduled before t2's end) raises the ceiling to 3 with t2 still running: t3 and t4 start
        // at once; t2's end then frees the slot for t5.
        let expected: [Int64] = [0, 100_000_000, 1_100_000_000, 1_600_000_000, 1_600_000_000, 1_600_000_000]
        let starts = recorder.tasks.sorted { $0.id < $1.id }.map { $0.start?.nanoseconds }
        XCTAssertEqual(starts, expected)
        let ends = recorder.tasks.sorted { $0.id < $1.id }.map { $0.end?.nanoseconds }
        XCTAssertEqual(
            ends, [1_000_000_000, 1_100_000_000, 1_600_000_000, 2_100_000_000, 1_800_000_000, 1_600_000_001])
    }
}
