import Grmgr

/// A figure of one throttle in one run that a sweep compares across cells: a column group of sweep.csv.
public enum SweepMetric: String, Hashable, Sendable, CaseIterable {
    /// Finished tasks per second of the measured window.
    case throughput
    /// Mean wait, from arrival to grant.
    case waitMean = "wait_mean"
    /// Median wait.
    case waitP50 = "wait_p50"
    /// 90th percentile of the wait.
    case waitP90 = "wait_p90"
    /// 99th percentile of the wait.
    case waitP99 = "wait_p99"
    /// Longest wait.
    case waitMax = "wait_max"
    /// Mean sojourn, from arrival to end.
    case sojournMean = "sojourn_mean"
    /// Median sojourn.
    case sojournP50 = "sojourn_p50"
    /// 90th percentile of the sojourn.
    case sojournP90 = "sojourn_p90"
    /// 99th percentile of the sojourn.
    case sojournP99 = "sojourn_p99"
    /// Longest sojourn.
    case sojournMax = "sojourn_max"
    /// Time-weighted mean ceiling: the dop the throttle allowed on average.
    case meanCeiling = "mean_ceiling"
    /// Time-weighted mean of running tasks.
    case meanRunning = "mean_running"
    /// Mean running over mean ceiling.
    case utilisation
    /// Scaling requests that changed the ceiling.
    case changesApplied = "changes_applied"
    /// Up/down requests the hold refused.
    case changesRefused = "changes_refused"
    /// Seconds the ceiling spent at `min`.
    case timeAtMinimum = "time_at_min"
    /// From the last step down to the first instant back at `max`; missing in a run that never recovered.
    case recoveryTime = "recovery_time"

    /// Which way is better, for rankings and the best setting per metric.
    public enum Preference: Hashable, Sendable {
        /// Smaller is better (waits, the dop spent).
        case lower
        /// Larger is better (throughput, utilisation).
        case higher
        /// Neither: a consequence to read, not a goal.
        case neither
    }

    /// The name in text: `p99 wait`.
    public var title: String {
        switch self {
        case .throughput: return "throughput"
        case .waitMean: return "mean wait"
        case .waitP50: return "p50 wait"
        case .waitP90: return "p90 wait"
        case .waitP99: return "p99 wait"
        case .waitMax: return "max wait"
        case .sojournMean: return "mean sojourn"
        case .sojournP50: return "p50 sojourn"
        case .sojournP90: return "p90 sojourn"
        case .sojournP99: return "p99 sojourn"
        case .sojournMax: return "max sojourn"
        case .meanCeiling: return "mean dop"
        case .meanRunning: return "mean running"
        case .utilisation: return "utilisation"
        case .changesApplied: return "changes applied"
        case .changesRefused: return "changes refused"
        case .timeAtMinimum: return "time at min"
        case .recoveryTime: return "recovery time"
        }
    }

    /// The unit, for column heads and axes: `s`, `tasks/s`, or empty for counts and ratios.
    public var unit: String {
        switch self {
        case .throughput: return "tasks/s"
        case .waitMean, .waitP50, .waitP90, .waitP99, .waitMax, .sojournMean, .sojournP50, .sojournP90,
            .sojournP99, .sojournMax, .timeAtMinimum, .recoveryTime:
            return "s"
        case .meanCeiling, .meanRunning, .utilisation, .changesApplied, .changesRefused: return ""
        }
    }

    /// The title with its unit: `p99 wait (s)`.
    public var titleWithUnit: String { unit.isEmpty ? title : "\(title) (\(unit))" }

    /// Which way is better.
    public var preference: Preference {
        switch self {
        case .throughput, .utilisation: return .higher
        case .meanRunning, .changesApplied, .changesRefused: return .neither
        default: return .lower
        }
    }

    /// The metric's value in one run's summary of a throttle; `nil` when the run has none (no tasks measured,
    /// no recovery).
    public func value(in summary: ThrottleSummary) -> Double? {
        switch self {
        case .throughput: return summary.throughput
        case .waitMean: return summary.wait.mean?.seconds
        case .waitP50: return summary.wait.p50?.seconds
        case .waitP90: return summary.wait.p90?.seconds
        case .waitP99: return summary.wait.p99?.seconds
        case .waitMax: return summary.wait.max?.seconds
        case .sojournMean: return summary.sojourn.mean?.seconds
        case .sojournP50: return summary.sojourn.p50?.seconds
        case .sojournP90: return summary.sojourn.p90?.seconds
        case .sojournP99: return summary.sojourn.p99?.seconds
        case .sojournMax: return summary.sojourn.max?.seconds
        case .meanCeiling: return summary.meanCeiling
        case .meanRunning: return summary.meanRunning
        case .utilisation: return summary.utilisation
        case .changesApplied: return Double(summary.changesApplied)
        case .changesRefused: return Double(summary.changesRefused)
        case .timeAtMinimum: return summary.timeAtMinimum
        case .recoveryTime: return summary.recoveryTime?.seconds
        }
    }
}
