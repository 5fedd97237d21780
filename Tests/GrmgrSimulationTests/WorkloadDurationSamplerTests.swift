import Grmgr
import GrmgrSimulation
import XCTest

final class WorkloadDurationSamplerTests: XCTestCase {
    private let drawCount = 200_000

    /// Checks the sample mean (and variance, when finite) of `drawCount` draws against the sampler's theory.
    private func assertMomentsMatchTheory(
        _ distribution: DurationDistribution, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        var sampler = try DurationSampler(DurationSpec(distribution))
        let moments = SampleMoments(sampler.drawSeconds(drawCount, stream: testStream("\(distribution)")))
        let mean = try XCTUnwrap(sampler.mean, "\(distribution) has a finite mean", file: file, line: line)
        let variance = try XCTUnwrap(sampler.variance, "\(distribution) has a finite variance", file: file, line: line)
        XCTAssertEqual(
            moments.mean, mean, accuracy: 5 * moments.standardErrorOfMean(variance: variance),
            "mean of \(distribution)", file: file, line: line
        )
        XCTAssertEqual(
            moments.variance, variance, accuracy: 5 * moments.standardErrorOfVariance,
            "variance of \(distribution)", file: file, line: line
        )
    }

    func testExponentialMomentsMatchTheory() throws {
        try assertMomentsMatchTheory(.exponential(mu: 0.2))
    }

    func testGaussianMomentsMatchTheTruncatedNormal() throws {
        try assertMomentsMatchTheory(.gaussian(mean: 1, sigma: 0.5))
    }

    func testLognormalMomentsMatchTheory() throws {
        try assertMomentsMatchTheory(.lognormal(zeta: -1.6, sigma: 0.5))
    }

    func testGammaMomentsMatchTheory() throws {
        try assertMomentsMatchTheory(.gamma(a: 2.5, b: 0.4))
    }

    func testWeibullMomentsMatchTheory() throws {
        try assertMomentsMatchTheory(.weibull(a: 1.5, b: 2))
    }

    func testParetoMomentsMatchTheory() throws {
        // a = 5: the fourth moment exists too, so the variance's standard error is finite.
        try assertMomentsMatchTheory(.pareto(a: 5, b: 0.1))
    }

    func testFlatMomentsMatchTheory() throws {
        try assertMomentsMatchTheory(.flat(a: 0.1, b: 0.5))
    }

    func testBetaMomentsMatchTheoryTimesScale() throws {
        try assertMomentsMatchTheory(.beta(a: 2, b: 5, scale: 3))
    }

    func testRayleighMomentsMatchTheory() throws {
        try assertMomentsMatchTheory(.rayleigh(sigma: 0.3))
    }

    func testChiSquaredMomentsMatchTheory() throws {
        try assertMomentsMatchTheory(.chisq(nu: 4))
    }

    func testTheoreticalMeansAreTheTextbookValues() throws {
        let cases: [(DurationDistribution, Double)] = [
            (.exponential(mu: 0.2), 0.2),
            (.lognormal(zeta: 0, sigma: 1), 1.648_721_270_700_128),
            (.gamma(a: 2, b: 3), 6),
            (.weibull(a: 2, b: 1), 2),
            (.pareto(a: 3, b: 2), 3),
            (.flat(a: 1, b: 3), 2),
            (.beta(a: 1, b: 3, scale: 8), 2),
            (.rayleigh(sigma: 1), 1.253_314_137_315_500_3),
            (.chisq(nu: 3), 3),
            (.constant(value: 0.25), 0.25),
            (.empirical(samples: [1, 2, 6]), 3),
            (.histogram(edges: [0, 2, 4], weights: [1, 3]), 2.5),
            // Half-normal: σ√(2/π).
            (.gaussian(mean: 0, sigma: 1), 0.797_884_560_802_865_4),
        ]
        for (distribution, mean) in cases {
            let sampler = try DurationSampler(DurationSpec(distribution))
            XCTAssertEqual(try XCTUnwrap(sampler.mean), mean, accuracy: 1e-12, "\(distribution)")
        }
        XCTAssertNil(try DurationSampler(DurationSpec(.pareto(a: 1, b: 1))).mean)
        XCTAssertNil(try DurationSampler(DurationSpec(.pareto(a: 2, b: 1))).variance)
    }

    func testGaussianRedrawsNegativesCountsThemAndNeverReturnsANegative() throws {
        // With mean 0.5 and σ 1, P(X < 0) = Φ(−0.5) ≈ 0.3085: each kept draw costs q / (1 − q) redraws on
        // average, with variance q / (1 − q)².
        var sampler = try DurationSampler(DurationSpec(.gaussian(mean: 0.5, sigma: 1)))
        let draws = sampler.drawSeconds(drawCount, stream: testStream("redraws"))
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(draws.min()), 0)
        let q = 0.308_537_538_725_986_9
        let expected = Double(drawCount) * q / (1 - q)
        let sigma = (Double(drawCount) * q / ((1 - q) * (1 - q))).squareRoot()
        XCTAssertEqual(Double(sampler.redrawnNegatives), expected, accuracy: 5 * sigma)
        let moments = SampleMoments(draws)
        let mean = try XCTUnwrap(sampler.mean)
        let variance = try XCTUnwrap(sampler.variance)
        XCTAssertEqual(moments.mean, mean, accuracy: 5 * moments.standardErrorOfMean(variance: variance))
    }

    func testEmpiricalDrawsOnlyObservedValuesAndHitsEveryOneInProportion() throws {
        var sampler = try DurationSampler(DurationSpec(.empirical(samples: [0.1, 0.2, 0.2, 0.7])))
        let stream = testStream("empirical")
        var counts: [TimeAmount: Int] = [:]
        for _ in 0..<drawCount {
            counts[sampler.next(using: stream), default: 0] += 1
        }
        XCTAssertEqual(Set(counts.keys), [.milliseconds(100), .milliseconds(200), .milliseconds(700)])
        let expected: [TimeAmount: Double] = [
            .milliseconds(100): 0.25, .milliseconds(200): 0.5, .milliseconds(700): 0.25,
        ]
        for (value, p) in expected {
            let sigma = (Double(drawCount) * p * (1 - p)).squareRoot()
            XCTAssertEqual(Double(counts[value] ?? 0), Double(drawCount) * p, accuracy: 5 * sigma, "\(value)")
        }
    }

    func testHistogramDrawsFallInBinsWithFrequenciesMatchingWeights() throws {
        let edges = [0.0, 1, 3, 4, 6]
        let weights = [1.0, 0, 3, 4]
        var sampler = try DurationSampler(DurationSpec(.histogram(edges: edges, weights: weights)))
        let draws = sampler.drawSeconds(drawCount, stream: testStream("histogram"))
        var counts = [Int](repeating: 0, count: weights.count)
        for draw in draws {
            let bin = try XCTUnwrap(edges.lastIndex { $0 <= draw }, "draw \(draw) below the first edge")
            XCTAssertLessThan(bin, weights.count, "draw \(draw) at or past the last edge")
            counts[min(bin, weights.count - 1)] += 1
        }
        XCTAssertEqual(counts[1], 0, "a zero-weight bin was drawn")
        // Pearson's statistic over the bins that can be drawn, against a one-in-a-million critical value.
        let total = weights.reduce(0, +)
        var statistic = 0.0
        for (bin, weight) in weights.enumerated() where weight > 0 {
            let expected = Double(drawCount) * weight / total
            statistic += (Double(counts[bin]) - expected) * (Double(counts[bin]) - expected) / expected
        }
        XCTAssertLessThan(statistic, GSLDistributions.chiSquaredQuantile(1 - 1e-6, degreesOfFreedom: 2))
        let moments = SampleMoments(draws)
        let variance = try XCTUnwrap(sampler.variance)
        XCTAssertEqual(
            moments.mean, try XCTUnwrap(sampler.mean), accuracy: 5 * moments.standardErrorOfMean(variance: variance)
        )
    }

    func testUnitScalesDraws() throws {
        XCTAssertEqual(try firstDraw(.constant(value: 2.5), unit: .milliseconds), .microseconds(2_500))
        XCTAssertEqual(try firstDraw(.constant(value: 1.5), unit: .microseconds), .nanoseconds(1_500))
        XCTAssertEqual(try firstDraw(.constant(value: 0.25), unit: .seconds), .milliseconds(250))
        // The same stream in another unit draws the same numbers, a thousand times shorter.
        let inSeconds = try firstDraw(.exponential(mu: 2), unit: .seconds)
        let inMilliseconds = try firstDraw(.exponential(mu: 2), unit: .milliseconds)
        XCTAssertEqual(Double(inSeconds.nanoseconds), Double(inMilliseconds.nanoseconds) * 1_000, accuracy: 500)
        XCTAssertEqual(try DurationSampler(DurationSpec(.exponential(mu: 2), unit: .milliseconds)).mean, 0.002)
    }

    private func firstDraw(_ distribution: DurationDistribution, unit: DurationUnit) throws -> TimeAmount {
        var sampler = try DurationSampler(DurationSpec(distribution, unit: unit))
        return sampler.next(using: testStream("units"))
    }

    func testDrawsRoundToTheNearestNanosecond() throws {
        XCTAssertEqual(try firstDraw(.constant(value: 1.4), unit: .microseconds), .nanoseconds(1_400))
        XCTAssertEqual(try firstDraw(.constant(value: 0.000_000_001_4), unit: .seconds), .nanoseconds(1))
        XCTAssertEqual(try firstDraw(.constant(value: 0.000_000_001_5), unit: .seconds), .nanoseconds(2))
    }

    func testSameStreamGivesTheSameDurations() throws {
        let spec = DurationSpec(.lognormal(zeta: -1.6, sigma: 0.5))
        var first = try DurationSampler(spec)
        var second = try DurationSampler(spec)
        XCTAssertEqual(
            first.drawSeconds(1_000, stream: testStream("replay")),
            second.drawSeconds(1_000, stream: testStream("replay"))
        )
    }

    func testInvalidParametersAreNamedWithTheirValues() {
        let cases: [(DurationDistribution, String)] = [
            (.gaussian(mean: 1, sigma: -1), "invalid sigma -1: expected a number >= 0"),
            (.gaussian(mean: -0.5, sigma: 1), "invalid mean -0.5: expected a number >= 0"),
            (.exponential(mu: 0), "invalid mu 0: expected a number > 0"),
            (.lognormal(zeta: .nan, sigma: 1), "invalid zeta nan: expected a finite number"),
            (.gamma(a: 0, b: 1), "invalid a 0: expected a number > 0"),
            (.weibull(a: 1, b: -2), "invalid b -2: expected a number > 0"),
            (.pareto(a: .infinity, b: 1), "invalid a inf: expected a number > 0"),
            (.flat(a: 2, b: 1), "invalid b 1: expected a number > a (2)"),
            (.beta(a: 1, b: 1, scale: 0), "invalid scale 0: expected a number > 0"),
            (.rayleigh(sigma: 0), "invalid sigma 0: expected a number > 0"),
            (.chisq(nu: -3), "invalid nu -3: expected a number > 0"),
            (.constant(value: -1), "invalid value -1: expected a number >= 0"),
            (.empirical(samples: []), "invalid samples []: expected at least one sample"),
            (.empirical(samples: [1, -0.25]), "invalid samples[1] -0.25: expected a number >= 0"),
            (
                .histogram(edges: [0, 1], weights: [1, 1]),
                "invalid edges 2 edges: expected one more edge than weights (3)"
            ),
            (
                .histogram(edges: [0, 2, 2], weights: [1, 1]),
                "invalid edges[2] 2: expected a number > edges[1] (2)"
            ),
            (.histogram(edges: [-1, 2], weights: [1]), "invalid edges[0] -1: expected a number >= 0"),
            (.histogram(edges: [0, 1, 2], weights: [1, -1]), "invalid weights[1] -1: expected a number >= 0"),
            (
                .histogram(edges: [0, 1, 2], weights: [0, 0]),
                "invalid weights all 0: expected at least one weight > 0"
            ),
        ]
        for (distribution, message) in cases {
            XCTAssertThrowsError(try DurationSampler(DurationSpec(distribution)), "\(distribution)") { error in
                XCTAssertEqual("\(error)", message)
            }
        }
    }

    func testInvalidParameterErrorCarriesParameterValueAndExpectation() {
        do {
            _ = try DurationSampler(DurationSpec(.gaussian(mean: 1, sigma: -1)))
            XCTFail("sigma -1 was accepted")
        } catch {
            XCTAssertEqual(error, WorkloadError(parameter: "sigma", value: "-1", expected: "a number >= 0"))
        }
    }
}
