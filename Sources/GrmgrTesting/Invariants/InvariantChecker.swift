internal import Grmgr

/// Checks a ``ThrottleTrace`` against every invariant of DESIGN.md and reports each breach as an
/// ``InvariantViolation`` that names the rule, the instant, the throttle and the entries around it.
///
/// The checker replays the trace's state changes with its own counters, independently of the core
/// that produced them: it never decides what a throttle should do, only whether what the trace says
/// happened is consistent with the rules.
///
/// ```swift
/// let violations = InvariantChecker().violations(in: trace)
/// XCTAssertEqual(violations, [], "\(violations.map(\.description).joined(separator: "\n\n"))")
/// ```
///
/// Grant order (FIFO) is checked from the waiters' tickets when the trace has the core's
/// `ThrottleAction/grant(_:)` decisions, and from arrival and start times when it has
/// ``ThrottleTrace/tasks``.
public struct InvariantChecker: Sendable {
    /// What the end of the trace is expected to look like.
    public enum EndOfTrace: Hashable, Sendable {
        /// Every task has finished: nothing runs or waits (the end of a drained run or of a test).
        case drained
        /// Tasks may still run or wait (a run cut at its horizon, or a look in the middle of a test).
        case inProgress
    }

    /// What the end of the trace is expected to look like; ``EndOfTrace/drained`` by default.
    public var end: EndOfTrace
    /// The invariants to check; all of them by default.
    public var invariants: Set<Invariant>
    /// How many entries of the same throttle to print before an offending entry (one is printed after it).
    public var contextEntries: Int
    /// The checker stops after this many violations, so that a broken trace does not flood the log.
    public var maximumViolations: Int

    /// Creates a checker.
    public init(
        end: EndOfTrace = .drained, invariants: Set<Invariant> = Set(Invariant.allCases), contextEntries: Int = 2,
        maximumViolations: Int = 20
    ) {
        self.end = end
        self.invariants = invariants
        self.contextEntries = contextEntries
        self.maximumViolations = maximumViolations
    }

    /// Every violation in the trace, in the order the trace reaches them (at most ``maximumViolations``).
    ///
    /// - Complexity: O(*n*) in the number of actions, plus O(*t* log *t*) in the number of task records.
    public func violations(in trace: ThrottleTrace) -> [InvariantViolation] {
        var run = InvariantCheckRun(trace: trace, checker: self)
        run.checkEntries()
        if !run.isFull { run.checkEnd() }
        if !run.isFull, let tasks = trace.tasks { run.checkTasks(tasks) }
        return run.violations
    }
}
