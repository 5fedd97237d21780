public import Grmgr

/// One value of a varied setting: a hold duration, a whole number (steps, bounds) or a profile name.
public enum SweepValue: Hashable, Sendable, CustomStringConvertible {
    /// A duration, for `hold`.
    case duration(TimeAmount)
    /// A whole number, for `up`, `down`, `min` and `dop`.
    case integer(Int)
    /// A name, for `profile`.
    case name(String)

    /// The value as the command line and the output files write it: `30s`, `2`, `gentle-recovery`.
    public var description: String {
        switch self {
        case .duration(let amount): return amount.goSyntax
        case .integer(let value): return String(value)
        case .name(let name): return name
        }
    }

    /// The value on a chart's axis: seconds for a duration, the number itself, `nil` for a name.
    public var numericValue: Double? {
        switch self {
        case .duration(let amount): return amount.seconds
        case .integer(let value): return Double(value)
        case .name: return nil
        }
    }
}
