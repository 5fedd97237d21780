import Grmgr
import GrmgrTesting
import XCTest

/// The checker against traces with planted faults, one per invariant: each clean trace comes from the
/// real core and passes; the same trace with one fault planted is caught, and the report names the rule.
final class InvariantCheckerTests: XCTestCase {
    private let open = InvariantChecker(end: .inProgress)

    func testAGrantOverTheCeilingIsCaught() throws {
        var driver = CoreDriver()
        let id = try driver.register(ThrottleConfig(name: "crawler", dop: 2))
        _ = try driver.ask(id)
        _ = try driver.ask(id)
        XCTAssertEqual(open.violations(in: driver.trace), [])

        var faulty = driver.trace
        faulty.append([StateChange.of(id, .granted, ceiling: 2, running: 3, waiting: 0)], at: driver.now)
        let violations = open.violations(in: faulty)
        XCTAssertEqual(violations.map(\.invariant), [.grantWithinCeiling])
        XCTAssertTrue(violations[0].message.contains("running to 3 over the ceiling 2"), "\(violations)")
    }

    func testAChangeWithinTheHoldIsCaught() throws {
        var driver = CoreDriver()
        let id = try driver.register(ThrottleConfig(name: "crawler", dop: 4, down: 1, hold: .seconds(30)))
        XCTAssertEqual(try driver.scale(id, .down()), .applied)
        driver.advance(seconds: 10)
        XCTAssertEqual(try driver.scale(id, .down()), .refusedHold)
        XCTAssertEqual(open.violations(in: driver.trace), [])

        var faulty = driver.trace
        faulty.entries[faulty.entries.count - 1].actions = appliedDown(id, from: 3, to: 2)
        let violations = open.violations(in: faulty)
        XCTAssertEqual(violations.map(\.invariant), [.hold])
        XCTAssertTrue(
            violations[0].message.contains("10.000000000s after the down (applied) at 0.000000000s"), "\(violations)")
    }

    func testARefusalAfterTheHoldIsCaught() throws {
        var driver = CoreDriver()
        let id = try driver.register(ThrottleConfig(name: "crawler", dop: 4, down: 1, hold: .seconds(30)))
        try driver.scale(id, .down())
        driver.advance(seconds: 40)
        XCTAssertEqual(try driver.scale(id, .down()), .applied)
        XCTAssertEqual(open.violations(in: driver.trace), [])

        var faulty = driver.trace
        let refused = ScalingRecord(
            throttle: id, action: .down(), origin: .request, outcome: .refusedHold, ceilingBefore: 3, ceilingAfter: 3)
        faulty.entries[faulty.entries.count - 1].actions = [.scaled(refused)]
        let violations = open.violations(in: faulty)
        XCTAssertEqual(violations.map(\.invariant), [.hold])
        XCTAssertTrue(violations[0].message.contains("although the hold of 30s had passed"), "\(violations)")
    }

    func testASetRestartsTheHold() throws {
        var driver = CoreDriver()
        let id = try driver.register(ThrottleConfig(name: "crawler", dop: 4, down: 1, hold: .seconds(30)))
        try driver.scale(id, .down())
        driver.advance(seconds: 20)
        try driver.scale(id, .set(dop: 4))
        driver.advance(seconds: 15)
        XCTAssertEqual(try driver.scale(id, .down()), .refusedHold, "35s after the down, 15s after the set")
        XCTAssertEqual(open.violations(in: driver.trace), [])

        var faulty = driver.trace
        faulty.entries[faulty.entries.count - 1].actions = appliedDown(id, from: 4, to: 3)
        let violations = open.violations(in: faulty)
        XCTAssertEqual(violations.map(\.invariant), [.hold])
        XCTAssertTrue(violations[0].message.contains("after the set 4 (applied) at 20.000000000s"), "\(violations)")
    }

    func testTheHoldCountsFromEveryRequestWhenConfiguredSo() throws {
        var driver = CoreDriver()
        let config = try ThrottleConfig(name: "go", dop: 4, down: 1, hold: .seconds(30), holdOrigin: .request)
        let id = try driver.register(config)
        try driver.scale(id, .down())
        driver.advance(seconds: 20)
        XCTAssertEqual(try driver.scale(id, .down()), .refusedHold)
        driver.advance(seconds: 15)
        XCTAssertEqual(try driver.scale(id, .down()), .refusedHold, "15s after the refused request restarted it")
        XCTAssertEqual(open.violations(in: driver.trace), [])

        var faulty = driver.trace
        faulty.entries[faulty.entries.count - 1].actions = appliedDown(id, from: 3, to: 2)
        XCTAssertEqual(open.violations(in: faulty).map(\.invariant), [.hold])
        // The same trace is fine for a throttle whose hold counts from applied changes only.
        faulty.registrations[0].config?.holdOrigin = .appliedChange
        XCTAssertEqual(open.violations(in: faulty), [])
    }

    func testALIFOGrantIsCaught() throws {
        var driver = CoreDriver()
        let id = try driver.register(ThrottleConfig(name: "crawler", dop: 1))
        _ = try driver.ask(id)
        driver.advance(seconds: 1)
        _ = try driver.ask(id)
        driver.advance(seconds: 1)
        _ = try driver.ask(id)
        driver.advance(seconds: 1)
        try driver.done(id)
        XCTAssertEqual(open.violations(in: driver.trace), [])

        var faulty = driver.trace
        let last = faulty.entries.count - 1
        faulty.entries[last].actions = faulty.entries[last].actions.map { action in
            guard case .grant(let waiter) = action else { return action }
            return .grant(Waiter(throttle: waiter.throttle, ticket: WaiterTicket(number: 1)))
        }
        let violations = open.violations(in: faulty)
        XCTAssertEqual(violations.map(\.invariant), [.fifo])
        XCTAssertEqual(
            violations[0].message,
            "ticket 1 (queued at 2.000000000s) was granted while ticket 0 (queued at 1.000000000s) was still waiting")
    }

    func testAWaiterThatVanishesIsCaught() throws {
        var driver = CoreDriver()
        let id = try driver.register(ThrottleConfig(name: "crawler", dop: 1))
        _ = try driver.ask(id)
        _ = try driver.ask(id)
        try driver.done(id)
        XCTAssertEqual(open.violations(in: driver.trace), [])

        var faulty = driver.trace
        faulty.entries[faulty.entries.count - 1].actions = [
            StateChange.of(id, .released, ceiling: 1, running: 0, waiting: 0)
        ]
        let violations = open.violations(in: faulty)
        XCTAssertEqual(Set(violations.map(\.invariant)), [.conservation])
        XCTAssertTrue(violations[0].message.contains("a task was lost or counted twice"), "\(violations)")
        XCTAssertTrue(violations.last!.message.contains("never granted, failed or cancelled"), "\(violations)")
    }

    func testATaskStillRunningAtTheEndOfADrainedRunIsCaught() throws {
        var driver = CoreDriver()
        let id = try driver.register(ThrottleConfig(name: "crawler", dop: 2))
        _ = try driver.ask(id)
        _ = try driver.ask(id)
        try driver.done(id)
        XCTAssertEqual(open.violations(in: driver.trace), [])

        let violations = InvariantChecker(end: .drained).violations(in: driver.trace)
        XCTAssertEqual(violations.map(\.invariant), [.noLostTask])
        XCTAssertTrue(violations[0].message.contains("1 task(s) granted and never done"), "\(violations)")
    }

    func testAGrantTwiceIsCaught() throws {
        var driver = CoreDriver()
        let id = try driver.register(ThrottleConfig(name: "crawler", dop: 1))
        _ = try driver.ask(id)
        _ = try driver.ask(id)
        _ = try driver.ask(id)
        try driver.done(id)
        XCTAssertEqual(open.violations(in: driver.trace), [])

        // The next done() grants ticket 0 again instead of ticket 1.
        var faulty = driver.trace
        faulty.append(
            [
                StateChange.of(id, .released, ceiling: 1, running: 0, waiting: 1),
                .grant(Waiter(throttle: id, ticket: WaiterTicket(number: 0))),
                StateChange.of(id, .grantedWaiter, ceiling: 1, running: 1, waiting: 0),
            ], at: driver.now)
        let violations = open.violations(in: faulty)
        XCTAssertEqual(Set(violations.map(\.invariant)), [.conservation])
        XCTAssertEqual(violations[0].message, "ticket 0 was granted but was already granted or failed")
    }

    func testAGrantAfterDeleteIsCaught() throws {
        var driver = CoreDriver()
        let id = try driver.register(ThrottleConfig(name: "crawler", dop: 2))
        _ = try driver.ask(id)
        try driver.run { try $0.delete(id) }
        XCTAssertEqual(open.violations(in: driver.trace), [])

        var faulty = driver.trace
        faulty.append([StateChange.of(id, .granted, ceiling: 2, running: 2, waiting: 0)], at: driver.now)
        let violations = open.violations(in: faulty)
        XCTAssertEqual(violations.map(\.invariant), [.nothingAfterDelete])
        XCTAssertTrue(violations[0].message.contains("grant after the throttle was deleted"), "\(violations)")
    }

    func testADeleteThatKeepsItsWaitersIsCaught() throws {
        var driver = CoreDriver()
        let id = try driver.register(ThrottleConfig(name: "crawler", dop: 1))
        _ = try driver.ask(id)
        _ = try driver.ask(id)
        try driver.run { try $0.delete(id) }
        XCTAssertEqual(open.violations(in: driver.trace), [])

        var faulty = driver.trace
        faulty.entries[faulty.entries.count - 1].actions = [
            StateChange.of(id, .deleted, ceiling: 1, running: 1, waiting: 1)
        ]
        XCTAssertEqual(open.violations(in: faulty).map(\.invariant), [.nothingAfterDelete])
    }

    func testWaitingWhileBelowTheCeilingIsCaught() throws {
        var driver = CoreDriver()
        let id = try driver.register(ThrottleConfig(name: "crawler", dop: 1))
        _ = try driver.ask(id)
        _ = try driver.ask(id)
        try driver.done(id)
        XCTAssertEqual(open.violations(in: driver.trace), [])

        var faulty = driver.trace
        faulty.entries[faulty.entries.count - 1].actions = [
            StateChange.of(id, .released, ceiling: 1, running: 0, waiting: 1)
        ]
        let violations = open.violations(in: faulty)
        XCTAssertEqual(violations.map(\.invariant), [.workConservation])
        XCTAssertTrue(violations[0].message.contains("while running 0 < ceiling 1"), "\(violations)")
    }

    func testACeilingBelowMinOrAboveMaxIsCaught() throws {
        var driver = CoreDriver()
        let id = try driver.register(ThrottleConfig(name: "crawler", dop: 3, down: 2, min: 1))
        try driver.scale(id, .down())
        driver.advance(seconds: 40)
        XCTAssertEqual(try driver.scale(id, .down()), .unchanged)
        XCTAssertEqual(open.violations(in: driver.trace), [])

        var belowMin = driver.trace
        belowMin.entries[belowMin.entries.count - 1].actions = appliedDown(id, from: 1, to: 0)
        let violations = open.violations(in: belowMin)
        XCTAssertEqual(violations.map(\.invariant), [.ceilingWithinBounds])
        XCTAssertEqual(violations[0].message, "down set the ceiling, which is 0, outside [1, 3]")

        var aboveMax = driver.trace
        let up = ScalingRecord(
            throttle: id, action: .up(), origin: .request, outcome: .applied, ceilingBefore: 1, ceilingAfter: 4)
        aboveMax.entries[aboveMax.entries.count - 1].actions = [
            .scaled(up), StateChange.of(id, .scaled, ceiling: 4, running: 0, waiting: 0),
        ]
        XCTAssertEqual(open.violations(in: aboveMax).map(\.invariant), [.ceilingWithinBounds])
    }

    func testWaitResumedWhileBusyIsCaught() throws {
        var driver = CoreDriver()
        let id = try driver.register(ThrottleConfig(name: "crawler", dop: 1))
        _ = try driver.ask(id)
        XCTAssertFalse(driver.run { $0.watchIdle(id) })
        try driver.done(id)
        XCTAssertTrue(driver.trace.entries.last!.actions.contains(.becameIdle(id)))
        XCTAssertEqual(InvariantChecker().violations(in: driver.trace), [])

        var faulty = driver.trace
        faulty.entries[faulty.entries.count - 1].actions = [.becameIdle(id)]
        let violations = open.violations(in: faulty)
        XCTAssertEqual(violations.map(\.invariant), [.idleWait])
        XCTAssertEqual(violations[0].message, "wait() was resumed while running 1, waiting 0")
    }

    func testTheReportNamesTheInvariantInstantThrottleAndShowsTheEntriesAround() throws {
        var driver = CoreDriver()
        let id = try driver.register(ThrottleConfig(name: "crawler", dop: 1))
        _ = try driver.ask(id)
        driver.advance(seconds: 1)
        _ = try driver.ask(id)
        driver.advance(seconds: 1)
        try driver.done(id)
        var faulty = driver.trace
        faulty.entries[faulty.entries.count - 1].actions = [
            StateChange.of(id, .released, ceiling: 1, running: 0, waiting: 1)
        ]
        let report = try XCTUnwrap(open.violations(in: faulty).first).description
        XCTAssertEqual(
            report,
            """
            invariant 2 (workConservation: no task waits while running < ceiling) violated at 2.000000000s on \
            "crawler":
              1 caller(s) still waiting after the command while running 0 < ceiling 1
              trace around entry #3:
                  #1 at 0.000000000s
                        grant "crawler" ceiling 1 running 1 waiting 0
                  #2 at 1.000000000s
                        queue "crawler" ceiling 1 running 1 waiting 1
              --> #3 at 2.000000000s
                        done "crawler" ceiling 1 running 0 waiting 1
            """)
    }

    func testTheCheckerStopsAtTheMaximumNumberOfViolationsAndChecksOnlyTheChosenInvariants() throws {
        var driver = CoreDriver()
        let id = try driver.register(ThrottleConfig(name: "crawler", dop: 1))
        var faulty = driver.trace
        for second in 1...10 {
            // Each entry queues a caller below the ceiling and tells wait() the throttle is idle.
            faulty.append(
                [
                    StateChange.of(id, .queued, ceiling: 1, running: 0, waiting: second),
                    .becameIdle(id),
                ], at: .seconds(Int64(second)))
        }
        XCTAssertEqual(InvariantChecker(maximumViolations: 3).violations(in: faulty).count, 3)
        let idleOnly = InvariantChecker(end: .inProgress, invariants: [.idleWait]).violations(in: faulty)
        XCTAssertEqual(idleOnly.map(\.invariant), Array(repeating: .idleWait, count: 10))
    }

    private func appliedDown(_ id: ThrottleID, from before: Int, to after: Int) -> [ThrottleAction] {
        let record = ScalingRecord(
            throttle: id, action: .down(), origin: .request, outcome: .applied, ceilingBefore: before,
            ceilingAfter: after)
        return [.scaled(record), StateChange.of(id, .scaled, ceiling: after, running: 0, waiting: 0)]
    }
}
