public import Grmgr
public import Testing

// The Swift Testing forms of the expectations of `ThrottleTrace`: each runs the throwing expectation and
// records its failure as an `Issue` at the caller's source location. Like `#expect`, they do not stop the test.

/// Expects every invariant of DESIGN.md to hold over the trace; see ``ThrottleTrace/expectInvariants(_:)``.
///
/// - Returns: Whether the expectation held.
@discardableResult
public func expectThrottleInvariants(
    _ trace: ThrottleTrace, _ checker: InvariantChecker = InvariantChecker(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    recordIssue(sourceLocation) { () throws(ThrottleExpectationFailure) in try trace.expectInvariants(checker) }
}

/// Expects a throttle's dop to stay within `range` during an interval; see
/// ``ThrottleTrace/expectDop(of:staysWithin:during:)``.
///
/// - Returns: Whether the expectation held.
@discardableResult
public func expectDop(
    _ trace: ThrottleTrace, of name: String, staysWithin range: ClosedRange<Int>,
    during interval: ClosedRange<TimePoint>? = nil, sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    recordIssue(sourceLocation) { () throws(ThrottleExpectationFailure) in
        try trace.expectDop(of: name, staysWithin: range, during: interval)
    }
}

/// Expects a throttle's dop to reach `value` within `limit` after `instant`; see
/// ``ThrottleTrace/expectDop(of:reaches:within:after:)``.
///
/// - Returns: Whether the expectation held.
@discardableResult
public func expectDop(
    _ trace: ThrottleTrace, of name: String, reaches value: Int, within limit: TimeAmount, after instant: TimePoint,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    recordIssue(sourceLocation) { () throws(ThrottleExpectationFailure) in
        try trace.expectDop(of: name, reaches: value, within: limit, after: instant)
    }
}

/// Expects a throttle to recover to its `max` within `limit` of its last step down; see
/// ``ThrottleTrace/expectRecovery(of:toMaxWithin:)``.
///
/// - Returns: Whether the expectation held.
@discardableResult
public func expectRecovery(
    _ trace: ThrottleTrace, of name: String, toMaxWithin limit: TimeAmount,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    recordIssue(sourceLocation) { () throws(ThrottleExpectationFailure) in
        try trace.expectRecovery(of: name, toMaxWithin: limit)
    }
}

/// Expects a quantile of the tasks' waits to be at most `bound`; see
/// ``ThrottleTrace/expectWait(of:quantile:atMost:)``.
///
/// - Returns: Whether the expectation held.
@discardableResult
public func expectWait(
    _ trace: ThrottleTrace, of name: String? = nil, quantile: Double, atMost bound: TimeAmount,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    recordIssue(sourceLocation) { () throws(ThrottleExpectationFailure) in
        try trace.expectWait(of: name, quantile: quantile, atMost: bound)
    }
}

/// Expects at least `rate` tasks per second to be done during an interval; see
/// ``ThrottleTrace/expectThroughput(of:atLeast:during:)``.
///
/// - Returns: Whether the expectation held.
@discardableResult
public func expectThroughput(
    _ trace: ThrottleTrace, of name: String? = nil, atLeast rate: Double,
    during interval: ClosedRange<TimePoint>? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    recordIssue(sourceLocation) { () throws(ThrottleExpectationFailure) in
        try trace.expectThroughput(of: name, atLeast: rate, during: interval)
    }
}

/// Expects no task to be lost; see ``ThrottleTrace/expectNoLostTasks()``.
///
/// - Returns: Whether the expectation held.
@discardableResult
public func expectNoLostTasks(_ trace: ThrottleTrace, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    recordIssue(sourceLocation) { () throws(ThrottleExpectationFailure) in try trace.expectNoLostTasks() }
}

/// Runs an expectation and records its failure as an issue at the caller's source location.
private func recordIssue(
    _ sourceLocation: SourceLocation, _ expectation: () throws(ThrottleExpectationFailure) -> Void
) -> Bool {
    do {
        try expectation()
        return true
    } catch {
        Issue.record(Comment(rawValue: error.description), sourceLocation: sourceLocation)
        return false
    }
}
