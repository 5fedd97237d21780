/// One change to a throttle's ceiling.
public enum ScalingAction: Hashable, Sendable, CustomStringConvertible {
    /// Raise the ceiling by `amount`, or by the throttle's configured `up` step when `nil`. Subject to hold.
    case up(by: Int? = nil)
    /// Lower the ceiling by `amount`, or by the throttle's configured `down` step when `nil`. Subject to hold.
    case down(by: Int? = nil)
    /// Set the ceiling to this value at once, clamped to `[min, max]`; bypasses the hold and starts a new one.
    case set(dop: Int)
    /// Set the ceiling to this percentage of `max` (rounded down, clamped); like ``set(dop:)`` otherwise.
    case percent(Int)
    /// Run the named ``ScalingProfile``, replacing any profile the throttle is running.
    case profile(String)

    /// The action as events.csv writes it: `up`, `down 2`, `set 5`, `percent 50`, `profile gentle-recovery`.
    public var description: String {
        switch self {
        case .up(nil): return "up"
        case .up(let amount?): return "up \(amount)"
        case .down(nil): return "down"
        case .down(let amount?): return "down \(amount)"
        case .set(let dop): return "set \(dop)"
        case .percent(let percent): return "percent \(percent)"
        case .profile(let name): return "profile \(name)"
        }
    }

    /// Whether the action is an up/down request, which the hold can refuse.
    public var isStep: Bool {
        switch self {
        case .up, .down: return true
        case .set, .percent, .profile: return false
        }
    }
}

/// A scaling request from outside: for one throttle by name, or for every throttle when `throttle` is `nil`.
///
/// This is what a monitor sends (the Go original's scaling channels), what a scenario's `events` list
/// holds, and what `ThrottleService.send(_:)` accepts.
public struct ScalingEvent: Hashable, Sendable {
    /// The throttle's name, or `nil` for every live throttle.
    public var throttle: String?
    /// What to do.
    public var action: ScalingAction

    /// Creates an event.
    public init(throttle: String? = nil, action: ScalingAction) {
        self.throttle = throttle
        self.action = action
    }
}

/// A named list of timed steps, each run at a fixed offset after the event that starts the profile.
///
/// A newer scaling event for the same throttle cancels the rest of a running profile.
public struct ScalingProfile: Hashable, Sendable {
    /// One timed step of a profile.
    public struct Step: Hashable, Sendable {
        /// The offset from the start of the profile.
        public var after: TimeAmount
        /// The action: `up`, `down`, `set` or `percent` (a profile cannot start another profile).
        public var action: ScalingAction

        /// Creates a step.
        public init(after: TimeAmount, action: ScalingAction) {
            self.after = after
            self.action = action
        }
    }

    /// The name that events refer to.
    public var name: String
    /// The steps, in order of their offsets.
    public var steps: [Step]

    /// Creates and validates a profile.
    ///
    /// - Throws: ``ThrottleConfigError`` when the name is empty, there are no steps, an offset is
    ///   negative or smaller than the one before, or a step starts a profile.
    public init(name: String, steps: [Step]) throws(ThrottleConfigError) {
        self.name = name
        self.steps = steps
        try validate()
    }

    /// Checks the profile; see ``init(name:steps:)``.
    public func validate() throws(ThrottleConfigError) {
        func fail(_ field: ThrottleConfigError.Field, _ value: String, _ expected: String) -> ThrottleConfigError {
            ThrottleConfigError(throttle: name, field: field, value: value, expected: expected)
        }
        if name.isEmpty { throw fail(.name, "\"\"", "a non-empty profile name") }
        if steps.isEmpty { throw fail(.steps, "[]", "at least one step") }
        var previous = TimeAmount.zero
        for (index, step) in steps.enumerated() {
            if step.after < previous {
                throw fail(
                    .steps, "[\(index)].after \(step.after.goSyntax)",
                    "offsets of at least \(previous.goSyntax), in order")
            }
            if case .profile = step.action {
                throw fail(.steps, "[\(index)] \(step.action)", "up, down, set or percent")
            }
            previous = step.after
        }
    }
}

/// What became of one scaling request on one throttle.
public enum ScalingOutcome: String, Hashable, Sendable, CaseIterable {
    /// The ceiling changed as asked.
    case applied
    /// The ceiling changed, but less than asked: it hit `min` or `max`.
    case clamped
    /// Nothing changed: the ceiling was already at the bound, or the step is 0.
    case unchanged
    /// Refused: the throttle is within its hold period.
    case refusedHold = "refused-hold"
    /// A profile started; its steps are reported as they run.
    case profileStarted = "profile-started"
    /// A running profile was cancelled by a newer event; its remaining steps will not run.
    case profileCancelled = "profile-cancelled"

    /// Whether the ceiling changed.
    public var changedCeiling: Bool { self == .applied || self == .clamped }
}

/// Where a scaling request came from.
public enum ScalingOrigin: Hashable, Sendable {
    /// A direct call or an outside event.
    case request
    /// Step `step` of the named profile.
    case profileStep(profile: String, step: Int)
}

/// The record of one scaling request on one throttle, with the ceiling before and after: a row of events.csv.
public struct ScalingRecord: Hashable, Sendable {
    /// The throttle.
    public var throttle: ThrottleID
    /// The request.
    public var action: ScalingAction
    /// A direct request, or a profile's step.
    public var origin: ScalingOrigin
    /// What became of it.
    public var outcome: ScalingOutcome
    /// The ceiling before.
    public var ceilingBefore: Int
    /// The ceiling after.
    public var ceilingAfter: Int

    /// Whether ``ThrottleCounters/appliedChanges`` counts this decision: a change that moved the ceiling, or
    /// a `set`/`percent` even when it did not (it still starts a new hold).
    public var countsAsAppliedChange: Bool {
        outcome.changedCeiling || (outcome == .unchanged && !action.isStep)
    }

    /// Whether ``ThrottleCounters/refusedChanges`` counts this decision.
    public var countsAsRefusedChange: Bool { outcome == .refusedHold }

    /// Creates a record.
    public init(
        throttle: ThrottleID, action: ScalingAction, origin: ScalingOrigin, outcome: ScalingOutcome,
        ceilingBefore: Int, ceilingAfter: Int
    ) {
        self.throttle = throttle
        self.action = action
        self.origin = origin
        self.outcome = outcome
        self.ceilingBefore = ceilingBefore
        self.ceilingAfter = ceilingAfter
    }
}

/// A request to wake the core when a profile's next step is due; stale timers are ignored.
public struct ProfileTimer: Hashable, Sendable {
    /// The throttle running the profile.
    public let throttle: ThrottleID
    /// Which run of a profile on that throttle this timer belongs to.
    public let run: UInt64

    /// Creates a timer reference.
    public init(throttle: ThrottleID, run: UInt64) {
        self.throttle = throttle
        self.run = run
    }
}
