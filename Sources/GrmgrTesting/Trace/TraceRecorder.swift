public import Grmgr
internal import Synchronization

/// A `ThrottleObserver` that keeps everything a `ThrottleService` decides as a ``ThrottleTrace``.
///
/// Attach it when creating the service; the core then records a state change for every change, and the
/// recorder keeps the configuration of every throttle the service registers.
///
/// ```swift
/// let recorder = TraceRecorder()
/// let service = ThrottleService(clock: clock, observer: recorder)
/// // … run the code under test …
/// XCTAssertThrottleInvariants(recorder.trace)
/// ```
///
/// The service calls the recorder under its own lock, so entries are in the order the core decided them
/// even when many tasks use the service at once.
public final class TraceRecorder: ThrottleObserver {
    private let recorded = Mutex(ThrottleTrace())

    /// Creates an empty recorder.
    public init() {}

    /// Appends the decisions of one command.
    public func observe(_ actions: [ThrottleAction], at instant: TimePoint) {
        recorded.withLock { $0.append(actions, at: instant) }
    }

    /// Keeps the configuration of a newly registered throttle.
    public func observeRegistration(of config: ThrottleConfig, as id: ThrottleID, at instant: TimePoint) {
        recorded.withLock { $0.register(config, as: id, at: instant) }
    }

    /// A copy of everything recorded so far.
    public var trace: ThrottleTrace {
        recorded.withLock { $0 }
    }
}
