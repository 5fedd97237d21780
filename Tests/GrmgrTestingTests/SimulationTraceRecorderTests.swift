import Foundation
import Grmgr
import GrmgrSimulation
import GrmgrTesting
import XCTest

final class SimulationTraceRecorderTests: XCTestCase {
    private func shipped(_ name: String) throws -> Scenario {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try ScenarioLoader.load(contentsOf: root.appendingPathComponent("scenarios/\(name).json5"))
    }

    func testEveryInvariantHoldsOnAnInMemorySimulatedRun() throws {
        for name in ["quickstart", "overload-recovery", "multi-component", "replay"] {
            let trace = try ThrottleTrace(simulating: try shipped(name))
            XCTAssertFalse(trace.entries.isEmpty, name)
            XCTAssertThrottleInvariants(trace)
            XCTAssertNoLostTasks(trace)
        }
    }

    func testTheOverloadRecoveryScenarioRecoversAndStaysInBounds() throws {
        let trace = try ThrottleTrace(simulating: try shipped("overload-recovery"))
        let run = TimePoint.zero...(TimePoint.zero + .minutes(10))
        XCTAssertDop(trace, of: "data-propagation", staysWithin: 2...20, during: run)
        XCTAssertDop(trace, of: "data-propagation", reaches: 5, within: .seconds(1), after: .zero + .minutes(3))
        // The profile climbs only to 7 (5 + 1 + 1), so the ceiling never returns to its max of 20.
        XCTAssertThrowsError(try trace.expectRecovery(of: "data-propagation", toMaxWithin: .minutes(5)))
        XCTAssertThrowsError(try trace.expectDop(of: "data-propagation", staysWithin: 6...20, during: run))
    }
}
