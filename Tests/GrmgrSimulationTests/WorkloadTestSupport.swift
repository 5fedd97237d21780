import Grmgr
import GrmgrSimulation

/// Sample moments of a set of draws, for fidelity checks against theory.
struct SampleMoments {
    let count: Int
    let mean: Double
    /// The unbiased sample variance.
    let variance: Double
    /// The sample's fourth central moment.
    private let fourthMoment: Double

    init(_ values: [Double]) {
        count = values.count
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        var m2 = 0.0
        var m4 = 0.0
        for value in values {
            let squared = (value - mean) * (value - mean)
            m2 += squared
            m4 += squared * squared
        }
        self.mean = mean
        variance = m2 / (n - 1)
        fourthMoment = m4 / n
    }

    /// The standard error of the mean when the true variance is `variance`.
    func standardErrorOfMean(variance: Double) -> Double {
        (variance / Double(count)).squareRoot()
    }

    /// The estimated standard error of the sample variance: √((m₄ − s⁴) / n).
    var standardErrorOfVariance: Double {
        ((fourthMoment - variance * variance) / Double(count)).squareRoot()
    }
}

extension DurationSampler {
    /// `count` draws, in seconds.
    mutating func drawSeconds(_ count: Int, stream: RandomStream) -> [Double] {
        (0..<count).map { _ in next(using: stream).seconds }
    }
}

extension ArrivalGenerator {
    /// Every arrival until the generator runs dry; bounded, so a broken generator fails instead of hanging.
    mutating func drain(using stream: RandomStream, limit: Int = 10_000_000) -> [Arrival] {
        var arrivals: [Arrival] = []
        while arrivals.count < limit, let arrival = next(using: stream) {
            arrivals.append(arrival)
        }
        return arrivals
    }
}

/// A stream with a fixed seed, so that a failure replays.
func testStream(_ name: String, purpose: RandomStream.Purpose = .durations) -> RandomStream {
    RandomStream(seed: 20_240_601, stream: name, purpose: purpose)
}
