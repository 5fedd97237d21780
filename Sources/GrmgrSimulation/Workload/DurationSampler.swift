public import Grmgr

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Draws task durations (or inter-arrival intervals) from a ``DurationSpec``, with GSL's samplers.
///
/// Each draw is made in the spec's unit and rounded to the nearest whole nanosecond, like
/// `TimeAmount(seconds:)`; from then on the simulator counts in integers. A draw allocates nothing and costs
/// one or two GSL calls: samplers sit on the simulator's hot path.
public struct DurationSampler: Sendable {
    /// The validated spec this sampler draws from.
    public let spec: DurationSpec

    /// The theoretical mean of a draw in seconds, or `nil` when it is infinite (Pareto with `a <= 1`).
    ///
    /// For `gaussian` this is the mean of the normal truncated at zero (negative draws are redrawn), not
    /// the `mean` parameter. Rounding to whole nanoseconds is ignored.
    public let mean: Double?

    /// The theoretical variance of a draw in seconds squared, or `nil` when it is infinite (Pareto with
    /// `a <= 2`, or an infinite mean). Like ``mean``, it is the truncated normal's for `gaussian`.
    public let variance: Double?

    /// How many negative `gaussian` draws were thrown away and drawn again so far.
    public private(set) var redrawnNegatives: Int = 0

    /// Nanoseconds per unit of the spec, multiplied into every draw.
    private let nanosecondsPerUnit: Double

    /// The sampling table of a `histogram` spec, built once; `nil` for every other distribution.
    private let histogramPDF: GSLHistogramPDF?

    /// Validates `spec` and prepares to draw from it.
    ///
    /// - Throws: ``WorkloadError`` naming the first invalid parameter (`"sigma"`, `"edges[2]"`, …) and its
    ///   value. Every parameter must be finite; beyond that: `constant` `value >= 0`; `exponential`
    ///   `mu > 0`; `gaussian` `mean >= 0` (so at most half the draws are redrawn) and `sigma >= 0`;
    ///   `lognormal` `sigma >= 0`; `gamma`, `weibull`, `pareto` and `beta` `a > 0` and `b > 0`; `beta`
    ///   `scale > 0`; `flat` `a >= 0` and `b > a`; `rayleigh` `sigma > 0`; `chisq` `nu > 0`; `empirical` at
    ///   least one sample, all `>= 0`; `histogram` `edges.count == weights.count + 1`, edges strictly
    ///   increasing from `>= 0`, weights `>= 0` and not all zero.
    public init(_ spec: DurationSpec) throws(WorkloadError) {
        try Self.validate(spec.distribution)
        self.spec = spec
        nanosecondsPerUnit = spec.unit.nanoseconds
        if case .histogram(let edges, let weights) = spec.distribution {
            do {
                histogramPDF = try GSLHistogramPDF(edges: edges, weights: weights)
            } catch {
                // Unreachable after validation; kept so a GSL refusal still reads as a workload error.
                let expected = "a histogram GSL accepts (\(error))"
                throw WorkloadError(parameter: "weights", value: "\(weights)", expected: expected)
            }
        } else {
            histogramPDF = nil
        }
        let moments = Self.moments(of: spec.distribution)
        let secondsPerUnit = spec.unit.nanoseconds / 1e9
        mean = moments.mean.map { $0 * secondsPerUnit }
        variance = moments.variance.map { $0 * secondsPerUnit * secondsPerUnit }
    }

    /// The next duration, drawn from `stream`: never negative, rounded to the nearest nanosecond, saturated
    /// at the largest ``TimeAmount``.
    public mutating func next(using stream: RandomStream) -> TimeAmount {
        let generator = stream.generator
        let draw: Double
        switch spec.distribution {
        case .constant(let value):
            draw = value
        case .exponential(let mu):
            draw = generator.exponential(mu: mu)
        case .gaussian(let mean, let sigma):
            var value = mean + generator.gaussian(sigma: sigma)
            while value < 0 {
                redrawnNegatives += 1
                value = mean + generator.gaussian(sigma: sigma)
            }
            draw = value
        case .lognormal(let zeta, let sigma):
            draw = generator.lognormal(zeta: zeta, sigma: sigma)
        case .gamma(let a, let b):
            draw = generator.gamma(a: a, b: b)
        case .weibull(let a, let b):
            draw = generator.weibull(a: a, b: b)
        case .pareto(let a, let b):
            draw = generator.pareto(a: a, b: b)
        case .flat(let a, let b):
            draw = generator.flat(a: a, b: b)
        case .beta(let a, let b, let scale):
            draw = generator.beta(a: a, b: b) * scale
        case .rayleigh(let sigma):
            draw = generator.rayleigh(sigma: sigma)
        case .chisq(let nu):
            draw = generator.chisq(nu: nu)
        case .empirical(let samples):
            // At most 2³² samples (checked in init): within gsl_rng_uniform_int's range.
            draw = samples[Int(generator.uniformInt(below: UInt(samples.count)))]
        case .histogram:
            // init builds the table for every histogram spec.
            draw = histogramPDF!.sample(generator.uniform())
        }
        return TimeAmount(roundingNonNegativeNanoseconds: draw * nanosecondsPerUnit)
    }
}

extension DurationSampler {
    /// Throws for the first parameter outside the distribution's domain.
    private static func validate(_ distribution: DurationDistribution) throws(WorkloadError) {
        switch distribution {
        case .constant(let value):
            try require("value", value, atLeastZero)
        case .exponential(let mu):
            try require("mu", mu, aboveZero)
        case .gaussian(let mean, let sigma):
            try require("mean", mean, atLeastZero)
            try require("sigma", sigma, atLeastZero)
        case .lognormal(let zeta, let sigma):
            try require("zeta", zeta, finite)
            try require("sigma", sigma, atLeastZero)
        case .gamma(let a, let b), .weibull(let a, let b), .pareto(let a, let b):
            try require("a", a, aboveZero)
            try require("b", b, aboveZero)
        case .flat(let a, let b):
            try require("a", a, atLeastZero)
            try require("b", b, Requirement("a number > a (\(WorkloadError.text(a)))") { $0 > a })
        case .beta(let a, let b, let scale):
            try require("a", a, aboveZero)
            try require("b", b, aboveZero)
            try require("scale", scale, aboveZero)
        case .rayleigh(let sigma):
            try require("sigma", sigma, aboveZero)
        case .chisq(let nu):
            try require("nu", nu, aboveZero)
        case .empirical(let samples):
            try validateEmpirical(samples)
        case .histogram(let edges, let weights):
            try validateHistogram(edges: edges, weights: weights)
        }
    }

    private static func validateEmpirical(_ samples: [Double]) throws(WorkloadError) {
        guard !samples.isEmpty else {
            throw WorkloadError(parameter: "samples", value: "[]", expected: "at least one sample")
        }
        guard samples.count <= 1 << 32 else {
            throw WorkloadError(parameter: "samples", value: "\(samples.count) samples", expected: "at most 2^32")
        }
        for (index, sample) in samples.enumerated() {
            try require("samples[\(index)]", sample, atLeastZero)
        }
    }

    private static func validateHistogram(edges: [Double], weights: [Double]) throws(WorkloadError) {
        guard !weights.isEmpty else {
            throw WorkloadError(parameter: "weights", value: "[]", expected: "at least one bin")
        }
        guard edges.count == weights.count + 1 else {
            throw WorkloadError(
                parameter: "edges", value: "\(edges.count) edges",
                expected: "one more edge than weights (\(weights.count + 1))"
            )
        }
        try require("edges[0]", edges[0], atLeastZero)
        for index in edges.indices.dropFirst() {
            let previous = edges[index - 1]
            try require(
                "edges[\(index)]", edges[index],
                Requirement("a number > edges[\(index - 1)] (\(WorkloadError.text(previous)))") { $0 > previous }
            )
        }
        for (index, weight) in weights.enumerated() {
            try require("weights[\(index)]", weight, atLeastZero)
        }
        guard weights.contains(where: { $0 > 0 }) else {
            throw WorkloadError(parameter: "weights", value: "all 0", expected: "at least one weight > 0")
        }
    }

    /// A condition on a finite parameter and how messages say it.
    private struct Requirement: Sendable {
        var expected: String
        var holds: @Sendable (Double) -> Bool

        init(_ expected: String, _ holds: @escaping @Sendable (Double) -> Bool) {
            self.expected = expected
            self.holds = holds
        }
    }

    private static let finite = Requirement("a finite number") { _ in true }
    private static let atLeastZero = Requirement("a number >= 0") { $0 >= 0 }
    private static let aboveZero = Requirement("a number > 0") { $0 > 0 }

    private static func require(
        _ parameter: String, _ value: Double, _ requirement: Requirement
    ) throws(WorkloadError) {
        guard value.isFinite, requirement.holds(value) else {
            throw WorkloadError(parameter: parameter, number: value, expected: requirement.expected)
        }
    }
}

extension DurationSampler {
    /// Mean and variance in the spec's unit; `nil` where infinite.
    private static func moments(of distribution: DurationDistribution) -> (mean: Double?, variance: Double?) {
        switch distribution {
        case .constant(let value):
            return (value, 0)
        case .exponential(let mu):
            return (mu, mu * mu)
        case .gaussian(let mean, let sigma):
            guard sigma > 0 else { return (mean, 0) }
            // Redrawing negatives samples the normal truncated to [0, ∞): with α = −mean/σ and
            // λ = φ(α) / (1 − Φ(α)), the mean is mean + σλ and the variance σ²(1 + αλ − λ²).
            let alpha = -mean / sigma
            let lambda = GSLFunctions.normalDensity(alpha) / GSLFunctions.normalCDF(-alpha)
            return (mean + sigma * lambda, sigma * sigma * (1 + alpha * lambda - lambda * lambda))
        case .lognormal(let zeta, let sigma):
            let s2 = sigma * sigma
            return (exp(zeta + s2 / 2), expm1(s2) * exp(2 * zeta + s2))
        case .gamma(let a, let b):
            return (a * b, a * b * b)
        case .weibull(let a, let b):
            // GSL's Weibull has scale a and shape b.
            let g1 = tgamma(1 + 1 / b)
            let g2 = tgamma(1 + 2 / b)
            return (a * g1, a * a * (g2 - g1 * g1))
        case .pareto(let a, let b):
            let mean = a > 1 ? a * b / (a - 1) : nil
            let variance = a > 2 ? b * b * a / ((a - 1) * (a - 1) * (a - 2)) : nil
            return (mean, variance)
        case .flat(let a, let b):
            return ((a + b) / 2, (b - a) * (b - a) / 12)
        case .beta(let a, let b, let scale):
            let sum = a + b
            return (scale * a / sum, scale * scale * a * b / (sum * sum * (sum + 1)))
        case .rayleigh(let sigma):
            return (sigma * (Double.pi / 2).squareRoot(), (2 - Double.pi / 2) * sigma * sigma)
        case .chisq(let nu):
            return (nu, 2 * nu)
        case .empirical(let samples):
            let count = Double(samples.count)
            let mean = samples.reduce(0, +) / count
            let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
            return (mean, variance)
        case .histogram(let edges, let weights):
            // A mixture of uniforms: bin i has mean (l + r) / 2 and second moment (l² + lr + r²) / 3.
            let total = weights.reduce(0, +)
            var mean = 0.0
            var secondMoment = 0.0
            for (bin, weight) in weights.enumerated() {
                let (left, right) = (edges[bin], edges[bin + 1])
                let p = weight / total
                mean += p * (left + right) / 2
                secondMoment += p * (left * left + left * right + right * right) / 3
            }
            return (mean, secondMoment - mean * mean)
        }
    }
}

extension TimeAmount {
    /// `value` nanoseconds rounded to the nearest whole one (halves away from zero, like
    /// `TimeAmount(seconds:)`); negative values and not-a-number give zero, values past the end of time
    /// the largest span.
    @inline(__always)
    init(roundingNonNegativeNanoseconds value: Double) {
        guard value > 0 else {
            self.init(nanoseconds: 0)
            return
        }
        guard value < 9.223_372_036_854_775e18 else {
            self.init(nanoseconds: .max)
            return
        }
        // Truncate, then round the fraction by hand: `rounded()` is a libm call on baseline x86-64, and
        // `value - truncated` is exact, so this matches it bit for bit. The fraction is random, so the
        // carry is added without a branch (`&+` cannot overflow below 2⁶³ − 1024).
        let truncated = Int64(value)
        let carry: Int64 = value - Double(truncated) >= 0.5 ? 1 : 0
        self.init(nanoseconds: truncated &+ carry)
    }
}
