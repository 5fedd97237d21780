// swift-format-ignore-file: AlwaysUseLowerCamelCase
// The assertions are named like XCTest's own (`XCTAssertEqual`), so that they read as XCTest assertions.

public import Grmgr
internal import XCTest

// The XCTest forms of the expectations of `ThrottleTrace`: each runs the throwing expectation and turns
// its failure into an `XCTFail` at the caller's file and line.

/// Asserts that every invariant of DESIGN.md holds over the trace; see ``ThrottleTrace/expectInvariants(_:)``.
///
/// - Returns: Whether the assertion passed.
@discardableResult
public func XCTAssertThrottleInvariants(
    _ trace: ThrottleTrace, _ checker: InvariantChecker = InvariantChecker(), file: StaticString = #filePath,
    line: UInt = #line
) -> Bool {
    xctReport(file, line) { () throws(ThrottleExpectationFailure) in try trace.expectInvariants(checker) }
}

/// Asserts that a throttle's dop stays within `range` during an interval; see
/// ``ThrottleTrace/expectDop(of:staysWithin:during:)``.
///
/// - Returns: Whether the assertion passed.
@discardableResult
public func XCTAssertDop(
    _ trace: ThrottleTrace, of name: String, staysWithin range: ClosedRange<Int>,
    during interval: ClosedRange<TimePoint>? = nil, file: StaticString = #filePath, line: UInt = #line
) -> Bool {
    xctReport(file, line) { () throws(ThrottleExpectationFailure) in
        try trace.expectDop(of: name, staysWithin: range, during: interval)
    }
}

/// Asserts that a throttle's dop reaches `value` within `limit` after `instant`; see
/// ``ThrottleTrace/expectDop(of:reaches:within:after:)``.
///
/// - Returns: Whether the assertion passed.
@discardableResult
public func XCTAssertDop(
    _ trace: ThrottleTrace, of name: String, reaches value: Int, within limit: TimeAmount, after instant: TimePoint,
    file: StaticString = #filePath, line: UInt = #line
) -> Bool {
    xctReport(file, line) { () throws(ThrottleExpectationFailure) in
        try trace.expectDop(of: name, reaches: value, within: limit, after: instant)
    }
}

/// Asserts that a throttle recovers to its `max` within `limit` of its last step down; see
/// ``ThrottleTrace/expectRecovery(of:toMaxWithin:)``.
///
/// - Returns: Whether the assertion passed.
@discardableResult
public func XCTAssertRecovery(
    _ trace: ThrottleTrace, of name: String, toMaxWithin limit: TimeAmount, file: StaticString = #filePath,
    line: UInt = #line
) -> Bool {
    xctReport(file, line) { () throws(ThrottleExpectationFailure) in
        try trace.expectRecovery(of: name, toMaxWithin: limit)
    }
}

/// Asserts that a quantile of the tasks' waits is at most `bound`; see
/// ``ThrottleTrace/expectWait(of:quantile:atMost:)``.
///
/// - Returns: Whether the assertion passed.
@discardableResult
public func XCTAssertWait(
    _ trace: ThrottleTrace, of name: String? = nil, quantile: Double, atMost bound: TimeAmount,
    file: StaticString = #filePath, line: UInt = #line
) -> Bool {
    xctReport(file, line) { () throws(ThrottleExpectationFailure) in
        try trace.expectWait(of: name, quantile: quantile, atMost: bound)
    }
}

/// Asserts that at least `rate` tasks per second are done during an interval; see
/// ``ThrottleTrace/expectThroughput(of:atLeast:during:)``.
///
/// - Returns: Whether the assertion passed.
@discardableResult
public func XCTAssertThroughput(
    _ trace: ThrottleTrace, of name: String? = nil, atLeast rate: Double,
    during interval: ClosedRange<TimePoint>? = nil,
    file: StaticString = #filePath, line: UInt = #line
) -> Bool {
    xctReport(file, line) { () throws(ThrottleExpectationFailure) in
        try trace.expectThroughput(of: name, atLeast: rate, during: interval)
    }
}

/// Asserts that no task was lost; see ``ThrottleTrace/expectNoLostTasks()``.
///
/// - Returns: Whether the assertion passed.
@discardableResult
public func XCTAssertNoLostTasks(_ trace: ThrottleTrace, file: StaticString = #filePath, line: UInt = #line) -> Bool {
    xctReport(file, line) { () throws(ThrottleExpectationFailure) in try trace.expectNoLostTasks() }
}

/// Runs an expectation and reports its failure to XCTest at the caller's line.
private func xctReport(
    _ file: StaticString, _ line: UInt, _ expectation: () throws(ThrottleExpectationFailure) -> Void
) -> Bool {
    do {
        try expectation()
        return true
    } catch {
        XCTFail(error.description, file: file, line: line)
        return false
    }
}
