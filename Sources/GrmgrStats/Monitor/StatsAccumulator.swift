#if WithStats
public import Grmgr

/// The monitor's arithmetic, with no clock and no I/O: it takes snapshots of throttles and gives the rows
/// to store and the rolling averages of each throttle's running count.
///
/// The real-time ``StatsMonitor`` and the simulator's stats sink both drive this one type, so a simulated
/// run's averages are evidence about the monitor in production.
public struct StatsAccumulator: Sendable {
    private struct Entry: Sendable {
        var id: ThrottleID
        var sum: RollingSum
        var latest: StatsSample
        var time: TimePoint
    }

    /// The intervals the snapshots are taken at.
    public let configuration: StatsConfiguration
    private let capacities: [Int]
    private var entries: [String: Entry] = [:]
    /// Throttle names in the order they were first seen.
    private var order: [String] = []

    /// An accumulator with no snapshot yet.
    public init(configuration: StatsConfiguration) {
        self.configuration = configuration
        capacities = StatsWindow.all.map(configuration.capacity(of:))
    }

    /// Records one snapshot of every throttle taken at `time`.
    ///
    /// A throttle missing from `samples` is forgotten (it was deleted); one that comes back, or a new throttle
    /// under a known name, starts with empty windows.
    ///
    /// - Returns: The rows for the `snapshots` history table.
    /// - Complexity: O(number of samples).
    @discardableResult
    public mutating func record(_ samples: [StatsSample], at time: TimePoint) -> [StatsSnapshot] {
        let present = Set(samples.map(\.throttle))
        if present.count != entries.count || !entries.keys.allSatisfy(present.contains) {
            entries = entries.filter { present.contains($0.key) }
            order.removeAll { !present.contains($0) }
        }
        var rows: [StatsSnapshot] = []
        rows.reserveCapacity(samples.count)
        for sample in samples {
            if entries[sample.throttle]?.id != sample.id {
                if entries[sample.throttle] == nil { order.append(sample.throttle) }
                entries[sample.throttle] = Entry(
                    id: sample.id, sum: RollingSum(capacity: capacities.max() ?? 1), latest: sample, time: time)
            }
            entries[sample.throttle]!.sum.append(sample.load.running)
            entries[sample.throttle]!.latest = sample
            entries[sample.throttle]!.time = time
            rows.append(StatsSnapshot(throttle: sample.throttle, time: time, load: sample.load))
        }
        return rows
    }

    /// The current state and averages of every throttle seen in the latest snapshot, in the order they were
    /// first seen.
    ///
    /// - Complexity: O(throttles × windows).
    public func stats() -> [ThrottleStats] {
        order.compactMap { name in
            guard let entry = entries[name] else { return nil }
            let averages = zip(StatsWindow.all, capacities).map { window, capacity in
                let (sum, values) = entry.sum.sumOfLatest(capacity)
                return WindowAverage(
                    window: window, average: values == 0 ? nil : Double(sum) / Double(values), samples: values)
            }
            return ThrottleStats(
                throttle: name, time: entry.time, load: entry.latest.load, counters: entry.latest.counters,
                samples: entry.sum.count, averages: averages)
        }
    }
}
#endif
