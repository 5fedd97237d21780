public import Grmgr

/// The expectations about a trace, as throwing functions: the building blocks of the XCTest assertions
/// (`XCTAssert…`) and of the Swift Testing expectations (`expect…`), and usable on their own in any
/// test framework.
extension ThrottleTrace {
    /// Expects every invariant of DESIGN.md to hold over the trace.
    ///
    /// - Parameter checker: Which invariants, and what the end of the trace should look like (by default
    ///   all of them, on a drained trace).
    /// - Throws: ``ThrottleExpectationFailure`` listing the ``InvariantViolation``s.
    public func expectInvariants(_ checker: InvariantChecker = InvariantChecker()) throws(ThrottleExpectationFailure) {
        let violations = checker.violations(in: self)
        guard violations.isEmpty else {
            throw ThrottleExpectationFailure(
                expectation: "the throttle invariants to hold",
                message: "\(violations.count)\(violations.count >= checker.maximumViolations ? " or more" : "") "
                    + "violation(s)",
                violations: violations)
        }
    }

    /// Expects the ceiling (dop) of a throttle to stay within `range` during an interval.
    ///
    /// The ceiling in force when the interval starts counts, as does every change within it.
    ///
    /// - Parameters:
    ///   - name: The throttle's name.
    ///   - range: The allowed ceilings.
    ///   - interval: The instants to look at; from the start to the end of the trace by default.
    /// - Throws: ``ThrottleExpectationFailure`` naming the first ceiling outside `range` and when it began.
    public func expectDop(
        of name: String, staysWithin range: ClosedRange<Int>, during interval: ClosedRange<TimePoint>? = nil
    ) throws(ThrottleExpectationFailure) {
        let interval = interval ?? wholeInterval
        let expectation =
            "the dop of \"\(name)\" to stay within \(range) from \(interval.lowerBound.secondsText) to "
            + interval.upperBound.secondsText
        let steps = try steps(of: name, expectation)
        let inForce = steps.lastIndex { $0.instant <= interval.lowerBound } ?? 0
        for step in steps[inForce...] where step.instant <= interval.upperBound {
            guard let ceiling = step.ceiling, !range.contains(ceiling) else { continue }
            throw ThrottleExpectationFailure(
                expectation: expectation,
                message: "it was \(ceiling) from \(Swift.max(step.instant, interval.lowerBound).secondsText) "
                    + "(after \"\(step.cause)\")")
        }
    }

    /// Expects the ceiling (dop) of a throttle to reach `value` no later than `limit` after `instant`
    /// (an event the test caused, such as an overload signal).
    ///
    /// - Throws: ``ThrottleExpectationFailure`` listing the ceilings seen in the window.
    public func expectDop(
        of name: String, reaches value: Int, within limit: TimeAmount, after instant: TimePoint
    ) throws(ThrottleExpectationFailure) {
        let deadline = instant + limit
        let expectation =
            "the dop of \"\(name)\" to reach \(value) within \(limit.goSyntax) after \(instant.secondsText)"
        let steps = try steps(of: name, expectation)
        let inForce = steps.lastIndex { $0.instant <= instant } ?? 0
        let window = steps[inForce...].prefix { $0.instant <= deadline }
        if window.contains(where: { $0.ceiling == value }) { return }
        let seen = window.map { "\($0.ceiling.map(String.init) ?? "deleted") from \($0.instant.secondsText)" }
        let later = steps[inForce...].first { $0.instant > deadline && $0.ceiling == value }
        throw ThrottleExpectationFailure(
            expectation: expectation,
            message: "by \(deadline.secondsText) it was \(seen.joined(separator: ", then "))"
                + (later.map { "; it reached \(value) only at \($0.instant.secondsText)" } ?? ""))
    }

    /// Expects a throttle's ceiling to be back at its `max` no later than `limit` after its last step
    /// down: the last `down`, or `set`/`percent`, that lowered the ceiling (an overload answered).
    ///
    /// - Throws: ``ThrottleExpectationFailure`` when the throttle never stepped down (the expectation
    ///   would prove nothing) or when it was not back at `max` in time.
    public func expectRecovery(of name: String, toMaxWithin limit: TimeAmount) throws(ThrottleExpectationFailure) {
        let expectation = "the dop of \"\(name)\" to recover to its max within \(limit.goSyntax) of its last step down"
        guard let max = maxCeiling(named: name) else {
            throw ThrottleExpectationFailure(expectation: expectation, message: "no throttle \"\(name)\" in the trace")
        }
        guard let stepDown = lastStepDown(of: name) else {
            throw ThrottleExpectationFailure(
                expectation: expectation, message: "\"\(name)\" never stepped down, so nothing recovered")
        }
        let deadline = stepDown.instant + limit
        let steps = try steps(of: name, expectation)
        let after = steps.filter { $0.instant >= stepDown.instant }
        if after.contains(where: { $0.instant <= deadline && $0.ceiling == max }) { return }
        let reached = after.first { $0.ceiling == max }
        let highest = after.prefix { $0.instant <= deadline }.compactMap(\.ceiling).max()
        throw ThrottleExpectationFailure(
            expectation: expectation,
            message: "after \(stepDown.record.action) (\(stepDown.record.ceilingBefore) -> "
                + "\(stepDown.record.ceilingAfter)) at \(stepDown.instant.secondsText), it was at most "
                + "\(highest.map(String.init) ?? "?") of \(max) by \(deadline.secondsText)"
                + (reached.map { "; it got back to \(max) only at \($0.instant.secondsText)" } ?? ""))
    }

    /// Expects a quantile of the tasks' waits (arrival to grant) to be at most `bound`.
    ///
    /// The quantile is the nearest-rank one: the smallest wait that at least a fraction `quantile` of
    /// the waits do not exceed. Tasks that never started count with the time they waited up to the end
    /// of the trace.
    ///
    /// - Parameters:
    ///   - name: The throttle's name, or `nil` for the tasks of every throttle.
    ///   - quantile: Between 0 and 1, such as 0.99 for p99.
    ///   - bound: The largest acceptable wait.
    /// - Throws: ``ThrottleExpectationFailure`` with the quantile, the number of tasks and the largest wait;
    ///   also when there are no tasks or the trace cannot tell waits apart.
    public func expectWait(
        of name: String? = nil, quantile: Double, atMost bound: TimeAmount
    ) throws(ThrottleExpectationFailure) {
        let label = quantileLabel(quantile)
        let subject = name.map { "\"\($0)\"" } ?? "all throttles"
        let expectation = "the \(label) wait of \(subject) to be at most \(bound.goSyntax)"
        guard (0...1).contains(quantile) else {
            throw ThrottleExpectationFailure(expectation: expectation, message: "the quantile must be within 0...1")
        }
        guard let waits = waits(named: name) else {
            throw ThrottleExpectationFailure(
                expectation: expectation,
                message: "the trace has neither task records nor grant decisions, so waits cannot be measured")
        }
        guard !waits.isEmpty else {
            throw ThrottleExpectationFailure(expectation: expectation, message: "no task asked")
        }
        let sorted = waits.sorted()
        let rank = Swift.max(Int((quantile * Double(sorted.count)).rounded(.up)), 1)
        let value = sorted[rank - 1]
        guard value <= bound else {
            throw ThrottleExpectationFailure(
                expectation: expectation,
                message: "it is \(value.secondsText) over \(sorted.count) task(s); the longest wait is "
                    + sorted[sorted.count - 1].secondsText)
        }
    }

    /// Expects at least `rate` tasks per second to be done during an interval.
    ///
    /// - Parameters:
    ///   - name: The throttle's name, or `nil` for every throttle.
    ///   - rate: The smallest acceptable number of `done()` calls per second.
    ///   - interval: From the start to the end of the trace by default; it must not be empty.
    /// - Throws: ``ThrottleExpectationFailure`` with the number of tasks done and the rate.
    public func expectThroughput(
        of name: String? = nil, atLeast rate: Double, during interval: ClosedRange<TimePoint>? = nil
    ) throws(ThrottleExpectationFailure) {
        let interval = interval ?? wholeInterval
        let subject = name.map { "\"\($0)\"" } ?? "all throttles"
        let expectation =
            "a throughput of \(subject) of at least \(rate)/s from \(interval.lowerBound.secondsText) to "
            + interval.upperBound.secondsText
        let length = interval.upperBound - interval.lowerBound
        guard length > .zero else {
            throw ThrottleExpectationFailure(expectation: expectation, message: "the interval is empty")
        }
        let done = completions(named: name).count { interval.contains($0) }
        let measured = Double(done) / length.seconds
        guard measured >= rate else {
            throw ThrottleExpectationFailure(
                expectation: expectation,
                message: "\(done) task(s) were done in \(length.secondsText), \(measured)/s")
        }
    }

    /// Expects every task to be accounted for: the conservation invariants hold throughout, and at the end
    /// nothing is still running or waiting (and, with task records, every started task ended).
    ///
    /// - Throws: ``ThrottleExpectationFailure`` with the violations that name the lost tasks.
    public func expectNoLostTasks() throws(ThrottleExpectationFailure) {
        let checker = InvariantChecker(end: .drained, invariants: [.conservation, .noLostTask])
        let violations = checker.violations(in: self)
        guard violations.isEmpty else {
            throw ThrottleExpectationFailure(
                expectation: "no lost tasks", message: "\(violations.count) violation(s)", violations: violations)
        }
    }

    // MARK: Helpers

    private var wholeInterval: ClosedRange<TimePoint> {
        (registrations.first?.instant ?? entries.first?.instant ?? .zero)...(endInstant ?? .zero)
    }

    private func steps(of name: String, _ expectation: String) throws(ThrottleExpectationFailure) -> [CeilingStep] {
        let steps = ceilingSteps(named: name)
        guard !steps.isEmpty else {
            throw ThrottleExpectationFailure(
                expectation: expectation, message: "no throttle \"\(name)\" in the trace (or no state changes)")
        }
        return steps
    }

    private func lastStepDown(of name: String) -> (instant: TimePoint, record: ScalingRecord)? {
        let ids = Set(ids(named: name))
        var last: (TimePoint, ScalingRecord)?
        for entry in entries {
            for case .scaled(let record) in entry.actions
            where ids.contains(record.throttle) && record.ceilingAfter < record.ceilingBefore {
                last = (entry.instant, record)
            }
        }
        return last
    }

    private func quantileLabel(_ quantile: Double) -> String {
        let percent = quantile * 100
        return percent == percent.rounded() ? "p\(Int(percent))" : "\(quantile)-quantile"
    }
}
