import Grmgr

/// A workload parameter that cannot be simulated: which one, its value, and what was expected.
///
/// The scenario loader prefixes the file and the key path of the throttle, so that the message reads in
/// full like `scenario.json5: throttles[0].duration: invalid sigma -1: expected a number >= 0`.
public struct WorkloadError: Error, CustomStringConvertible, Hashable, Sendable {
    /// The parameter's path inside the spec, such as `"sigma"`, `"schedule[2].at"` or `"interval.mu"`.
    public var parameter: String
    /// The offending value as written in messages, such as `"-1"` or `"-5s"`.
    public var value: String
    /// What the parameter must be, such as `"a number >= 0"`.
    public var expected: String

    /// Creates an error for `parameter`, whose `value` is not what was `expected`.
    public init(parameter: String, value: String, expected: String) {
        self.parameter = parameter
        self.value = value
        self.expected = expected
    }

    /// `invalid <parameter> <value>: expected <expected>`.
    public var description: String {
        "invalid \(parameter) \(value): expected \(expected)"
    }

    /// The same error one level deeper, with `prefix` in front of the parameter: `interval` + `sigma`
    /// gives `interval.sigma`.
    func nested(in prefix: String) -> WorkloadError {
        WorkloadError(parameter: "\(prefix).\(parameter)", value: value, expected: expected)
    }
}

extension WorkloadError {
    /// An error whose value is a number, written without a trailing `.0` when it is whole.
    init(parameter: String, number: Double, expected: String) {
        self.init(parameter: parameter, value: Self.text(number), expected: expected)
    }

    /// An error whose value is a span of time, written in Go duration syntax.
    init(parameter: String, time: TimeAmount, expected: String) {
        self.init(parameter: parameter, value: time.goSyntax, expected: expected)
    }

    /// `-1` rather than `-1.0`, so that the message repeats what the scenario file most likely says.
    static func text(_ number: Double) -> String {
        if number.isFinite, number == number.rounded(), number.magnitude < 1e15 {
            return String(Int64(number))
        }
        return "\(number)"
    }
}
