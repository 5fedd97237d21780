/// A misuse of a throttle or of the service, reported instead of corrupting the throttle's state.
public enum ThrottleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `done()` was called while none of the throttle's tasks was running.
    case doneWithoutControl(throttle: String)
    /// The throttle was deleted; only `done()` for tasks that were already running is accepted.
    case deleted(throttle: String)
    /// The identifier names no registered throttle (it was deleted and its slot reused or freed).
    case unknownThrottleID(ThrottleID)
    /// No live throttle has this name.
    case unknownThrottle(name: String)
    /// A live throttle already has this name; names are unique among live throttles.
    case duplicateName(String)
    /// No profile has this name.
    case unknownProfile(name: String)
    /// A profile with this name is already registered.
    case duplicateProfile(name: String)
    /// The configuration of a throttle or profile is invalid.
    case invalidConfiguration(ThrottleConfigError)
    /// The service was shut down; nothing more is granted.
    case serviceShutDown

    /// A sentence that names the throttle and what was wrong.
    public var description: String {
        switch self {
        case .doneWithoutControl(let name):
            return "done() on throttle \"\(name)\" with no task running: each done() must pair with a granted control()"
        case .deleted(let name):
            return "throttle \"\(name)\" was deleted"
        case .unknownThrottleID(let id):
            return "no throttle with identifier \(id): it was deleted"
        case .unknownThrottle(let name):
            return "no throttle named \"\(name)\" is registered"
        case .duplicateName(let name):
            return "a throttle named \"\(name)\" is already registered: names must be unique"
        case .unknownProfile(let name):
            return "no profile named \"\(name)\" is registered"
        case .duplicateProfile(let name):
            return "a profile named \"\(name)\" is already registered: names must be unique"
        case .invalidConfiguration(let error):
            return error.description
        case .serviceShutDown:
            return "the throttle service was shut down"
        }
    }
}
