/// The mean of a metric over replications and its 95% confidence interval (Student t, from GSL).
public struct SweepEstimate: Hashable, Sendable {
    /// The coverage of every interval in a sweep.
    public static let confidence = 0.95

    /// How many replications had a value.
    public let count: Int
    /// The mean, `nil` without values.
    public let mean: Double?
    /// The interval's half-width, `nil` with fewer than two values.
    public let halfWidth: Double?

    /// The estimate from one value per replication.
    public init(_ values: [Double]) {
        let statistics = ReplicationStatistics(values)
        count = statistics.count
        mean = statistics.mean
        halfWidth = statistics.halfWidth(confidence: Self.confidence) { probability, degreesOfFreedom in
            GSLDistributions.studentTQuantile(probability, degreesOfFreedom: degreesOfFreedom)
        }
    }

    /// Whether the interval excludes zero: for a paired difference, the cell differs from the baseline.
    public var excludesZero: Bool {
        guard let mean, let halfWidth else { return false }
        return mean - halfWidth > 0 || mean + halfWidth < 0
    }
}

/// One cell's estimates: every metric's mean and interval, and its paired difference from the baseline.
public struct SweepCellSummary: Hashable, Sendable {
    /// The cell.
    public let cell: SweepCell
    /// One estimate per ``SweepMetric/allCases``.
    public let estimates: [SweepEstimate]
    /// One paired difference (this cell minus the baseline, replication by replication) per metric.
    public let differences: [SweepEstimate]
    /// Replications in which the throttle recovered to `max` after its last step down.
    public let recovered: Int

    /// The estimate of a metric.
    public subscript(metric: SweepMetric) -> SweepEstimate {
        estimates[SweepMetric.allCases.firstIndex(of: metric)!]
    }

    /// The paired difference from the baseline of a metric.
    public func difference(_ metric: SweepMetric) -> SweepEstimate {
        differences[SweepMetric.allCases.firstIndex(of: metric)!]
    }
}

/// A sweep's statistics: estimates per cell, the ranking, the best cell per metric and the Pareto front of
/// mean dop against p99 wait.
public struct SweepAnalysis: Hashable, Sendable {
    /// The sweep.
    public let result: SweepResult
    /// One summary per cell, in cell order.
    public let summaries: [SweepCellSummary]
    /// Cell indices, best first by ``SweepResult/rankBy`` (ties: lower mean dop, then cell order); cells
    /// without a value come last.
    public let ranking: [Int]
    /// The cells that no other cell beats on both mean dop and p99 wait, by increasing mean dop.
    public let paretoFront: [Int]

    /// Computes the statistics of a complete sweep.
    public init(_ result: SweepResult) {
        self.result = result
        let baseline = result.observations(of: result.baseline.index)
        summaries = result.cells.map { cell in
            let observations = result.observations(of: cell.index)
            var estimates: [SweepEstimate] = []
            var differences: [SweepEstimate] = []
            for metricIndex in SweepMetric.allCases.indices {
                estimates.append(SweepEstimate(observations.compactMap { $0.values[metricIndex] }))
                let pairs = zip(observations, baseline).compactMap { mine, theirs -> Double? in
                    guard let value = mine.values[metricIndex], let base = theirs.values[metricIndex] else {
                        return nil
                    }
                    return value - base
                }
                differences.append(SweepEstimate(pairs))
            }
            return SweepCellSummary(
                cell: cell, estimates: estimates, differences: differences,
                recovered: observations.filter { $0[.recoveryTime] != nil }.count)
        }
        ranking = Self.rank(summaries, by: result.rankBy)
        paretoFront = Self.front(summaries)
    }

    /// The baseline's summary.
    public var baseline: SweepCellSummary { summaries[result.baseline.index] }

    /// The cell with the best mean of a metric that has a preference (ties: cell order); `nil` otherwise.
    public func best(_ metric: SweepMetric) -> Int? {
        let sign: Double
        switch metric.preference {
        case .lower: sign = 1
        case .higher: sign = -1
        case .neither: return nil
        }
        var best: (index: Int, key: Double)?
        for summary in summaries {
            guard let mean = summary[metric].mean else { continue }
            if best == nil || sign * mean < best!.key { best = (summary.cell.index, sign * mean) }
        }
        return best?.index
    }

    private static func rank(_ summaries: [SweepCellSummary], by metric: SweepMetric) -> [Int] {
        let sign: Double = metric.preference == .higher ? -1 : 1
        return summaries.sorted { left, right in
            switch (left[metric].mean, right[metric].mean) {
            case (nil, nil): return left.cell.index < right.cell.index
            case (nil, _): return false
            case (_, nil): return true
            case (let a?, let b?):
                if a != b { return sign * a < sign * b }
                let (dopA, dopB) = (left[.meanCeiling].mean ?? .infinity, right[.meanCeiling].mean ?? .infinity)
                if dopA != dopB { return dopA < dopB }
                return left.cell.index < right.cell.index
            }
        }.map(\.cell.index)
    }

    private static func front(_ summaries: [SweepCellSummary]) -> [Int] {
        let points = summaries.compactMap { summary -> (index: Int, dop: Double, wait: Double)? in
            guard let dop = summary[.meanCeiling].mean, let wait = summary[.waitP99].mean else { return nil }
            return (summary.cell.index, dop, wait)
        }
        let front = points.filter { point in
            !points.contains { other in
                other.dop <= point.dop && other.wait <= point.wait && (other.dop < point.dop || other.wait < point.wait)
            }
        }
        return front.sorted { ($0.dop, $0.wait, $0.index) < ($1.dop, $1.wait, $1.index) }.map(\.index)
    }
}
