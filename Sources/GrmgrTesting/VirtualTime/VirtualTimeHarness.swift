public import Grmgr
internal import Synchronization

/// Runs a real `ThrottleService` and the code under test in virtual time: a ``VirtualClock`` that moves
/// only when the test says so, a ``ManualTaskExecutor`` that runs the tasks one job at a time on the
/// test's thread, and a ``TraceRecorder`` that keeps every decision of the service's core.
///
/// ```swift
/// let harness = VirtualTimeHarness()
/// let throttle = try harness.service.makeThrottle(named: "crawler", dop: 4)
/// let crawl = harness.spawn { try await crawler.crawl(pages, through: throttle, clock: harness.clock) }
/// harness.advance(by: .seconds(60))          // sleepers resume exactly at their deadlines
/// let pagesFetched = try await crawl.value   // fails, rather than hangs, if the crawl is not finished
/// XCTAssertThrottleInvariants(harness.trace)
/// ```
///
/// Everything that happens is decided by the order of jobs and deadlines, never by real time, so the same
/// test gives the same ``trace`` on every run. Nothing waits in real time and nothing yields in a loop: the
/// harness resumes due sleepers itself and drains the executor until every task is suspended again.
///
/// The code under test must take its clock as a parameter (a `some Clock<Duration>`), so that the test
/// can pass ``clock``, and must run on ``executor``: start it with ``spawn(_:)``, and prefer structured
/// concurrency inside it (see ``ManualTaskExecutor`` for which tasks inherit the executor). Drive the
/// harness (``advance(by:)``, ``advance(to:)``, ``runUntilIdle()``) from the test body only.
public final class VirtualTimeHarness: Sendable {
    /// The virtual clock of the service and of the code under test.
    public let clock: VirtualClock
    /// The executor that runs the spawned tasks and the service's profile timers.
    public let executor: ManualTaskExecutor
    /// The observer that records the service's decisions.
    public let recorder: TraceRecorder
    /// The service under test, created at the clock's start, so its trace instants are the clock's.
    public let service: ThrottleService<VirtualClock>
    private let driving = Atomic(false)

    /// Creates a clock at its start, an executor, a recorder and a service that uses all three.
    ///
    /// - Parameter logger: The service's logger; `nil` logs nothing.
    public init(logger: (any ThrottleLogger)? = nil) {
        clock = VirtualClock()
        executor = ManualTaskExecutor()
        recorder = TraceRecorder()
        service = ThrottleService(clock: clock, logger: logger, observer: recorder, timerExecutor: executor)
    }

    /// The current virtual instant.
    public var now: VirtualClock.Instant { clock.now }

    /// Everything the service's core decided so far; its instants are those of ``clock``.
    public var trace: ThrottleTrace { recorder.trace }

    /// Starts `operation` in a task on ``executor``; it runs when the test drives the harness.
    ///
    /// - Returns: A handle whose ``VirtualTask/value`` returns the result once the task has finished.
    @discardableResult
    public func spawn<Success: Sendable>(
        _ operation: sending @escaping () async throws -> Success
    ) -> VirtualTask<Success> {
        let finished = FinishFlag()
        let task = Task<Success, any Error>(executorPreference: executor) {
            defer { finished.set() }
            return try await operation()
        }
        return VirtualTask(task: task, finished: finished, harness: self)
    }

    /// Runs every job that can run without moving the clock, including sleepers whose deadline is now,
    /// until every task is suspended or finished.
    public func runUntilIdle() {
        drive { drainAtNow() }
    }

    /// Moves the clock forward by `duration`; see ``advance(to:)``.
    public func advance(by duration: Duration) {
        advance(to: clock.now.advanced(by: duration))
    }

    /// Moves the clock forward to `deadline`, stopping at each sleeper's deadline on the way.
    ///
    /// At each deadline the clock is set *before* the sleepers due then are resumed (in the order they
    /// went to sleep), and their tasks run until idle before the clock moves on; work they schedule
    /// before `deadline` runs at its own instant. A `deadline` in the past leaves the clock where it is.
    public func advance(to deadline: VirtualClock.Instant) {
        drive {
            drainAtNow()
            while let due = clock.takeEarliestDue(notAfter: deadline) {
                for continuation in due { continuation.resume() }
                drainAtNow()
            }
            clock.moveForward(to: deadline)
            drainAtNow()
        }
    }

    // MARK: Driving

    private func drive(_ body: () -> Void) {
        let (exchanged, _) = driving.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing)
        precondition(exchanged, "VirtualTimeHarness driven from one of its own tasks: drive it from the test body")
        defer { driving.store(false, ordering: .releasing) }
        body()
    }

    /// Runs jobs, and resumes sleepers due at the current instant, until neither is left.
    private func drainAtNow() {
        while true {
            executor.runUntilQueueIsEmpty()
            guard let due = clock.takeEarliestDue(notAfter: clock.now) else { return }
            for continuation in due { continuation.resume() }
        }
    }
}

/// Whether a spawned task has finished; set by the task itself as it returns or throws.
final class FinishFlag: Sendable {
    private let flag = Atomic(false)

    func set() { flag.store(true, ordering: .releasing) }

    var isSet: Bool { flag.load(ordering: .acquiring) }
}
