/// What changed a throttle's state; the `cause` column of dop.csv.
public enum StateChangeCause: String, Hashable, Sendable, CaseIterable {
    /// The throttle was registered.
    case registered = "register"
    /// `control()` was granted at once.
    case granted = "grant"
    /// `control()` joined the queue.
    case queued = "queue"
    /// A queued waiter was granted.
    case grantedWaiter = "grant-waiter"
    /// `done()` released a slot.
    case released = "done"
    /// A queued waiter was cancelled and left the queue.
    case cancelled = "cancel"
    /// A queued waiter was failed (delete or shutdown).
    case failed = "fail"
    /// The ceiling changed.
    case scaled = "scale"
    /// The throttle was deleted.
    case deleted = "delete"
}

/// A throttle's state right after one change: a row of dop.csv.
public struct StateChange: Hashable, Sendable {
    /// The throttle.
    public var throttle: ThrottleID
    /// What changed it.
    public var cause: StateChangeCause
    /// The ceiling after the change.
    public var ceiling: Int
    /// Tasks granted and not yet done, after the change.
    public var running: Int
    /// Callers queued, after the change.
    public var waiting: Int

    /// Creates a record.
    public init(throttle: ThrottleID, cause: StateChangeCause, ceiling: Int, running: Int, waiting: Int) {
        self.throttle = throttle
        self.cause = cause
        self.ceiling = ceiling
        self.running = running
        self.waiting = waiting
    }
}

/// A decision of the ``ThrottleCore`` for its driver to carry out.
///
/// The core is pure: it never resumes a continuation, sleeps, or writes a file. Each command appends
/// its decisions to ``ThrottleCore/actions``, and the driver carries them out (after releasing its lock,
/// in the real-time service) and clears the list.
public enum ThrottleAction: Hashable, Sendable {
    /// Let this waiter run: its `control()` returns.
    case grant(Waiter)
    /// Fail this waiter's `control()` with the error.
    case fail(Waiter, ThrottleError)
    /// Call ``ThrottleCore/timerFired(_:at:)`` with this timer at this instant.
    case scheduleTimer(ProfileTimer, at: TimePoint)
    /// A throttle's state changed (only when ``ThrottleCore/recordsStateChanges`` is on).
    case stateChanged(StateChange)
    /// A scaling request was decided.
    case scaled(ScalingRecord)
    /// Nothing of this throttle is running or waiting any more: resume its `wait()` callers.
    case becameIdle(ThrottleID)
    /// A message for the logger (only at or above ``ThrottleCore/logThreshold``).
    case log(LogRecord)
}
