internal import Synchronization

/// The clock side of the real-time service, without the clock's type: the instant now, and timers
/// that call back into the registry. Keeps ``Throttle`` and the registry non-generic.
protocol ThrottleTiming: Sendable {
    /// Time since the service's epoch.
    func now() -> TimePoint
    /// Calls `fire` once `deadline` has come, unless cancelled first.
    func schedule(at deadline: TimePoint, _ fire: @escaping @Sendable () -> Void)
    /// Cancels every pending timer (at shutdown).
    func cancelAll()
}

/// ``ThrottleTiming`` on any `Clock` whose durations are Swift `Duration`s.
final class ClockTiming<C: Clock>: ThrottleTiming where C.Duration == Duration {
    let clock: C
    let epoch: C.Instant
    let executor: (any TaskExecutor)?
    private let pending = Mutex<(next: Int, tasks: [Int: Task<Void, Never>], cancelled: Bool)>((0, [:], false))

    init(clock: C, executor: (any TaskExecutor)?) {
        self.clock = clock
        self.epoch = clock.now
        self.executor = executor
    }

    func now() -> TimePoint {
        TimePoint(nanoseconds: TimeAmount(epoch.duration(to: clock.now)).nanoseconds)
    }

    func schedule(at deadline: TimePoint, _ fire: @escaping @Sendable () -> Void) {
        let instant = epoch.advanced(by: deadline.sinceEpoch.duration)
        let clock = self.clock
        pending.withLock { pending in
            guard !pending.cancelled else { return }
            let key = pending.next
            pending.next += 1
            pending.tasks[key] = Task(executorPreference: executor) { [weak self] in
                do {
                    try await clock.sleep(until: instant, tolerance: nil)
                } catch {
                    return  // Cancelled at shutdown.
                }
                _ = self?.pending.withLock { $0.tasks.removeValue(forKey: key) }
                fire()
            }
        }
    }

    func cancelAll() {
        let tasks = pending.withLock { pending in
            pending.cancelled = true
            defer { pending.tasks = [:] }
            return Array(pending.tasks.values)
        }
        for task in tasks { task.cancel() }
    }
}
