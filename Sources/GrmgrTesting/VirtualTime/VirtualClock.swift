public import Grmgr
internal import Synchronization

/// A `Clock` whose time moves only when a test moves it, through ``VirtualTimeHarness``.
///
/// `Task.sleep(for:clock:)` and `clock.sleep(until:)` suspend until the harness reaches the deadline, and
/// the harness resumes sleepers exactly at their deadlines, earliest first; sleepers with the same
/// deadline resume in the order they went to sleep. A deadline that has already come returns at once.
///
/// Its durations are Swift `Duration`s, as `ThrottleService` requires; its instants count whole
/// nanoseconds from the clock's start, like the core's `TimePoint`.
public final class VirtualClock: Clock {
    /// The standard `Duration`.
    public typealias Duration = Swift.Duration

    /// A point on a virtual clock: whole nanoseconds since the clock's start.
    public struct Instant: InstantProtocol, CustomStringConvertible {
        /// The standard `Duration`.
        public typealias Duration = Swift.Duration

        /// Nanoseconds since the clock's start.
        public var nanoseconds: Int64

        /// The instant `nanoseconds` after the clock's start.
        public init(nanoseconds: Int64) {
            self.nanoseconds = nanoseconds
        }

        /// The instant as far from the clock's start as `timePoint` is from the epoch.
        public init(_ timePoint: TimePoint) {
            self.nanoseconds = timePoint.nanoseconds
        }

        /// The clock's start.
        public static let zero = Instant(nanoseconds: 0)

        /// The instant `seconds` after the clock's start.
        public static func seconds(_ seconds: Int64) -> Instant {
            Instant(.seconds(seconds))
        }

        /// The instant `milliseconds` after the clock's start.
        public static func milliseconds(_ milliseconds: Int64) -> Instant {
            Instant(.milliseconds(milliseconds))
        }

        /// The same instant as a `TimePoint`: the instant a trace records for a service created at the
        /// clock's start, as ``VirtualTimeHarness`` creates its service.
        public var timePoint: TimePoint { TimePoint(nanoseconds: nanoseconds) }

        /// The instant `duration` later, to the nanosecond, saturated at the ends of time.
        public func advanced(by duration: Duration) -> Instant {
            Instant(timePoint + TimeAmount(duration))
        }

        /// The duration from this instant to `other`.
        public func duration(to other: Instant) -> Duration {
            (other.timePoint - timePoint).duration
        }

        /// Orders by nanoseconds.
        public static func < (lhs: Instant, rhs: Instant) -> Bool {
            lhs.nanoseconds < rhs.nanoseconds
        }

        /// Seconds since the clock's start with nine decimals: `12.500000000s`.
        public var description: String { timePoint.secondsText }
    }

    private enum Sleeper {
        /// Registered; its task has not suspended yet.
        case pending
        /// Suspended on this continuation.
        case suspended(UnsafeContinuation<Void, any Error>)
        /// Its deadline came before its task suspended: it resumes as soon as it does.
        case due
        /// Cancelled before its task suspended.
        case cancelled
    }

    private struct State {
        var now = Instant.zero
        /// The waiting sleepers by deadline, then by the order they went to sleep (their identifiers grow).
        var agenda: [(deadline: Instant, id: UInt64)] = []
        var sleepers: [UInt64: Sleeper] = [:]
        var nextSleeper: UInt64 = 0

        /// Adds a sleeper after every sleeper with an earlier or equal deadline.
        mutating func schedule(_ id: UInt64, at deadline: Instant) {
            var low = 0
            var high = agenda.count
            while low < high {
                let middle = (low + high) / 2
                if agenda[middle].deadline <= deadline { low = middle + 1 } else { high = middle }
            }
            agenda.insert((deadline, id), at: low)
        }

        mutating func unschedule(_ id: UInt64) {
            if let position = agenda.firstIndex(where: { $0.id == id }) { agenda.remove(at: position) }
        }
    }

    private let state = Mutex(State())

    /// Creates a clock at its start, ``Instant/zero``.
    public init() {}

    /// The current virtual instant.
    public var now: Instant {
        state.withLock { $0.now }
    }

    /// One nanosecond.
    public var minimumResolution: Duration { .nanoseconds(1) }

    /// The number of tasks sleeping on the clock.
    public var sleeperCount: Int {
        state.withLock { $0.agenda.count }
    }

    /// The earliest deadline of a sleeping task, if any.
    public var nextDeadline: Instant? {
        state.withLock { $0.agenda.first?.deadline }
    }

    /// Suspends until the harness brings the clock to `deadline`; returns at once when it has come.
    ///
    /// - Throws: `CancellationError` when the task is cancelled before or while it sleeps.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        let registered: UInt64? = state.withLock { state in
            guard deadline > state.now else { return nil }
            let id = state.nextSleeper
            state.nextSleeper += 1
            state.sleepers[id] = .pending
            state.schedule(id, at: deadline)
            return id
        }
        guard let id = registered else { return }
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
                let outcome: Result<Void, any Error>? = state.withLock { state in
                    switch state.sleepers[id] {
                    case .pending?:
                        state.sleepers[id] = .suspended(continuation)
                        return nil
                    case .cancelled?:
                        state.sleepers[id] = nil
                        return .failure(CancellationError())
                    case .due?, .suspended?, nil:
                        state.sleepers[id] = nil
                        return .success(())
                    }
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let continuation: UnsafeContinuation<Void, any Error>? = state.withLock { state in
                switch state.sleepers[id] {
                case .pending?:
                    state.sleepers[id] = .cancelled
                    state.unschedule(id)
                    return nil
                case .suspended(let continuation)?:
                    state.sleepers[id] = nil
                    state.unschedule(id)
                    return continuation
                case .due?, .cancelled?, nil:
                    return nil
                }
            }
            continuation?.resume(throwing: CancellationError())
        }
    }

    // MARK: Driving, for the harness

    /// Moves the clock to the earliest deadline at or before `limit` (never backwards) and takes the
    /// sleepers due then, in the order they went to sleep.
    ///
    /// - Returns: Their continuations, for the caller to resume outside the lock (empty when those tasks
    ///   have not suspended yet: they resume as soon as they do); `nil` when no sleeper is due by `limit`.
    func takeEarliestDue(notAfter limit: Instant) -> [UnsafeContinuation<Void, any Error>]? {
        state.withLock { state in
            guard let deadline = state.agenda.first?.deadline, deadline <= limit else { return nil }
            if deadline > state.now { state.now = deadline }
            let count = state.agenda.prefix { $0.deadline == deadline }.count
            var due: [UnsafeContinuation<Void, any Error>] = []
            for (_, id) in state.agenda.prefix(count) {
                switch state.sleepers[id] {
                case .suspended(let continuation)?:
                    state.sleepers[id] = nil
                    due.append(continuation)
                case .pending?:
                    state.sleepers[id] = .due
                case .due?, .cancelled?, nil:
                    break
                }
            }
            state.agenda.removeFirst(count)
            return due
        }
    }

    /// Moves the clock forward to `instant`; an earlier instant leaves it where it is.
    func moveForward(to instant: Instant) {
        state.withLock { state in
            if instant > state.now { state.now = instant }
        }
    }
}
