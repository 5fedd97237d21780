public import Grmgr

/// A distribution of task durations, with GSL's own parameter names, in the unit of its ``DurationSpec``.
public enum DurationDistribution: Hashable, Sendable {
    /// Always `value`.
    case constant(value: Double)
    /// Exponential with mean `mu` (`gsl_ran_exponential`).
    case exponential(mu: Double)
    /// Normal with `mean` and standard deviation `sigma`; negative draws are redrawn (and counted).
    case gaussian(mean: Double, sigma: Double)
    /// Lognormal: the logarithm is normal with mean `zeta` and deviation `sigma` (`gsl_ran_lognormal`).
    case lognormal(zeta: Double, sigma: Double)
    /// Gamma with shape `a` and scale `b` (`gsl_ran_gamma`).
    case gamma(a: Double, b: Double)
    /// Weibull with scale `a` and shape `b` (`gsl_ran_weibull`).
    case weibull(a: Double, b: Double)
    /// Pareto of order `a` and scale `b` (`gsl_ran_pareto`).
    case pareto(a: Double, b: Double)
    /// Uniform on `[a, b)` (`gsl_ran_flat`).
    case flat(a: Double, b: Double)
    /// Beta(`a`, `b`) multiplied by `scale` (`gsl_ran_beta`).
    case beta(a: Double, b: Double, scale: Double)
    /// Rayleigh with scale `sigma` (`gsl_ran_rayleigh`).
    case rayleigh(sigma: Double)
    /// Chi-squared with `nu` degrees of freedom (`gsl_ran_chisq`).
    case chisq(nu: Double)
    /// Resampled uniformly from observed values (loaded from the scenario's `file`).
    case empirical(samples: [Double])
    /// Piecewise-uniform over bins with the given edges and weights (`gsl_histogram_pdf`).
    case histogram(edges: [Double], weights: [Double])
}

/// The unit in which a ``DurationDistribution`` draws.
public enum DurationUnit: String, Hashable, Sendable, CaseIterable {
    /// Seconds (the default).
    case seconds = "s"
    /// Milliseconds.
    case milliseconds = "ms"
    /// Microseconds.
    case microseconds = "us"

    /// Nanoseconds in one unit.
    public var nanoseconds: Double {
        switch self {
        case .seconds: return 1e9
        case .milliseconds: return 1e6
        case .microseconds: return 1e3
        }
    }
}

/// How long tasks take: a distribution and its unit.
public struct DurationSpec: Hashable, Sendable {
    /// The distribution.
    public var distribution: DurationDistribution
    /// The unit its draws are in.
    public var unit: DurationUnit

    /// Creates a spec.
    public init(_ distribution: DurationDistribution, unit: DurationUnit = .seconds) {
        self.distribution = distribution
        self.unit = unit
    }
}

/// From this instant on, arrivals come at `rate` per second.
public struct RateSegment: Hashable, Sendable {
    /// When the rate takes effect, from the start of the run.
    public var at: TimeAmount
    /// Arrivals per second; 0 pauses arrivals.
    public var rate: Double

    /// Creates a segment.
    public init(at: TimeAmount, rate: Double) {
        self.at = at
        self.rate = rate
    }
}

/// How tasks arrive at one throttle.
public enum ArrivalSpec: Hashable, Sendable {
    /// A Poisson process; one segment at 0 for a constant rate, more for a piecewise-constant schedule
    /// (sampled exactly, by inverting the cumulative rate, not by fixed time steps).
    case poisson(schedule: [RateSegment])
    /// Independent intervals between arrivals, drawn from a distribution.
    case renewal(interval: DurationSpec)
    /// One arrival every `interval`, the first at `interval`.
    case deterministic(interval: TimeAmount)
    /// `count` arrivals all at instant `at` (the seed's channel full of nodes).
    case batch(count: Int, at: TimeAmount)
    /// Replayed arrivals (sorted, from the start of the run) and, when the trace has them, durations
    /// that replace the throttle's duration distribution.
    case trace(arrivals: [TimeAmount], durations: [TimeAmount]?)
}

/// One throttle of a scenario: its settings and its workload.
public struct ThrottleSpec: Hashable, Sendable {
    /// Name, bounds, steps and hold.
    public var config: ThrottleConfig
    /// How tasks arrive.
    public var arrivals: ArrivalSpec
    /// How long tasks take (ignored for tasks whose trace gives a duration).
    public var duration: DurationSpec

    /// Creates a spec.
    public init(config: ThrottleConfig, arrivals: ArrivalSpec, duration: DurationSpec) {
        self.config = config
        self.arrivals = arrivals
        self.duration = duration
    }
}

/// A scaling event at an instant of the run.
public struct TimedScalingEvent: Hashable, Sendable {
    /// When, from the start of the run.
    public var at: TimeAmount
    /// What.
    public var event: ScalingEvent

    /// Creates a timed event.
    public init(at: TimeAmount, event: ScalingEvent) {
        self.at = at
        self.event = event
    }
}

/// A validated scenario: everything a simulated run needs.
public struct Scenario: Hashable, Sendable {
    /// The scenario's name; also the default output directory `reports/<name>`.
    public var name: String
    /// The seed of every random stream.
    public var seed: UInt64
    /// The simulated horizon: arrivals stop here.
    public var duration: TimeAmount
    /// The start of the run left out of summary statistics.
    public var warmup: TimeAmount
    /// The grid of the sampled dop trace.
    public var sample: TimeAmount
    /// Whether to run on after the horizon until every arrived task is done (`true`, the default) or
    /// stop at the horizon and write unfinished tasks with an empty end.
    public var drain: Bool
    /// The throttles and their workloads, in file order.
    public var throttles: [ThrottleSpec]
    /// The scaling profiles events can start.
    public var profiles: [ScalingProfile]
    /// The scaling events, in file order (the simulator runs same-instant events in this order).
    public var events: [TimedScalingEvent]

    /// Creates a scenario; ``ScenarioLoader`` builds these from files and validates them.
    public init(
        name: String, seed: UInt64, duration: TimeAmount, warmup: TimeAmount = .zero, sample: TimeAmount = .seconds(1),
        drain: Bool = true, throttles: [ThrottleSpec], profiles: [ScalingProfile] = [], events: [TimedScalingEvent] = []
    ) {
        self.name = name
        self.seed = seed
        self.duration = duration
        self.warmup = warmup
        self.sample = sample
        self.drain = drain
        self.throttles = throttles
        self.profiles = profiles
        self.events = events
    }
}
