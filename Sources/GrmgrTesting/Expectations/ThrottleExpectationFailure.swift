/// An expectation about a trace that did not hold: what was expected, what the trace shows instead, and
/// any invariant violations behind it.
///
/// The throwing expectations of ``ThrottleTrace`` (``ThrottleTrace/expectInvariants(_:)`` and the others)
/// throw it; the XCTest and Swift Testing wrappers report its ``description`` at the caller's line.
public struct ThrottleExpectationFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was expected, such as `dop of "crawler" within 2...8 from 0.000000000s to 60.000000000s`.
    public var expectation: String
    /// What the trace shows instead.
    public var message: String
    /// The invariant violations found, for expectations that run the ``InvariantChecker``.
    public var violations: [InvariantViolation]

    /// Creates a failure.
    public init(expectation: String, message: String, violations: [InvariantViolation] = []) {
        self.expectation = expectation
        self.message = message
        self.violations = violations
    }

    /// `expected <expectation>: <message>`, then each violation's report.
    public var description: String {
        ([
            "expected \(expectation): \(message)"
        ] + violations.map(\.description)).joined(separator: "\n\n")
    }
}
