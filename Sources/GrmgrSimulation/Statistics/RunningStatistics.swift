public import Grmgr

/// Count, mean, variance, minimum and maximum of a stream of `Double` values, in O(1) memory.
///
/// The mean and the sum of squared deviations are updated with Welford's method, which stays accurate when
/// the mean is large against the spread (the naive sum-of-squares formula loses every digit there). Two
/// accumulators combine with Chan, Golub and LeVeque's pairwise formula in ``merge(_:)``.
///
/// Error bounds: the mean's relative error grows at most like *n*·ε (ε = 2⁻⁵³) and in practice like √*n*·ε;
/// results depend on the order of the values only through rounding. Feed values in a fixed order (as the
/// simulator does) and the result is the same bytes on every run. For exact sums of nanosecond values use
/// ``QuantileSketch``, whose count, sum and mean are integers.
public struct RunningStatistics: Hashable, Sendable {
    /// How many values were added.
    public private(set) var count: Int = 0
    private var runningMean: Double = 0
    private var squaredDeviations: Double = 0
    private var smallest: Double = .infinity
    private var largest: Double = -.infinity

    /// An empty accumulator.
    public init() {}

    /// An accumulator over `values`, added in order.
    public init(_ values: some Sequence<Double>) {
        for value in values { add(value) }
    }

    /// Adds a value.
    ///
    /// - Complexity: O(1).
    public mutating func add(_ value: Double) {
        count += 1
        let delta = value - runningMean
        runningMean += delta / Double(count)
        squaredDeviations += delta * (value - runningMean)
        smallest = Swift.min(smallest, value)
        largest = Swift.max(largest, value)
    }

    /// Adds a span, as seconds.
    ///
    /// - Complexity: O(1).
    public mutating func add(_ amount: TimeAmount) {
        add(amount.seconds)
    }

    /// Adds every value that `other` saw, as if they had been added here.
    ///
    /// - Complexity: O(1).
    public mutating func merge(_ other: RunningStatistics) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            self = other
            return
        }
        let total = Double(count + other.count)
        let delta = other.runningMean - runningMean
        runningMean += delta * Double(other.count) / total
        squaredDeviations += other.squaredDeviations + delta * delta * Double(count) * Double(other.count) / total
        count += other.count
        smallest = Swift.min(smallest, other.smallest)
        largest = Swift.max(largest, other.largest)
    }

    /// The arithmetic mean, or `nil` when nothing was added.
    public var mean: Double? { count > 0 ? runningMean : nil }

    /// The smallest value, or `nil` when nothing was added.
    public var min: Double? { count > 0 ? smallest : nil }

    /// The largest value, or `nil` when nothing was added.
    public var max: Double? { count > 0 ? largest : nil }

    /// The sample variance (divided by *n* − 1), or `nil` with fewer than two values.
    public var variance: Double? { count > 1 ? squaredDeviations / Double(count - 1) : nil }

    /// The population variance (divided by *n*), or `nil` when nothing was added.
    public var populationVariance: Double? { count > 0 ? squaredDeviations / Double(count) : nil }

    /// The sample standard deviation, or `nil` with fewer than two values.
    public var standardDeviation: Double? { variance.map { $0.squareRoot() } }
}
