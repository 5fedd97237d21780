/// Sees every decision of a service's core as it is made, for traces and invariant checks in tests.
///
/// The service calls ``observe(_:at:)`` once per command, under its lock, so calls arrive in exactly
/// the order the core decided them. Keep it quick, and never call back into the service from it.
/// With an observer attached the core also records ``ThrottleAction/stateChanged(_:)`` for every change.
public protocol ThrottleObserver: Sendable {
    /// Receives the decisions of one command, stamped with the service clock's time since its epoch.
    func observe(_ actions: [ThrottleAction], at instant: TimePoint)

    /// Learns the configuration of a throttle the service has just registered.
    ///
    /// Called under the service's lock, before the ``observe(_:at:)`` call that carries the registration's
    /// actions, so that a trace knows each throttle's bounds and hold before its first state change.
    /// The default implementation does nothing.
    func observeRegistration(of config: ThrottleConfig, as id: ThrottleID, at instant: TimePoint)
}

extension ThrottleObserver {
    /// Ignores the registration: observers that need only the decisions need not implement it.
    public func observeRegistration(of config: ThrottleConfig, as id: ThrottleID, at instant: TimePoint) {}
}
