/// Sees every decision of a service's core as it is made, for traces and invariant checks in tests.
///
/// The service calls ``observe(_:at:)`` once per command, under its lock, so calls arrive in exactly
/// the order the core decided them. Keep it quick, and never call back into the service from it.
/// With an observer attached the core also records ``ThrottleAction/stateChanged(_:)`` for every change.
public protocol ThrottleObserver: Sendable {
    /// Receives the decisions of one command, stamped with the service clock's time since its epoch.
    func observe(_ actions: [ThrottleAction], at instant: TimePoint)
}
