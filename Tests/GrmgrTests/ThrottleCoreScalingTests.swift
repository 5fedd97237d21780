import Grmgr
import XCTest

final class ThrottleCoreScalingTests: XCTestCase {
    private func makeCore(
        dop: Int = 10, min: Int = 1, up: Int = 1, down: Int = 2, hold: TimeAmount = .seconds(30),
        holdOrigin: HoldOrigin = .appliedChange
    ) throws -> (ThrottleCore, ThrottleID) {
        var core = ThrottleCore()
        let config = try ThrottleConfig(
            name: "t", dop: dop, down: down, up: up, min: min, hold: hold, holdOrigin: holdOrigin)
        let id = try core.register(config)
        return (core, id)
    }

    func testRaisingTheCeilingGrantsWaitersAtOnce() throws {
        // Regression: the Go original released queued waiters only at the next Done().
        var (core, id) = try makeCore(dop: 4, hold: .zero)
        _ = try core.scale(id, .set(dop: 1), at: .zero)
        _ = try core.ask(id)
        let tickets = try (0..<3).compactMap { _ in try core.askTicket(id) }
        core.removeAllActions()
        XCTAssertEqual(try core.scale(id, .up(by: 2), at: .seconds(1)), .applied)
        XCTAssertEqual(core.takeGrants(), Array(tickets.prefix(2)))
        XCTAssertEqual(try core.state(id).running, 3)
        XCTAssertEqual(try core.state(id).waiting, 1)
    }

    func testLoweringTheCeilingNeverPreemptsRunningTasks() throws {
        var (core, id) = try makeCore(dop: 4)
        for _ in 0..<4 { _ = try core.ask(id) }
        XCTAssertEqual(try core.scale(id, .down(), at: .zero), .applied)
        XCTAssertEqual(try core.state(id).ceiling, 2)
        XCTAssertEqual(try core.state(id).running, 4, "running tasks keep running")
        let waiter = try XCTUnwrap(core.askTicket(id))
        for _ in 0..<2 { try core.done(id) }
        XCTAssertEqual(core.takeGrants(), [], "no grant while running >= ceiling")
        try core.done(id)
        XCTAssertEqual(core.takeGrants(), [waiter])
    }

    func testUpAndDownAreClampedToMinAndMax() throws {
        var (core, id) = try makeCore(dop: 5, min: 2, down: 2, hold: .zero)
        XCTAssertEqual(try core.scale(id, .up(), at: .zero), .unchanged, "already at max")
        XCTAssertEqual(try core.scale(id, .down(), at: .zero), .applied)
        XCTAssertEqual(try core.scale(id, .down(), at: .zero), .clamped)
        XCTAssertEqual(try core.state(id).ceiling, 2)
        XCTAssertEqual(try core.scale(id, .up(by: 10), at: .zero), .clamped)
        XCTAssertEqual(try core.state(id).ceiling, 5)
        XCTAssertEqual(try core.scale(id, .set(dop: -3), at: .zero), .clamped)
        XCTAssertEqual(try core.state(id).ceiling, 2)
    }

    func testMinZeroPausesTheComponent() throws {
        var (core, id) = try makeCore(dop: 2, min: 0)
        XCTAssertEqual(try core.scale(id, .set(dop: 0), at: .zero), .applied)
        XCTAssertNotNil(try core.askTicket(id), "a paused throttle grants nothing")
        _ = try core.scale(id, .set(dop: 1), at: .seconds(1))
        XCTAssertEqual(core.takeGrants(), [0])
    }

    func testHoldRefusesChangesUntilItHasPassedSinceTheLastAppliedChange() throws {
        var (core, id) = try makeCore(dop: 10, hold: .seconds(30))
        XCTAssertEqual(try core.scale(id, .down(), at: .seconds(0)), .applied, "no hold before the first change")
        XCTAssertEqual(try core.scale(id, .down(), at: .seconds(29)), .refusedHold)
        XCTAssertEqual(try core.scale(id, .up(), at: .seconds(29)), .refusedHold)
        XCTAssertEqual(try core.state(id).ceiling, 8)
        XCTAssertEqual(try core.scale(id, .down(), at: .seconds(30)), .applied, "hold over at exactly 30s")
        let counters = try core.snapshot(id).counters
        XCTAssertEqual(counters.appliedChanges, 2)
        XCTAssertEqual(counters.refusedChanges, 2)
    }

    func testARefusedRequestDoesNotRestartTheHold() throws {
        // Regression: the Go original restarted the hold on refused requests.
        var (core, id) = try makeCore(dop: 10, hold: .seconds(30))
        _ = try core.scale(id, .down(), at: .seconds(0))
        XCTAssertEqual(try core.scale(id, .down(), at: .seconds(20)), .refusedHold)
        XCTAssertEqual(try core.scale(id, .down(), at: .seconds(30)), .applied, "30s after the applied change")
    }

    func testHoldFromRequestReplaysTheGoOriginal() throws {
        var (core, id) = try makeCore(dop: 10, hold: .seconds(30), holdOrigin: .request)
        _ = try core.scale(id, .down(), at: .seconds(0))
        XCTAssertEqual(try core.scale(id, .down(), at: .seconds(20)), .refusedHold)
        XCTAssertEqual(try core.scale(id, .down(), at: .seconds(30)), .refusedHold, "the refusal restarted the hold")
        XCTAssertEqual(try core.scale(id, .down(), at: .seconds(60)), .applied)
    }

    func testAnUnchangedRequestAtTheBoundDoesNotStartAHold() throws {
        var (core, id) = try makeCore(dop: 10, hold: .seconds(30))
        XCTAssertEqual(try core.scale(id, .up(), at: .seconds(0)), .unchanged)
        XCTAssertEqual(try core.scale(id, .down(), at: .seconds(1)), .applied)
    }

    func testSetBypassesTheHoldAndStartsANewOne() throws {
        var (core, id) = try makeCore(dop: 10, hold: .seconds(30))
        _ = try core.scale(id, .down(), at: .seconds(0))
        XCTAssertEqual(try core.scale(id, .set(dop: 5), at: .seconds(10)), .applied)
        XCTAssertEqual(try core.scale(id, .up(), at: .seconds(30)), .refusedHold, "the set at 10s started a hold")
        XCTAssertEqual(try core.scale(id, .up(), at: .seconds(40)), .applied)
        XCTAssertEqual(try core.state(id).ceiling, 6)
    }

    func testPercentSetsAShareOfMax() throws {
        var (core, id) = try makeCore(dop: 20, min: 2)
        XCTAssertEqual(try core.scale(id, .percent(50), at: .zero), .applied)
        XCTAssertEqual(try core.state(id).ceiling, 10)
        XCTAssertEqual(try core.scale(id, .percent(1), at: .zero), .clamped)
        XCTAssertEqual(try core.state(id).ceiling, 2)
    }

    func testServiceWideEventsReachEveryThrottleInSlotOrder() throws {
        var core = ThrottleCore()
        let a = try core.register(ThrottleConfig(name: "a", dop: 10))
        let b = try core.register(ThrottleConfig(name: "b", dop: 4, down: 1))
        try core.apply(ScalingEvent(action: .down()), at: .zero)
        let records = core.takeScalingRecords()
        XCTAssertEqual(records.map(\.throttle), [a, b])
        XCTAssertEqual(records.map(\.ceilingAfter), [8, 3])
        try core.apply(ScalingEvent(throttle: "b", action: .set(dop: 1)), at: .zero)
        XCTAssertEqual(try core.state(b).ceiling, 1)
        XCTAssertEqual(try core.state(a).ceiling, 8)
    }

    func testEventsNamingUnknownThrottlesOrProfilesAreErrorsThatChangeNothing() throws {
        var (core, id) = try makeCore()
        XCTAssertThrowsError(try core.apply(ScalingEvent(throttle: "nope", action: .up()), at: .zero)) {
            XCTAssertEqual($0 as? ThrottleError, .unknownThrottle(name: "nope"))
        }
        XCTAssertThrowsError(try core.apply(ScalingEvent(action: .profile("missing")), at: .zero)) {
            XCTAssertEqual($0 as? ThrottleError, .unknownProfile(name: "missing"))
        }
        XCTAssertEqual(try core.state(id).ceiling, 10)
        XCTAssertTrue(core.actions.isEmpty)
    }

    func testProfileRunsItsStepsAtTheirOffsetsFromTheEvent() throws {
        var (core, id) = try makeCore(dop: 10, hold: .seconds(30))
        let profile = try ScalingProfile(
            name: "gentle-recovery",
            steps: [
                .init(after: .zero, action: .up(by: 1)), .init(after: .seconds(30), action: .up(by: 1)),
                .init(after: .seconds(60), action: .percent(100)),
            ])
        try core.registerProfile(profile)
        _ = try core.scale(id, .set(dop: 2), at: .seconds(0))
        core.removeAllActions()

        XCTAssertEqual(try core.scale(id, .profile("gentle-recovery"), at: .seconds(100)), .profileStarted)
        XCTAssertEqual(try core.state(id).ceiling, 3, "the 0s step runs with the event")
        XCTAssertEqual(core.actions.last, .scheduleTimer(ProfileTimer(throttle: id, run: 0), at: .seconds(130)))
        core.removeAllActions()

        core.timerFired(ProfileTimer(throttle: id, run: 0), at: .seconds(130))
        XCTAssertEqual(try core.state(id).ceiling, 4)
        XCTAssertEqual(core.actions.last, .scheduleTimer(ProfileTimer(throttle: id, run: 0), at: .seconds(160)))
        core.removeAllActions()

        core.timerFired(ProfileTimer(throttle: id, run: 0), at: .seconds(160))
        XCTAssertEqual(try core.state(id).ceiling, 10)
        let record = try XCTUnwrap(core.takeScalingRecords().last)
        XCTAssertEqual(record.origin, .profileStep(profile: "gentle-recovery", step: 2))
        XCTAssertNil(try core.snapshot(id).activeProfile, "the profile is finished")
    }

    func testANewerEventCancelsTheRestOfARunningProfile() throws {
        var (core, id) = try makeCore(dop: 10, hold: .zero)
        try core.registerProfile(
            ScalingProfile(
                name: "p",
                steps: [
                    .init(after: .seconds(10), action: .set(dop: 9)), .init(after: .seconds(20), action: .set(dop: 8)),
                ]))
        _ = try core.scale(id, .profile("p"), at: .seconds(0))
        XCTAssertEqual(try core.snapshot(id).activeProfile, "p")
        core.removeAllActions()
        _ = try core.scale(id, .set(dop: 3), at: .seconds(5))
        XCTAssertEqual(core.takeScalingRecords().map(\.outcome), [.profileCancelled, .applied])
        core.timerFired(ProfileTimer(throttle: id, run: 0), at: .seconds(10))
        XCTAssertEqual(try core.state(id).ceiling, 3, "the stale timer is ignored")
        XCTAssertTrue(core.actions.isEmpty)
    }

    func testProfileStepsObeyTheHold() throws {
        var (core, id) = try makeCore(dop: 10, hold: .seconds(30))
        try core.registerProfile(
            ScalingProfile(
                name: "fast",
                steps: [.init(after: .zero, action: .down()), .init(after: .seconds(10), action: .down())]))
        _ = try core.scale(id, .profile("fast"), at: .seconds(0))
        core.removeAllActions()
        core.timerFired(ProfileTimer(throttle: id, run: 0), at: .seconds(10))
        XCTAssertEqual(core.takeScalingRecords().map(\.outcome), [.refusedHold])
        XCTAssertEqual(try core.state(id).ceiling, 8)
    }

    func testInvalidProfilesAndDuplicateNamesAreRejected() throws {
        var core = ThrottleCore()
        XCTAssertThrowsError(try ScalingProfile(name: "p", steps: [])) { error in
            XCTAssertEqual("\(error)", #"invalid steps [] for "p": expected at least one step"#)
        }
        XCTAssertThrowsError(
            try ScalingProfile(
                name: "p", steps: [.init(after: .seconds(5), action: .up()), .init(after: .seconds(1), action: .up())]))
        XCTAssertThrowsError(try ScalingProfile(name: "p", steps: [.init(after: .zero, action: .profile("q"))]))
        try core.registerProfile(ScalingProfile(name: "p", steps: [.init(after: .zero, action: .up())]))
        XCTAssertThrowsError(
            try core.registerProfile(ScalingProfile(name: "p", steps: [.init(after: .zero, action: .up())])))
    }
}
