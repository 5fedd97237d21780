import Grmgr

/// summary.csv: one row per throttle, figures with six decimals, latencies in seconds.
public enum SummaryCSV {
    /// The header row.
    public static let columns = [
        "throttle", "tasks", "throughput", "wait_mean", "wait_p50", "wait_p90", "wait_p99", "wait_max",
        "sojourn_mean", "sojourn_p50", "sojourn_p90", "sojourn_p99", "sojourn_max", "mean_running", "mean_ceiling",
        "utilisation", "changes_applied", "changes_refused", "time_at_min", "recovery_time",
    ]

    /// Writes the header and a row per throttle.
    public static func write(_ result: SimulationResult, to writer: CSVWriter) {
        writer.writeHeader(columns)
        for throttle in result.throttles {
            writer.write(field: throttle.name)
            writer.write(integer: throttle.tasks)
            writer.write(decimal: throttle.throughput)
            for latency in [throttle.wait, throttle.sojourn] {
                for value in [latency.mean, latency.p50, latency.p90, latency.p99, latency.max] {
                    if let value { writer.write(decimal: value.seconds) } else { writer.writeEmpty() }
                }
            }
            writer.write(decimal: throttle.meanRunning)
            writer.write(decimal: throttle.meanCeiling)
            writer.write(decimal: throttle.utilisation)
            writer.write(integer: throttle.changesApplied)
            writer.write(integer: throttle.changesRefused)
            writer.write(decimal: throttle.timeAtMinimum)
            if let recovery = throttle.recoveryTime {
                writer.write(decimal: recovery.seconds)
            } else {
                writer.writeEmpty()
            }
            writer.endRow()
        }
    }
}
