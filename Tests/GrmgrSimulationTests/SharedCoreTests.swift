import Foundation
import Grmgr
import GrmgrSimulation
import Synchronization
import XCTest

/// Collects the state changes and scaling outcomes a real service decides.
private final class DecisionLog: ThrottleObserver {
    private let entries = Mutex<[String]>([])

    func observe(_ actions: [ThrottleAction], at instant: TimePoint) {
        entries.withLock { entries in
            for action in actions {
                switch action {
                case .stateChanged(let change) where change.cause != .registered:
                    entries.append("\(change.cause.rawValue) \(change.ceiling)/\(change.running)/\(change.waiting)")
                case .scaled(let record):
                    entries.append("\(record.action) \(record.outcome.rawValue)")
                default:
                    break
                }
            }
        }
    }

    var decisions: [String] { entries.withLock { $0 } }
}

/// Collects the same from a simulated run.
private struct SimulatedDecisions: SimulationSink {
    var decisions: [String] = []
    var wantsStateChanges: Bool { true }
    mutating func stateChanged(_ change: StateChange, throttle: Int, at instant: TimePoint) {
        decisions.append("\(change.cause.rawValue) \(change.ceiling)/\(change.running)/\(change.waiting)")
    }
    func sampled(_ loads: [ThrottleLoad], at instant: TimePoint) {}
    mutating func scaled(_ record: ScalingRecord, throttle: Int, at instant: TimePoint) {
        decisions.append("\(record.action) \(record.outcome.rawValue)")
    }
    func taskEnded(_ task: SimulatedTask) {}
}

/// The simulator and the real-time service feed the same `ThrottleCore` the same commands, so one script
/// gives the same decisions through both.
final class SharedCoreTests: XCTestCase {
    func testAScriptedSequenceGivesTheSameDecisionsThroughBothDrivers() async throws {
        // Script (seconds): a, b, c arrive at 1, 2, 3 with durations 10, 10, 1; dop 2, so c queues.
        // At 4 a `down` lowers the ceiling to 1; at 5 an `up` is refused by the 30s hold.
        // a ends at 11 (no grant: running 1 = ceiling); b ends at 12 and c starts; c ends at 13.
        let config = try ThrottleConfig(name: "t", dop: 2, down: 1, up: 1, min: 1, hold: .seconds(30))
        let seconds = { (value: Int64) in TimeAmount.seconds(value) }
        let scenario = Scenario(
            name: "shared", seed: 1, duration: .seconds(20), sample: .seconds(100),
            throttles: [
                ThrottleSpec(
                    config: config,
                    arrivals: .trace(arrivals: [1, 2, 3].map(seconds), durations: [10, 10, 1].map(seconds)),
                    duration: DurationSpec(.constant(value: 0)))
            ],
            events: [
                TimedScalingEvent(at: .seconds(4), event: ScalingEvent(throttle: "t", action: .down())),
                TimedScalingEvent(at: .seconds(5), event: ScalingEvent(throttle: "t", action: .up())),
            ])
        var simulator = try Simulator(scenario: scenario)
        var simulated = SimulatedDecisions()
        _ = try simulator.run(into: &simulated)

        let log = DecisionLog()
        let service = ThrottleService(observer: log)
        let throttle = try service.makeThrottle(config)
        try await throttle.control()  // a
        try await throttle.control()  // b
        let c = Task { try await throttle.control() }
        while try throttle.snapshot().waiting < 1 { try await Task.sleep(for: .milliseconds(1)) }
        service.send(ScalingEvent(throttle: "t", action: .down()))
        service.send(ScalingEvent(throttle: "t", action: .up()))
        try throttle.done()  // a
        try throttle.done()  // b, which grants c
        try await c.value
        try throttle.done()  // c
        service.shutdown()

        XCTAssertEqual(log.decisions, simulated.decisions)
        XCTAssertEqual(
            simulated.decisions,
            [
                "grant 2/1/0", "grant 2/2/0", "queue 2/2/1", "down applied", "scale 1/2/1", "up refused-hold",
                "done 1/1/1", "done 1/0/1", "grant-waiter 1/1/0", "done 1/0/0",
            ])
    }
}
