public import Grmgr

/// One breach of an ``Invariant``: which rule, when, on which throttle, what was wrong, and the trace
/// entries around it, so that a test log alone explains the failure.
public struct InvariantViolation: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rule that was broken.
    public var invariant: Invariant
    /// When it was broken.
    public var instant: TimePoint
    /// The throttle's name.
    public var throttle: String
    /// What was wrong, in a sentence with the numbers involved.
    public var message: String
    /// The index of the offending entry in ``ThrottleTrace/entries``, or `nil` for a check at the end.
    public var entryIndex: Int?
    /// The entries around the offending one that concern the same throttle, as printed lines.
    public var context: [String]

    /// Creates a violation.
    public init(
        invariant: Invariant, instant: TimePoint, throttle: String, message: String, entryIndex: Int?,
        context: [String] = []
    ) {
        self.invariant = invariant
        self.instant = instant
        self.throttle = throttle
        self.message = message
        self.entryIndex = entryIndex
        self.context = context
    }

    /// The report: a headline naming the invariant, instant and throttle, the message, then the context.
    ///
    /// ```
    /// invariant 3 (fifo: grants follow arrival order) violated at 2.000000000s on "crawler":
    ///   ticket 2 was granted while ticket 1 (queued at 1.000000000s) was still waiting
    ///   trace around entry #4:
    ///       #3 at 1.000000000s
    ///             queue "crawler" ceiling 1 running 1 waiting 2
    ///   --> #4 at 2.000000000s
    ///             done "crawler" ceiling 1 running 0 waiting 2
    ///             grant "crawler" ticket 2
    /// ```
    public var description: String {
        var lines = ["\(invariant) violated at \(instant.secondsText) on \"\(throttle)\":", "  " + message]
        if !context.isEmpty {
            lines.append(entryIndex.map { "  trace around entry #\($0):" } ?? "  end of the trace:")
            lines += context.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}
