import Grmgr
import GrmgrSimulation
import XCTest

final class WorkloadArrivalGeneratorTests: XCTestCase {
    private func arrivals(
        _ spec: ArrivalSpec, horizon: TimeAmount, stream: String = "arrivals"
    ) throws -> [Arrival] {
        var generator = try ArrivalGenerator(spec, horizon: horizon)
        return generator.drain(using: testStream(stream, purpose: .arrivals))
    }

    private func assertOrderedBefore(
        _ horizon: TimeAmount, _ arrivals: [Arrival], file: StaticString = #filePath, line: UInt = #line
    ) {
        let ordered = zip(arrivals, arrivals.dropFirst()).allSatisfy { $0.at <= $1.at }
        XCTAssert(ordered, "arrivals out of order", file: file, line: line)
        let inside = arrivals.allSatisfy { $0.at >= .zero && $0.at < .zero + horizon }
        XCTAssert(inside, "arrival outside [0, horizon)", file: file, line: line)
    }

    private func count(_ arrivals: [Arrival], from start: TimeAmount, to end: TimeAmount) -> Int {
        arrivals.count { $0.at >= .zero + start && $0.at < .zero + end }
    }

    func testPoissonConstantRateCountAndInterArrivalMeanMatchTheory() throws {
        let rate = 50.0
        let horizon = TimeAmount.seconds(400)
        let arrivals = try arrivals(.poisson(schedule: [RateSegment(at: .zero, rate: rate)]), horizon: horizon)
        assertOrderedBefore(horizon, arrivals)
        let expected = rate * horizon.seconds
        XCTAssertEqual(Double(arrivals.count), expected, accuracy: 5 * expected.squareRoot())
        let gaps = zip([TimePoint.zero] + arrivals.map(\.at), arrivals.map(\.at)).map { ($1 - $0).seconds }
        let moments = SampleMoments(gaps)
        XCTAssertEqual(moments.mean, 1 / rate, accuracy: 5 * moments.standardErrorOfMean(variance: 1 / (rate * rate)))
        // Exponential gaps: the variance is the squared mean.
        XCTAssertEqual(moments.variance, 1 / (rate * rate), accuracy: 5 * moments.standardErrorOfVariance)
    }

    func testPoissonScheduleCountsPerSegmentMatchRateTimesLength() throws {
        let schedule = [
            RateSegment(at: .zero, rate: 20),
            RateSegment(at: .seconds(100), rate: 0),
            RateSegment(at: .seconds(150), rate: 100),
            RateSegment(at: .seconds(200), rate: 5),
        ]
        let horizon = TimeAmount.seconds(400)
        let arrivals = try arrivals(.poisson(schedule: schedule), horizon: horizon)
        assertOrderedBefore(horizon, arrivals)
        let bounds: [TimeAmount] = [.zero, .seconds(100), .seconds(150), .seconds(200), horizon]
        for (index, segment) in schedule.enumerated() {
            let observed = count(arrivals, from: bounds[index], to: bounds[index + 1])
            let expected = segment.rate * (bounds[index + 1] - bounds[index]).seconds
            XCTAssertEqual(Double(observed), expected, accuracy: 5 * expected.squareRoot(), "segment \(index)")
        }
        XCTAssertEqual(count(arrivals, from: .seconds(100), to: .seconds(150)), 0, "arrival in a zero-rate segment")
    }

    func testPoissonZeroRateBeforeTheFirstSegmentAndAfterAPause() throws {
        let schedule = [
            RateSegment(at: .seconds(5), rate: 1_000),
            RateSegment(at: .seconds(6), rate: 0),
            RateSegment(at: .seconds(9), rate: 1_000),
        ]
        let arrivals = try arrivals(.poisson(schedule: schedule), horizon: .seconds(10))
        XCTAssertEqual(count(arrivals, from: .zero, to: .seconds(5)), 0)
        XCTAssertEqual(count(arrivals, from: .seconds(6), to: .seconds(9)), 0)
        XCTAssertEqual(Double(arrivals.count), 2_000, accuracy: 5 * 2_000.0.squareRoot())
    }

    func testPoissonSegmentsPastTheHorizonAreNeverReached() throws {
        let schedule = [RateSegment(at: .zero, rate: 10), RateSegment(at: .seconds(100), rate: 1e6)]
        let arrivals = try arrivals(.poisson(schedule: schedule), horizon: .seconds(100))
        assertOrderedBefore(.seconds(100), arrivals)
        XCTAssertEqual(Double(arrivals.count), 1_000, accuracy: 5 * 1_000.0.squareRoot())
    }

    func testPoissonArrivalsReplayFromTheSameStream() throws {
        let spec = ArrivalSpec.poisson(schedule: [RateSegment(at: .zero, rate: 30)])
        XCTAssertEqual(try arrivals(spec, horizon: .seconds(60)), try arrivals(spec, horizon: .seconds(60)))
        XCTAssertNotEqual(
            try arrivals(spec, horizon: .seconds(60)), try arrivals(spec, horizon: .seconds(60), stream: "other")
        )
    }

    func testDeterministicArrivalsComeAtEveryIntervalBeforeTheHorizon() throws {
        let arrivals = try arrivals(.deterministic(interval: .milliseconds(250)), horizon: .seconds(1))
        XCTAssertEqual(arrivals.map(\.at), [250, 500, 750].map { TimePoint.zero + .milliseconds($0) })
        XCTAssert(arrivals.allSatisfy { $0.duration == nil })
    }

    func testBatchArrivesAllAtOnceOrNotAtAllPastTheHorizon() throws {
        XCTAssertEqual(
            try arrivals(.batch(count: 3, at: .seconds(2)), horizon: .seconds(10)),
            Array(repeating: Arrival(at: .zero + .seconds(2)), count: 3)
        )
        XCTAssertEqual(try arrivals(.batch(count: 3, at: .seconds(10)), horizon: .seconds(10)), [])
        XCTAssertEqual(try arrivals(.batch(count: 0, at: .zero), horizon: .seconds(10)), [])
    }

    func testTraceReplaysInstantsAndDurationsUpToTheHorizon() throws {
        let spec = ArrivalSpec.trace(
            arrivals: [.zero, .seconds(1), .seconds(1), .seconds(3)],
            durations: [.milliseconds(5), .milliseconds(6), .zero, .milliseconds(8)]
        )
        XCTAssertEqual(
            try arrivals(spec, horizon: .seconds(2)),
            [
                Arrival(at: .zero, duration: .milliseconds(5)),
                Arrival(at: .zero + .seconds(1), duration: .milliseconds(6)),
                Arrival(at: .zero + .seconds(1), duration: .zero),
            ]
        )
        let instantsOnly = ArrivalSpec.trace(arrivals: [.seconds(1), .seconds(2)], durations: nil)
        let withoutDurations = try arrivals(instantsOnly, horizon: .hours(1))
        XCTAssertEqual(withoutDurations, [Arrival(at: .zero + .seconds(1)), Arrival(at: .zero + .seconds(2))])
    }

    func testRenewalArrivalsAccumulateIntervalsExactly() throws {
        let constant = try arrivals(.renewal(interval: DurationSpec(.constant(value: 0.5))), horizon: .seconds(2))
        XCTAssertEqual(constant.map(\.at), [500, 1_000, 1_500].map { TimePoint.zero + .milliseconds($0) })
        // 1/3 s rounds to 333_333_333 ns each time: the sum stays a whole multiple, with no drift.
        let thirds = try arrivals(.renewal(interval: DurationSpec(.constant(value: 1.0 / 3))), horizon: .seconds(1_000))
        XCTAssertEqual(thirds.last?.at, .zero + .nanoseconds(333_333_333 * 3_000))
    }

    func testRenewalIntervalMeanMatchesItsDistribution() throws {
        let horizon = TimeAmount.seconds(2_000)
        let arrivals = try arrivals(.renewal(interval: DurationSpec(.flat(a: 0.1, b: 0.3))), horizon: horizon)
        assertOrderedBefore(horizon, arrivals)
        let gaps = zip([TimePoint.zero] + arrivals.map(\.at), arrivals.map(\.at)).map { ($1 - $0).seconds }
        let moments = SampleMoments(gaps)
        XCTAssertEqual(moments.mean, 0.2, accuracy: 5 * moments.standardErrorOfMean(variance: 0.04 / 12))
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(gaps.min()), 0.1)
    }

    func testGeneratorStaysExhaustedAfterTheHorizon() throws {
        var generator = try ArrivalGenerator(.deterministic(interval: .seconds(1)), horizon: .milliseconds(2_500))
        let stream = testStream("exhausted", purpose: .arrivals)
        XCTAssertEqual(generator.drain(using: stream).count, 2)
        for _ in 0..<5 {
            XCTAssertNil(generator.next(using: stream))
        }
        var empty = try ArrivalGenerator(.poisson(schedule: [RateSegment(at: .zero, rate: 1e6)]), horizon: .zero)
        XCTAssertNil(empty.next(using: stream))
    }

    func testInvalidSpecsAreNamedWithTheirValues() {
        let cases: [(ArrivalSpec, String)] = [
            (.poisson(schedule: []), "invalid schedule []: expected at least one rate segment"),
            (
                .poisson(schedule: [RateSegment(at: .zero, rate: 1), RateSegment(at: .seconds(1), rate: -2)]),
                "invalid schedule[1].rate -2: expected a number >= 0"
            ),
            (
                .poisson(schedule: [RateSegment(at: .seconds(-1), rate: 1)]),
                "invalid schedule[0].at -1s: expected a time >= 0s"
            ),
            (
                .poisson(schedule: [
                    RateSegment(at: .zero, rate: 1), RateSegment(at: .seconds(5), rate: 2),
                    RateSegment(at: .seconds(5), rate: 3),
                ]),
                "invalid schedule[2].at 5s: expected a time after schedule[1].at (5s)"
            ),
            (
                .poisson(schedule: [RateSegment(at: .zero, rate: 0), RateSegment(at: .minutes(1), rate: 0)]),
                "invalid schedule [0s: 0/s, 1m0s: 0/s]: expected a rate > 0 somewhere"
            ),
            (
                .renewal(interval: DurationSpec(.gaussian(mean: 1, sigma: -1))),
                "invalid interval.sigma -1: expected a number >= 0"
            ),
            (
                .renewal(interval: DurationSpec(.constant(value: 0))),
                "invalid interval with mean 0s: expected a distribution with a mean >= 1ns"
            ),
            (.deterministic(interval: .zero), "invalid interval 0s: expected a duration > 0"),
            (.batch(count: -1, at: .zero), "invalid count -1: expected a count >= 0"),
            (.batch(count: 1, at: .seconds(-2)), "invalid at -2s: expected a time >= 0s"),
            (.trace(arrivals: [.seconds(-1)], durations: nil), "invalid arrivals[0] -1s: expected a time >= 0s"),
            (
                .trace(arrivals: [.seconds(2), .seconds(1)], durations: nil),
                "invalid arrivals[1] 1s: expected a time >= arrivals[0] (2s)"
            ),
            (
                .trace(arrivals: [.seconds(1), .seconds(2)], durations: [.seconds(1)]),
                "invalid durations 1 durations: expected one per arrival (2)"
            ),
            (
                .trace(arrivals: [.seconds(1)], durations: [.milliseconds(-3)]),
                "invalid durations[0] -3ms: expected a duration >= 0s"
            ),
        ]
        for (spec, message) in cases {
            XCTAssertThrowsError(try ArrivalGenerator(spec, horizon: .seconds(10)), "\(spec)") { error in
                XCTAssertEqual("\(error)", message)
            }
        }
        XCTAssertThrowsError(try ArrivalGenerator(.batch(count: 1, at: .zero), horizon: .seconds(-1))) { error in
            XCTAssertEqual("\(error)", "invalid horizon -1s: expected a duration >= 0")
        }
    }
}
