import Grmgr
import Synchronization
import XCTest

final class ThrottleServiceTests: XCTestCase {
    func testControlAndDonePairUpAndWaitReturnsWhenIdle() async throws {
        let service = ThrottleService()
        let throttle = try service.makeThrottle(named: "crawler", dop: 2)
        try await throttle.control()
        try await throttle.control()
        XCTAssertEqual(try throttle.snapshot().running, 2)
        let waiter = Task { await throttle.wait() }
        try throttle.done()
        try throttle.done()
        await waiter.value
        XCTAssertEqual(try throttle.snapshot().running, 0)
    }

    func testWaitersAreGrantedInFIFOOrder() async throws {
        // Regression: the Go original replied on a shared channel, to whichever goroutine read first.
        let service = ThrottleService()
        let throttle = try service.makeThrottle(named: "fifo", dop: 1)
        try await throttle.control()
        let order = Locked<[Int]>([])
        var tasks: [Task<Void, any Error>] = []
        for index in 0..<20 {
            tasks.append(
                Task {
                    try await throttle.control()
                    order.withLock { $0.append(index) }
                    try throttle.done()
                })
            try await eventually { try throttle.snapshot().waiting == index + 1 }
        }
        try throttle.done()
        for task in tasks { try await task.value }
        XCTAssertEqual(order.value, Array(0..<20))
    }

    func testUpGrantsQueuedWaitersAtOnce() async throws {
        // Regression: the Go original released waiters only at the next Done().
        let service = ThrottleService()
        let throttle = try service.makeThrottle(ThrottleConfig(name: "up", dop: 3, min: 1, hold: .zero))
        try throttle.setDop(1)
        try await throttle.control()
        let waiter = Task { try await throttle.control() }
        try await eventually { try throttle.snapshot().waiting == 1 }
        XCTAssertEqual(try throttle.up(), .applied)
        try await waiter.value  // Returns although no task has finished.
        XCTAssertEqual(try throttle.snapshot().running, 2)
    }

    func testDoneWithoutControlThrowsAndKeepsTheThrottleWorking() async throws {
        // Regression: the Go original panicked with "negative WaitGroup counter".
        let service = ThrottleService()
        let throttle = try service.makeThrottle(named: "strict", dop: 1)
        XCTAssertThrowsError(try throttle.done()) { error in
            XCTAssertEqual(error as? ThrottleError, .doneWithoutControl(throttle: "strict"))
            XCTAssertEqual(
                "\(error)",
                #"done() on throttle "strict" with no task running: each done() must pair with a granted control()"#)
        }
        try await throttle.control()
        try throttle.done()
    }

    func testUpAfterDeleteIsAClearError() async throws {
        // Regression: the Go original dereferenced nil.
        let service = ThrottleService()
        let throttle = try service.makeThrottle(named: "gone", dop: 1)
        try throttle.delete()
        XCTAssertThrowsError(try throttle.up()) { XCTAssertEqual($0 as? ThrottleError, .deleted(throttle: "gone")) }
        XCTAssertThrowsError(try throttle.down()) { XCTAssertEqual($0 as? ThrottleError, .deleted(throttle: "gone")) }
        XCTAssertThrowsError(try throttle.snapshot()) {
            XCTAssertEqual($0 as? ThrottleError, .deleted(throttle: "gone"))
        }
        do {
            try await throttle.control()
            XCTFail("control() after delete must throw")
        } catch {
            XCTAssertEqual(error as? ThrottleError, .deleted(throttle: "gone"))
        }
    }

    func testControlAfterShutdownThrowsAtOnce() async throws {
        // Regression: the Go original blocked forever.
        let service = ThrottleService()
        let throttle = try service.makeThrottle(named: "late", dop: 1)
        XCTAssertEqual(service.shutdown(), ["late"])
        do {
            try await throttle.control()
            XCTFail("control() after shutdown must throw")
        } catch {
            XCTAssertEqual(error as? ThrottleError, .serviceShutDown)
        }
        XCTAssertThrowsError(try service.makeThrottle(named: "new", dop: 1)) {
            XCTAssertEqual($0 as? ThrottleError, .serviceShutDown)
        }
    }

    func testShutdownFailsEveryWaiterAndLogsTheRemainingThrottles() async throws {
        let logger = CapturingLogger(level: .notice)
        let service = ThrottleService(logger: logger)
        let throttle = try service.makeThrottle(named: "busy", dop: 1)
        try await throttle.control()
        let waiter = Task { try await throttle.control() }
        try await eventually { try throttle.snapshot().waiting == 1 }
        service.shutdown()
        do {
            try await waiter.value
            XCTFail("the waiter must fail")
        } catch {
            XCTAssertEqual(error as? ThrottleError, .serviceShutDown)
        }
        XCTAssertTrue(logger.messages.contains("shut down with 1 throttle(s) still registered"), "\(logger.messages)")
        try throttle.done()  // The running task may still finish.
    }

    func testCancellingAWaitingTaskRemovesItFromTheQueue() async throws {
        let service = ThrottleService()
        let throttle = try service.makeThrottle(named: "cancel", dop: 1)
        try await throttle.control()
        let waiter = Task { try await throttle.control() }
        try await eventually { try throttle.snapshot().waiting == 1 }
        waiter.cancel()
        do {
            try await waiter.value
            XCTFail("a cancelled waiter must throw")
        } catch {
            XCTAssertTrue(error is CancellationError, "\(error)")
        }
        let snapshot = try throttle.snapshot()
        XCTAssertEqual(snapshot.waiting, 0)
        XCTAssertEqual(snapshot.counters.cancelled, 1)
        try throttle.done()
        XCTAssertEqual(try throttle.snapshot().running, 0, "the cancelled waiter was not granted")
    }

    func testDeleteFailsWaitersAndFreesTheName() async throws {
        let service = ThrottleService()
        let throttle = try service.makeThrottle(named: "reused", dop: 1)
        try await throttle.control()
        let waiter = Task { try await throttle.control() }
        try await eventually { try throttle.snapshot().waiting == 1 }
        try throttle.delete()
        do {
            try await waiter.value
            XCTFail("the waiter must fail")
        } catch {
            XCTAssertEqual(error as? ThrottleError, .deleted(throttle: "reused"))
        }
        let again = try service.makeThrottle(named: "reused", dop: 1)
        XCTAssertNotEqual(again, throttle)
        try throttle.done()  // Accepted: the task was running when the throttle was deleted.
        await throttle.wait()
    }

    func testWithControlReleasesTheSlotAlsoWhenTheBodyThrows() async throws {
        struct Failure: Error {}
        let service = ThrottleService()
        let throttle = try service.makeThrottle(named: "scoped", dop: 1)
        let value = try await throttle.withControl { 42 }
        XCTAssertEqual(value, 42)
        do {
            try await throttle.withControl { throw Failure() }
            XCTFail("the body's error must propagate")
        } catch {
            XCTAssertTrue(error is Failure)
        }
        XCTAssertEqual(try throttle.snapshot().running, 0)
        XCTAssertEqual(try throttle.snapshot().counters.completed, 2)
    }

    func testConcurrentForEachRunsEveryElementWithinTheCeiling() async throws {
        let service = ThrottleService()
        let throttle = try service.makeThrottle(named: "loop", dop: 3)
        let inFlight = Atomic<Int>(0)
        let peak = Atomic<Int>(0)
        let seen = Locked<Set<Int>>([])
        try await throttle.concurrentForEach(0..<200) { element in
            let now = inFlight.add(1, ordering: .relaxed).newValue
            peak.max(now, ordering: .relaxed)
            try await Task.sleep(for: .microseconds(200))
            seen.withLock { $0.insert(element) }
            inFlight.subtract(1, ordering: .relaxed)
        }
        XCTAssertEqual(seen.value, Set(0..<200))
        XCTAssertLessThanOrEqual(peak.load(ordering: .relaxed), 3)
        XCTAssertGreaterThan(peak.load(ordering: .relaxed), 1, "it ran in parallel")
        XCTAssertEqual(try throttle.snapshot().running, 0)
    }

    func testConcurrentForEachStopsAtTheFirstErrorAndRethrowsIt() async throws {
        struct Failure: Error {}
        let service = ThrottleService()
        let throttle = try service.makeThrottle(named: "failing", dop: 2)
        let started = Atomic<Int>(0)
        do {
            try await throttle.concurrentForEach(0..<10_000) { element in
                started.add(1, ordering: .relaxed)
                if element == 5 { throw Failure() }
                try await Task.sleep(for: .milliseconds(1))
            }
            XCTFail("the error must propagate")
        } catch {
            XCTAssertTrue(error is Failure || error is CancellationError, "\(error)")
        }
        XCTAssertLessThan(started.load(ordering: .relaxed), 10_000, "dispatching stopped")
        XCTAssertEqual(try throttle.snapshot().running, 0, "every slot was released")
    }

    func testServiceWideScalingAndSendReachEveryThrottle() async throws {
        let logger = CapturingLogger(level: .error)
        let service = ThrottleService(logger: logger)
        let a = try service.makeThrottle(ThrottleConfig(name: "a", dop: 10, hold: .zero))
        let b = try service.makeThrottle(ThrottleConfig(name: "b", dop: 6, hold: .zero))
        XCTAssertEqual(try service.down().map(\.ceilingAfter), [8, 4])
        XCTAssertEqual(try service.up().map(\.ceilingAfter), [9, 5])
        try service.setDop(3)
        XCTAssertEqual(try a.snapshot().ceiling, 3)
        service.send(ScalingEvent(throttle: "b", action: .set(dop: 6)))
        XCTAssertEqual(try b.snapshot().ceiling, 6)
        service.send(ScalingEvent(throttle: "missing", action: .up()))
        XCTAssertEqual(logger.messages, [#"scaling event refused: no throttle named "missing" is registered"#])
        XCTAssertEqual(service.snapshots().map(\.name), ["a", "b"])
    }

    func testRunAppliesAnAsyncSequenceOfEventsAndShutsDownWhenCancelled() async throws {
        let service = ThrottleService()
        let throttle = try service.makeThrottle(ThrottleConfig(name: "fed", dop: 8, hold: .zero))
        let (events, input) = AsyncStream<ScalingEvent>.makeStream()
        let running = Task { await service.run(consuming: events) }
        input.yield(ScalingEvent(throttle: "fed", action: .down(by: 3)))
        try await eventually { try throttle.snapshot().ceiling == 5 }
        running.cancel()
        let remaining = await running.value
        XCTAssertEqual(remaining, ["fed"])
        do {
            try await throttle.control()
            XCTFail("the service is shut down")
        } catch {
            XCTAssertEqual(error as? ThrottleError, .serviceShutDown)
        }
    }

    func testProfilesRunOnTheServiceClock() async throws {
        let clock = ManualClock()
        let service = ThrottleService(clock: clock)
        try service.registerProfile(
            ScalingProfile(
                name: "recover",
                steps: [.init(after: .zero, action: .set(dop: 2)), .init(after: .seconds(30), action: .set(dop: 4))]))
        let throttle = try service.makeThrottle(ThrottleConfig(name: "p", dop: 4, hold: .zero))
        try throttle.startProfile(named: "recover")
        XCTAssertEqual(try throttle.snapshot().ceiling, 2)
        XCTAssertEqual(try throttle.snapshot().activeProfile, "recover")
        await eventually { clock.sleeperCount == 1 }
        clock.advance(by: .seconds(29))
        XCTAssertEqual(try throttle.snapshot().ceiling, 2, "not yet due")
        clock.advance(by: .seconds(1))
        try await eventually { try throttle.snapshot().ceiling == 4 }
        XCTAssertNil(try throttle.snapshot().activeProfile)
        XCTAssertThrowsError(try throttle.startProfile(named: "nope")) {
            XCTAssertEqual($0 as? ThrottleError, .unknownProfile(name: "nope"))
        }
    }

    func testLoggingAtSeedLevelNoneBuildsNothingAndAlertLogsChanges() async throws {
        let silent = CapturingLogger(level: SeedLogLevel.none.threshold)
        let quiet = ThrottleService(logger: silent)
        let throttle = try quiet.makeThrottle(ThrottleConfig(name: "q", dop: 4, hold: .zero))
        try throttle.down()
        XCTAssertEqual(silent.messages, [])

        let alerts = CapturingLogger(level: SeedLogLevel.alert.threshold)
        let loud = ThrottleService(logger: alerts)
        let other = try loud.makeThrottle(ThrottleConfig(name: "l", dop: 4, hold: .seconds(30)))
        try other.down()
        try other.down()
        XCTAssertEqual(alerts.messages, [#"down on "l": applied"#, #"down on "l": refused-hold"#])
    }
}
