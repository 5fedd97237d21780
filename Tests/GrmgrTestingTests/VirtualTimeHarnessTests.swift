import Grmgr
import GrmgrTesting
import XCTest

final class VirtualTimeHarnessTests: XCTestCase {
    func testSleepersResumeAtTheirDeadlinesEarliestFirstAndInSchedulingOrderWithinAnInstant() {
        let harness = VirtualTimeHarness()
        let clock = harness.clock
        let resumed = Recorded<String>()
        // Scheduled in this order: a sleeps 3s, b 1s, c 1s, d 2s.
        for (name, seconds) in [("a", 3), ("b", 1), ("c", 1), ("d", 2)] {
            harness.spawn {
                try await Task.sleep(for: .seconds(seconds), clock: clock)
                resumed.append("\(name)@\(clock.now)")
            }
        }
        harness.runUntilIdle()
        XCTAssertEqual(clock.sleeperCount, 4)
        XCTAssertEqual(clock.nextDeadline, .seconds(1))
        harness.advance(by: .seconds(5))
        // Expected: b and c at 1s (b went to sleep first), then d at 2s, then a at 3s.
        XCTAssertEqual(resumed.all, ["b@1.000000000s", "c@1.000000000s", "d@2.000000000s", "a@3.000000000s"])
        XCTAssertEqual(harness.now, .seconds(5))
        XCTAssertEqual(clock.sleeperCount, 0)
    }

    func testWorkScheduledDuringAnAdvanceRunsAtItsOwnInstant() {
        let harness = VirtualTimeHarness()
        let clock = harness.clock
        let ticks = Recorded<String>()
        harness.spawn {
            for _ in 0..<3 {
                try await clock.sleep(for: .milliseconds(1_500))
                ticks.append("\(clock.now)")
            }
        }
        harness.advance(by: .seconds(10))
        XCTAssertEqual(ticks.all, ["1.500000000s", "3.000000000s", "4.500000000s"])
        XCTAssertEqual(harness.now, .seconds(10))
    }

    func testRunUntilIdleRunsReadyWorkWithoutMovingTheClock() {
        let harness = VirtualTimeHarness()
        let steps = Recorded<Int>()
        harness.spawn {
            steps.append(1)
            try await harness.clock.sleep(for: .seconds(1))
            steps.append(2)
        }
        XCTAssertEqual(steps.all, [], "nothing runs before the test drives the harness")
        harness.runUntilIdle()
        XCTAssertEqual(steps.all, [1])
        XCTAssertEqual(harness.now, .zero)
        harness.advance(to: .seconds(1))
        XCTAssertEqual(steps.all, [1, 2])
    }

    func testAdvancingToAnEarlierInstantLeavesTheClockWhereItIs() {
        let harness = VirtualTimeHarness()
        harness.advance(by: .seconds(5))
        harness.advance(to: .seconds(2))
        XCTAssertEqual(harness.now, .seconds(5))
    }

    func testASleepWhoseDeadlineHasComeReturnsAtOnce() async throws {
        let harness = VirtualTimeHarness()
        harness.advance(by: .seconds(3))
        let sleeper = harness.spawn {
            try await harness.clock.sleep(until: .seconds(1))
            return harness.clock.now
        }
        let woke = try await sleeper.value
        XCTAssertEqual(woke, .seconds(3))
    }

    func testCancellingASleepingTaskEndsItsSleepWithCancellationError() async throws {
        let harness = VirtualTimeHarness()
        let sleeper = harness.spawn { try await Task.sleep(for: .seconds(60), clock: harness.clock) }
        harness.runUntilIdle()
        XCTAssertEqual(harness.clock.sleeperCount, 1)
        sleeper.cancel()
        do {
            try await sleeper.value
            XCTFail("the sleep must throw")
        } catch {
            XCTAssertTrue(error is CancellationError, "\(error)")
        }
        XCTAssertEqual(harness.clock.sleeperCount, 0)
        XCTAssertEqual(harness.now, .zero)
    }

    func testTheValueOfAnUnfinishedTaskThrowsInsteadOfHanging() async throws {
        let harness = VirtualTimeHarness()
        let sleeper = harness.spawn { try await Task.sleep(for: .seconds(60), clock: harness.clock) }
        do {
            try await sleeper.value
            XCTFail("the task has not finished")
        } catch let error as VirtualTimeError {
            XCTAssertEqual(
                error.description,
                "the task has not finished at 0.000000000s (1 sleeper(s), the next due at 60.000000000s); "
                    + "advance the clock")
        }
        XCTAssertFalse(sleeper.isFinished)
        harness.advance(by: .seconds(60))
        XCTAssertTrue(sleeper.isFinished)
        try await sleeper.value
    }

    func testWaitersOfTheRealServiceAreGrantedInFIFOOrderInVirtualTime() async throws {
        let harness = VirtualTimeHarness()
        let throttle = try harness.service.makeThrottle(named: "fifo", dop: 1)
        let clock = harness.clock
        let starts = Recorded<String>()
        for index in 0..<5 {
            harness.spawn {
                try await throttle.withControl {
                    starts.append("\(index)@\(clock.now)")
                    try await Task.sleep(for: .seconds(1), clock: clock)
                }
            }
        }
        harness.advance(by: .seconds(10))
        XCTAssertEqual(
            starts.all,
            ["0@0.000000000s", "1@1.000000000s", "2@2.000000000s", "3@3.000000000s", "4@4.000000000s"])
        XCTAssertThrottleInvariants(harness.trace)
        XCTAssertWait(harness.trace, of: "fifo", quantile: 1, atMost: .seconds(4))
    }

    func testProfileTimersOfTheServiceFireExactlyAtTheirSteps() throws {
        let harness = VirtualTimeHarness()
        let throttle = try harness.service.makeThrottle(ThrottleConfig(name: "crawler", dop: 4, hold: .zero))
        try harness.service.registerProfile(
            ScalingProfile(
                name: "recover",
                steps: [
                    .init(after: .seconds(10), action: .up()), .init(after: .seconds(20), action: .up()),
                    .init(after: .seconds(30), action: .up()),
                ]))
        harness.advance(by: .seconds(5))
        try throttle.setDop(1)
        try throttle.startProfile(named: "recover")
        harness.advance(by: .seconds(60))
        let ups = harness.trace.entries.filter { entry in
            entry.actions.contains { action in
                if case .scaled(let record) = action { return record.action == .up() }
                return false
            }
        }
        XCTAssertEqual(ups.map(\.instant), [.seconds(15), .seconds(25), .seconds(35)])
        XCTAssertEqual(try throttle.snapshot().ceiling, 4)
        XCTAssertDop(harness.trace, of: "crawler", reaches: 4, within: .seconds(30), after: .seconds(5))
    }

    func testTheSameTestRunTwiceGivesTheSameTrace() async throws {
        let first = try await Self.busyScenario()
        let second = try await Self.busyScenario()
        XCTAssertEqual(first, second)
        XCTAssertGreaterThan(first.entries.count, 50)
        XCTAssertThrottleInvariants(first)
    }

    func testChildTasksAndActorsRunOnTheManualExecutorButUnstructuredTasksDoNot() async throws {
        let harness = VirtualTimeHarness()
        let executor = harness.executor
        let placement = Recorded<String>()
        let counter = Counter()
        let escaped = harness.spawn {
            func onManual() -> Bool {
                withUnsafeCurrentTask { $0?.unownedTaskExecutor == executor.asUnownedTaskExecutor() }
            }
            placement.append("spawned \(onManual())")
            await withDiscardingTaskGroup { group in
                group.addTask { placement.append("task-group child \(onManual())") }
            }
            async let child = onManual()
            placement.append("async let \(await child)")
            placement.append("actor \(await counter.increment())")
            return Task { onManual() }
        }
        XCTAssertEqual(placement.all, [])
        harness.runUntilIdle()
        XCTAssertEqual(placement.all, ["spawned true", "task-group child true", "async let true", "actor 1"])
        let unstructured = try await escaped.value
        let ranOnManualExecutor = await unstructured.value
        XCTAssertFalse(ranOnManualExecutor, "an unstructured Task does not inherit the executor preference")
    }

    /// Eight workers share a throttle of 3 for 40 jobs of varied lengths; an overload steps it down at
    /// 5s and a profile brings it back; one worker is cancelled midway.
    private static func busyScenario() async throws -> ThrottleTrace {
        let harness = VirtualTimeHarness()
        let clock = harness.clock
        let throttle = try harness.service.makeThrottle(ThrottleConfig(name: "busy", dop: 3, hold: .seconds(2)))
        try harness.service.registerProfile(
            ScalingProfile(
                name: "back",
                steps: [.init(after: .seconds(3), action: .up()), .init(after: .seconds(6), action: .up())]))
        var workers: [VirtualTask<Void>] = []
        for worker in 0..<8 {
            workers.append(
                harness.spawn {
                    for job in 0..<5 {
                        try await throttle.withControl {
                            try await Task.sleep(for: .milliseconds(300 * ((worker + job) % 4 + 1)), clock: clock)
                        }
                    }
                })
        }
        harness.advance(by: .seconds(5))
        try throttle.down()
        try throttle.startProfile(named: "back")
        workers[7].cancel()
        harness.advance(by: .seconds(60))
        for worker in workers.prefix(7) { try await worker.value }
        return harness.trace
    }
}

private actor Counter {
    var count = 0

    func increment() -> Int {
        count += 1
        return count
    }
}
