/// Where a throttle's hold period counts from.
public enum HoldOrigin: String, Hashable, Sendable, CaseIterable {
    /// The hold counts from the last change that was applied (the corrected behaviour, the default).
    case appliedChange
    /// Every up or down request, applied or refused, restarts the hold: the Go original's behaviour,
    /// for replaying it (`holdFrom: "request"` in a scenario).
    case request
}

/// The settings of one throttle: its name, ceiling bounds, step sizes and hold.
///
/// The defaults are those of the Go original's `New(name, dop)`: down 2, up 1, min 1, hold 30s.
///
/// ```swift
/// let config = try ThrottleConfig(name: "data-propagation", dop: 20, down: 2, up: 1, min: 2, hold: "1m30s")
/// ```
public struct ThrottleConfig: Hashable, Sendable {
    /// The name, unique among the live throttles of a service.
    public var name: String
    /// The configured ceiling (`max`): the degree of parallelism the throttle starts at and never exceeds.
    public var dop: Int
    /// The floor for stepping down; 0 lets a throttle pause its component entirely.
    public var min: Int
    /// How much one `up()` raises the ceiling.
    public var up: Int
    /// How much one `down()` lowers the ceiling.
    public var down: Int
    /// After an applied change, further up/down requests are refused until this much time has passed.
    public var hold: TimeAmount
    /// Whether the hold counts from applied changes (default) or from every request (Go replay).
    public var holdOrigin: HoldOrigin

    /// Creates and validates a configuration.
    ///
    /// - Throws: ``ThrottleConfigError`` naming the first invalid field and its value.
    public init(
        name: String,
        dop: Int,
        down: Int = 2,
        up: Int = 1,
        min: Int = 1,
        hold: TimeAmount = .seconds(30),
        holdOrigin: HoldOrigin = .appliedChange
    ) throws(ThrottleConfigError) {
        self.name = name
        self.dop = dop
        self.down = down
        self.up = up
        self.min = min
        self.hold = hold
        self.holdOrigin = holdOrigin
        try validate()
    }

    /// Creates and validates a configuration with the hold as a Go duration string, like the Go
    /// original's `NewConfig(name, ceiling, down, up, min, hold)`.
    ///
    /// - Throws: ``ThrottleConfigError`` naming the first invalid field and its value; a hold that is
    ///   not a Go duration (`"5 seconds"`, `""`) or is negative is reported as the `hold` field.
    public init(
        name: String,
        dop: Int,
        down: Int,
        up: Int,
        min: Int,
        hold: String,
        holdOrigin: HoldOrigin = .appliedChange
    ) throws(ThrottleConfigError) {
        let amount: TimeAmount
        do {
            amount = try TimeAmount(goSyntax: hold)
        } catch {
            throw ThrottleConfigError(
                throttle: name, field: .hold, value: "\"\(hold)\"", expected: "a Go duration such as \"30s\" (\(error))"
            )
        }
        try self.init(name: name, dop: dop, down: down, up: up, min: min, hold: amount, holdOrigin: holdOrigin)
    }

    /// Checks every field; the fields are public and may have been changed after creation.
    ///
    /// - Throws: ``ThrottleConfigError`` for the first invalid field, in declaration order.
    public func validate() throws(ThrottleConfigError) {
        func fail(_ field: ThrottleConfigError.Field, _ value: String, _ expected: String) -> ThrottleConfigError {
            ThrottleConfigError(throttle: name, field: field, value: value, expected: expected)
        }
        if name.isEmpty { throw fail(.name, "\"\"", "a non-empty name") }
        if dop < 1 { throw fail(.dop, "\(dop)", "at least 1") }
        if min < 0 { throw fail(.min, "\(min)", "at least 0") }
        if min > dop { throw fail(.min, "\(min)", "at most dop (\(dop))") }
        if up < 0 { throw fail(.up, "\(up)", "at least 0") }
        if down < 0 { throw fail(.down, "\(down)", "at least 0") }
        if hold < .zero { throw fail(.hold, hold.goSyntax, "a duration of at least 0s") }
    }
}

/// An invalid field of a ``ThrottleConfig``: which throttle, which field, the value and what was expected.
public struct ThrottleConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The fields of a throttle configuration.
    public enum Field: String, Hashable, Sendable, CaseIterable {
        /// ``ThrottleConfig/name``.
        case name
        /// ``ThrottleConfig/dop`` (the ceiling, `max`).
        case dop
        /// ``ThrottleConfig/min``.
        case min
        /// ``ThrottleConfig/up``.
        case up
        /// ``ThrottleConfig/down``.
        case down
        /// ``ThrottleConfig/hold``.
        case hold
        /// A profile's steps (for ``ScalingProfile`` validation).
        case steps
    }

    /// The throttle (or profile) whose configuration is invalid.
    public var throttle: String
    /// The invalid field.
    public var field: Field
    /// The offending value, as written.
    public var value: String
    /// What the field must be.
    public var expected: String

    /// Creates an error.
    public init(throttle: String, field: Field, value: String, expected: String) {
        self.throttle = throttle
        self.field = field
        self.value = value
        self.expected = expected
    }

    /// `invalid min 5 for "crawler": expected at most dop (3)`.
    public var description: String {
        "invalid \(field.rawValue) \(value) for \"\(throttle)\": expected \(expected)"
    }
}
