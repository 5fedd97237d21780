/// The throttle invariants of DESIGN.md that ``InvariantChecker`` asserts, one case per rule it can name.
public enum Invariant: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// 1. `running <= ceiling` at every grant.
    case grantWithinCeiling
    /// 1. `min <= ceiling <= max` always, and every scaling record stays within them.
    case ceilingWithinBounds
    /// 2. After every command, no task waits while `running < ceiling`.
    case workConservation
    /// 3. Grants follow arrival order within a throttle; nobody jumps the queue.
    case fifo
    /// 4. Applied up/down changes of one throttle are at least `hold` apart (counted from the last applied
    ///    change, from any `set`/`percent`, and with `holdOrigin: .request` from every request), and the
    ///    hold refuses only within that time.
    case hold
    /// 5. asked = granted + waiting + cancelled + failed and granted = done + running at every change;
    ///    nobody is granted twice.
    case conservation
    /// 5. At the end of a drained run every task is accounted for: nothing still runs or waits.
    case noLostTask
    /// 6. `wait()` resumes only when running = waiting = 0.
    case idleWait
    /// 6. After `delete()` nothing of the throttle is granted, queued or scaled, and no waiter is left.
    case nothingAfterDelete

    /// The number of the invariant in DESIGN.md's list.
    public var designNumber: Int {
        switch self {
        case .grantWithinCeiling, .ceilingWithinBounds: return 1
        case .workConservation: return 2
        case .fifo: return 3
        case .hold: return 4
        case .conservation, .noLostTask: return 5
        case .idleWait, .nothingAfterDelete: return 6
        }
    }

    /// A short statement of the rule, for reports.
    public var statement: String {
        switch self {
        case .grantWithinCeiling: return "running <= ceiling at every grant"
        case .ceilingWithinBounds: return "min <= ceiling <= max"
        case .workConservation: return "no task waits while running < ceiling"
        case .fifo: return "grants follow arrival order"
        case .hold: return "applied up/down changes are at least hold apart"
        case .conservation: return "asked = granted + waiting + cancelled + failed, granted = done + running"
        case .noLostTask: return "every task is accounted for at the end"
        case .idleWait: return "wait() resumes only when running = waiting = 0"
        case .nothingAfterDelete: return "nothing is granted after delete()"
        }
    }

    /// `invariant 3 (fifo: grants follow arrival order)`.
    public var description: String { "invariant \(designNumber) (\(rawValue): \(statement))" }
}
