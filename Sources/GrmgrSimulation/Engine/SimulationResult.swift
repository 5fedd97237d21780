public import Grmgr

/// Count, mean, quantiles and maximum of a latency, over the tasks that arrived after the warmup.
///
/// Quantiles come from a ``QuantileSketch`` (relative error at most 0.1%); the mean and the maximum are exact.
public struct LatencySummary: Hashable, Sendable {
    /// How many tasks the figures cover.
    public var count: Int
    /// The mean, `nil` without tasks.
    public var mean: TimeAmount?
    /// The median.
    public var p50: TimeAmount?
    /// The 90th percentile.
    public var p90: TimeAmount?
    /// The 99th percentile.
    public var p99: TimeAmount?
    /// The largest value.
    public var max: TimeAmount?

    /// Summarises a sketch.
    public init(_ sketch: QuantileSketch) {
        count = sketch.count
        mean = sketch.mean
        p50 = sketch.quantile(0.5)
        p90 = sketch.quantile(0.9)
        p99 = sketch.quantile(0.99)
        max = sketch.max
    }
}

/// One throttle's figures for a run: a row of summary.csv.
public struct ThrottleSummary: Hashable, Sendable {
    /// The throttle's name.
    public var name: String
    /// Tasks that arrived after the warmup and finished.
    public var tasks: Int
    /// Those tasks per second of the measured window (warmup to horizon).
    public var throughput: Double
    /// Time from arrival to grant.
    public var wait: LatencySummary
    /// Time from arrival to end.
    public var sojourn: LatencySummary
    /// Time-weighted mean of running tasks, from the warmup to the end of the run.
    public var meanRunning: Double
    /// Time-weighted mean ceiling over the same window.
    public var meanCeiling: Double
    /// `meanRunning / meanCeiling`.
    public var utilisation: Double
    /// Scaling requests that changed the ceiling (or set it).
    public var changesApplied: Int
    /// Up/down requests refused by the hold.
    public var changesRefused: Int
    /// Seconds the ceiling spent at `min` within the window.
    public var timeAtMinimum: Double
    /// From the last step down to the first instant back at `max`; `nil` if there was no step down or no recovery.
    public var recoveryTime: TimeAmount?
    /// Negative Gaussian draws that were redrawn.
    public var redrawnNegatives: Int

    /// Creates a summary.
    public init(
        name: String, tasks: Int, throughput: Double, wait: LatencySummary, sojourn: LatencySummary,
        meanRunning: Double, meanCeiling: Double, utilisation: Double, changesApplied: Int, changesRefused: Int,
        timeAtMinimum: Double, recoveryTime: TimeAmount?, redrawnNegatives: Int
    ) {
        self.name = name
        self.tasks = tasks
        self.throughput = throughput
        self.wait = wait
        self.sojourn = sojourn
        self.meanRunning = meanRunning
        self.meanCeiling = meanCeiling
        self.utilisation = utilisation
        self.changesApplied = changesApplied
        self.changesRefused = changesRefused
        self.timeAtMinimum = timeAtMinimum
        self.recoveryTime = recoveryTime
        self.redrawnNegatives = redrawnNegatives
    }
}

/// What a simulated run returns.
public struct SimulationResult: Hashable, Sendable {
    /// The scenario's name.
    public var scenario: String
    /// The seed used.
    public var seed: UInt64
    /// When the run ended: the horizon, or the last completion when draining.
    public var end: TimePoint
    /// Events handled.
    public var eventsProcessed: Int
    /// One summary per throttle, in scenario order.
    public var throttles: [ThrottleSummary]
}
