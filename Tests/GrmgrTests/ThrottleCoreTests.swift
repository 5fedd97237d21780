import Grmgr
import XCTest

final class ThrottleCoreTests: XCTestCase {
    private func makeCore(
        dop: Int = 2, min: Int = 1, up: Int = 1, down: Int = 2, hold: TimeAmount = .seconds(30)
    )
        throws -> (ThrottleCore, ThrottleID)
    {
        var core = ThrottleCore()
        let id = try core.register(ThrottleConfig(name: "t", dop: dop, down: down, up: up, min: min, hold: hold))
        return (core, id)
    }

    func testControlGrantsAtOnceBelowTheCeilingAndQueuesAtIt() throws {
        var (core, id) = try makeCore(dop: 2)
        XCTAssertEqual(try core.ask(id), .granted)
        XCTAssertEqual(try core.ask(id), .granted)
        XCTAssertEqual(try core.askTicket(id), 0)
        let state = try core.state(id)
        XCTAssertEqual(state.running, 2)
        XCTAssertEqual(state.waiting, 1)
        XCTAssertTrue(core.actions.isEmpty, "no trace or log records unless asked for")
    }

    func testDoneGrantsTheOldestWaiterFirst() throws {
        var (core, id) = try makeCore(dop: 1)
        _ = try core.ask(id)
        let tickets = try (0..<5).map { _ in try XCTUnwrap(core.askTicket(id)) }
        var granted: [UInt64] = []
        for _ in tickets {
            try core.done(id)
            granted += core.takeGrants()
        }
        XCTAssertEqual(granted, tickets, "grants follow arrival order")
        XCTAssertEqual(try core.state(id).running, 1)
    }

    func testDoneWithoutControlIsAnErrorAndLeavesTheThrottleIntact() throws {
        var (core, id) = try makeCore(dop: 3)
        _ = try core.ask(id)
        try core.done(id)
        XCTAssertThrowsError(try core.done(id)) { error in
            XCTAssertEqual(error as? ThrottleError, .doneWithoutControl(throttle: "t"))
        }
        let snapshot = try core.snapshot(id)
        XCTAssertEqual(snapshot.running, 0)
        XCTAssertEqual(snapshot.counters.completed, 1)
        XCTAssertEqual(try core.ask(id), .granted, "the throttle still works")
    }

    func testCancelledWaiterLeavesTheQueueAndIsNeverGranted() throws {
        var (core, id) = try makeCore(dop: 1)
        _ = try core.ask(id)
        let first = try XCTUnwrap(core.askTicket(id))
        let second = try XCTUnwrap(core.askTicket(id))
        XCTAssertTrue(core.cancel(Waiter(throttle: id, ticket: WaiterTicket(number: first))))
        XCTAssertFalse(core.cancel(Waiter(throttle: id, ticket: WaiterTicket(number: first))), "only once")
        XCTAssertEqual(try core.state(id).waiting, 1)
        try core.done(id)
        XCTAssertEqual(core.takeGrants(), [second])
        XCTAssertFalse(core.cancel(Waiter(throttle: id, ticket: WaiterTicket(number: second))), "granted already")
        XCTAssertEqual(try core.snapshot(id).counters.cancelled, 1)
    }

    func testCancellingTheWholeQueueLetsTheNextCallerRunWhenASlotFrees() throws {
        var (core, id) = try makeCore(dop: 1)
        _ = try core.ask(id)
        let tickets = try (0..<3).map { _ in try XCTUnwrap(core.askTicket(id)) }
        for ticket in tickets { XCTAssertTrue(core.cancel(Waiter(throttle: id, ticket: WaiterTicket(number: ticket)))) }
        try core.done(id)
        XCTAssertEqual(core.takeGrants(), [])
        XCTAssertEqual(try core.ask(id), .granted)
    }

    func testDuplicateLiveNamesAreRefusedButADeletedNameCanBeReused() throws {
        var (core, id) = try makeCore()
        XCTAssertThrowsError(try core.register(ThrottleConfig(name: "t", dop: 1))) { error in
            XCTAssertEqual(error as? ThrottleError, .duplicateName("t"))
        }
        try core.delete(id)
        let again = try core.register(ThrottleConfig(name: "t", dop: 1))
        XCTAssertNotEqual(again, id)
        XCTAssertEqual(core.id(named: "t"), again)
    }

    func testDeleteFailsWaitersAcceptsLaterDoneAndRefusesEverythingElse() throws {
        var (core, id) = try makeCore(dop: 1)
        _ = try core.ask(id)
        _ = try core.ask(id)
        try core.delete(id)
        let failures = core.actions.compactMap { action -> ThrottleError? in
            if case .fail(_, let error) = action { return error }
            return nil
        }
        XCTAssertEqual(failures, [.deleted(throttle: "t")])
        core.removeAllActions()
        XCTAssertThrowsError(try core.ask(id)) { XCTAssertEqual($0 as? ThrottleError, .deleted(throttle: "t")) }
        XCTAssertThrowsError(try core.scale(id, .up(), at: .zero)) {
            XCTAssertEqual($0 as? ThrottleError, .deleted(throttle: "t"))
        }
        XCTAssertThrowsError(try core.delete(id))
        try core.done(id)  // The task that was running may still finish.
        XCTAssertEqual(core.takeGrants(), [], "nothing is granted after delete")
        XCTAssertThrowsError(try core.done(id)) { XCTAssertEqual($0 as? ThrottleError, .unknownThrottleID(id)) }
    }

    func testDrainedSlotIsReusedWithANewGeneration() throws {
        var (core, id) = try makeCore(dop: 1)
        try core.delete(id)
        let other = try core.register(ThrottleConfig(name: "u", dop: 1))
        XCTAssertEqual(other.slot, id.slot)
        XCTAssertNotEqual(other.generation, id.generation)
        XCTAssertThrowsError(try core.ask(id)) { XCTAssertEqual($0 as? ThrottleError, .unknownThrottleID(id)) }
    }

    func testShutdownFailsWaitersReportsRemainingThrottlesAndRefusesNewWork() throws {
        var (core, id) = try makeCore(dop: 1)
        _ = try core.register(ThrottleConfig(name: "other", dop: 1))
        _ = try core.ask(id)
        _ = try core.ask(id)
        XCTAssertEqual(core.shutdown(), ["t", "other"])
        XCTAssertTrue(
            core.actions.contains { if case .fail(_, .serviceShutDown) = $0 { return true } else { return false } })
        XCTAssertThrowsError(try core.ask(id)) { XCTAssertEqual($0 as? ThrottleError, .serviceShutDown) }
        XCTAssertThrowsError(try core.register(ThrottleConfig(name: "x", dop: 1))) {
            XCTAssertEqual($0 as? ThrottleError, .serviceShutDown)
        }
        XCTAssertThrowsError(try core.scaleAll(.down(), at: .zero))
        XCTAssertNoThrow(try core.done(id), "running tasks may still finish")
    }

    func testIdleWatchersAreToldOnceWhenNothingRunsOrWaits() throws {
        var (core, id) = try makeCore(dop: 1)
        XCTAssertTrue(core.watchIdle(id), "idle at once")
        _ = try core.ask(id)
        _ = try core.ask(id)
        XCTAssertFalse(core.watchIdle(id))
        try core.done(id)
        XCTAssertFalse(core.actions.contains(.becameIdle(id)), "one is still running")
        try core.done(id)
        XCTAssertEqual(core.actions.filter { $0 == .becameIdle(id) }.count, 1)
    }

    func testStateChangesAreRecordedWhenAskedFor() throws {
        var core = ThrottleCore(recordsStateChanges: true)
        let id = try core.register(ThrottleConfig(name: "t", dop: 1))
        _ = try core.ask(id)
        _ = try core.ask(id)
        try core.done(id)
        let changes = core.actions.compactMap { action -> StateChange? in
            if case .stateChanged(let change) = action { return change }
            return nil
        }
        XCTAssertEqual(changes.map(\.cause), [.registered, .granted, .queued, .released, .grantedWaiter])
        XCTAssertEqual(changes.map(\.running), [0, 1, 1, 0, 1])
        XCTAssertEqual(changes.map(\.waiting), [0, 0, 1, 1, 0])
    }

    func testLogRecordsAreBuiltOnlyAtOrAboveTheThreshold() throws {
        var quiet = ThrottleCore(logThreshold: .notice)
        let id = try quiet.register(ThrottleConfig(name: "t", dop: 2))
        _ = try quiet.ask(id)
        _ = try quiet.ask(id)
        _ = try quiet.ask(id)
        XCTAssertTrue(quiet.actions.isEmpty, "info and debug records are not built at notice")
        _ = try quiet.scale(id, .set(dop: 1), at: .zero)
        let levels = quiet.actions.compactMap { action -> LogLevel? in
            if case .log(let record) = action { return record.level }
            return nil
        }
        XCTAssertEqual(levels, [.notice], "an applied change is an alert")

        var chatty = ThrottleCore(logThreshold: .debug)
        let other = try chatty.register(ThrottleConfig(name: "t", dop: 1))
        _ = try chatty.ask(other)
        _ = try chatty.ask(other)
        let messages = chatty.actions.compactMap { action -> String? in
            if case .log(let record) = action { return record.message }
            return nil
        }
        XCTAssertEqual(messages, [#"registered throttle "t""#, #"queued on "t""#])
    }

    func testCountersSatisfyConservation() throws {
        var (core, id) = try makeCore(dop: 2)
        var generator = SplitMix64(seed: 11)
        var queued: [UInt64] = []
        for _ in 0..<2_000 {
            switch generator.next() % 4 {
            case 0, 1:
                if let ticket = try core.askTicket(id) { queued.append(ticket) }
            case 2:
                if try core.state(id).running > 0 { try core.done(id) }
            default:
                if let ticket = queued.randomElement(using: &generator) {
                    _ = core.cancel(Waiter(throttle: id, ticket: WaiterTicket(number: ticket)))
                }
            }
            core.removeAllActions()
            let snapshot = try core.snapshot(id)
            let counters = snapshot.counters
            XCTAssertEqual(counters.asked, counters.granted + snapshot.waiting + counters.cancelled + counters.failed)
            XCTAssertEqual(counters.granted, counters.completed + snapshot.running)
            XCTAssertLessThanOrEqual(snapshot.running, snapshot.ceiling)
            XCTAssertFalse(snapshot.waiting > 0 && snapshot.running < snapshot.ceiling, "work-conserving")
        }
    }
}
