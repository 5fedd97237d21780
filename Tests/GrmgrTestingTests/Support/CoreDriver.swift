import Grmgr
import GrmgrTesting

/// Drives a `ThrottleCore` directly and records a trace of it, one entry per command, as a simulator does.
struct CoreDriver {
    var core = ThrottleCore(recordsStateChanges: true)
    var trace = ThrottleTrace()
    var now = TimePoint.zero
    /// What the last command decided (also when it decided nothing).
    private(set) var lastActions: [ThrottleAction] = []

    mutating func register(_ config: ThrottleConfig) throws -> ThrottleID {
        let id = try core.register(config)
        trace.register(config, as: id, at: now)
        flush()
        return id
    }

    /// Runs one command at the current instant and records what it decided.
    @discardableResult
    mutating func run<Result>(_ command: (inout ThrottleCore) throws -> Result) rethrows -> Result {
        defer { flush() }
        return try command(&core)
    }

    mutating func ask(_ id: ThrottleID) throws -> ThrottleCore.AskResult { try run { try $0.ask(id) } }
    mutating func done(_ id: ThrottleID) throws { try run { try $0.done(id) } }

    @discardableResult
    mutating func scale(_ id: ThrottleID, _ action: ScalingAction) throws -> ScalingOutcome {
        let now = self.now
        return try run { try $0.scale(id, action, at: now) }
    }

    mutating func advance(seconds: Int64) { now = now + .seconds(seconds) }

    private mutating func flush() {
        lastActions = core.actions
        trace.append(core.actions, at: now)
        core.removeAllActions()
    }
}

extension StateChange {
    /// A state change with its numbers in the order dop.csv writes them.
    static func of(
        _ id: ThrottleID, _ cause: StateChangeCause, ceiling: Int, running: Int, waiting: Int
    ) -> ThrottleAction {
        .stateChanged(StateChange(throttle: id, cause: cause, ceiling: ceiling, running: running, waiting: waiting))
    }
}
