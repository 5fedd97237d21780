/// Mean, sample standard deviation and Student-t confidence interval of a metric over independent
/// replications.
///
/// This module does not compute t quantiles itself: pass the quantile (for 95 %, t₀.₉₇₅ with *n* − 1 degrees
/// of freedom) as a value, or pass a function such as GSL's inverse t distribution, so that the statistics
/// stay free of any C dependency:
///
/// ```swift
/// let waits = ReplicationStatistics(replicationMeans)
/// let halfWidth = waits.halfWidth(confidence: 0.95) { probability, degreesOfFreedom in
///     studentTQuantile(probability, degreesOfFreedom: degreesOfFreedom)
/// }
/// ```
///
/// The mean and deviation are computed in two passes over the values in the order given (replication order),
/// which is accurate and gives the same bytes whatever the number of parallel jobs.
public struct ReplicationStatistics: Hashable, Sendable {
    /// How many replications.
    public let count: Int
    /// The mean over replications, or `nil` with none.
    public let mean: Double?
    /// The sample standard deviation (divided by *n* − 1), or `nil` with fewer than two replications.
    public let standardDeviation: Double?

    /// Statistics of one value per replication, in replication order.
    public init(_ values: some Collection<Double>) {
        count = values.count
        guard count > 0 else {
            mean = nil
            standardDeviation = nil
            return
        }
        let average = values.reduce(0, +) / Double(count)
        mean = average
        guard count > 1 else {
            standardDeviation = nil
            return
        }
        let squares = values.reduce(0) { sum, value in sum + (value - average) * (value - average) }
        standardDeviation = (squares / Double(count - 1)).squareRoot()
    }

    /// Statistics of paired differences `values[k] − baseline[k]`: with common random numbers, replication *k*
    /// of two settings saw the same workload, so the interval of the differences is much narrower than the
    /// two intervals side by side.
    ///
    /// - Precondition: both have the same count.
    public init(differences values: [Double], minus baseline: [Double]) {
        precondition(values.count == baseline.count, "paired differences need equal counts")
        self.init(zip(values, baseline).map { $0 - $1 })
    }

    /// The standard error of the mean, s/√n, or `nil` with fewer than two replications.
    public var standardError: Double? {
        standardDeviation.map { $0 / Double(count).squareRoot() }
    }

    /// The confidence interval's half-width, t·s/√n, for a given t quantile; `nil` with fewer than two
    /// replications.
    public func halfWidth(tQuantile: Double) -> Double? {
        standardError.map { tQuantile * $0 }
    }

    /// The two-sided confidence interval's half-width at `confidence`; `nil` with fewer than two
    /// replications.
    ///
    /// - Parameters:
    ///   - confidence: the coverage, such as 0.95.
    ///   - tQuantile: the Student-t quantile function, called with the probability 1 − (1 − `confidence`)/2
    ///     and *n* − 1 degrees of freedom.
    public func halfWidth(
        confidence: Double = 0.95,
        tQuantile: (_ probability: Double, _ degreesOfFreedom: Double) -> Double
    ) -> Double? {
        precondition(confidence > 0 && confidence < 1, "confidence must be in (0, 1), got \(confidence)")
        guard count > 1 else { return nil }
        return halfWidth(tQuantile: tQuantile(1 - (1 - confidence) / 2, Double(count - 1)))
    }

    /// The two-sided confidence interval, mean ± half-width; `nil` with fewer than two replications (or when
    /// the values or the quantile are not numbers).
    public func confidenceInterval(
        confidence: Double = 0.95,
        tQuantile: (_ probability: Double, _ degreesOfFreedom: Double) -> Double
    ) -> ClosedRange<Double>? {
        guard let mean, let width = halfWidth(confidence: confidence, tQuantile: tQuantile),
            !mean.isNaN, width >= 0
        else { return nil }
        return (mean - width)...(mean + width)
    }
}
