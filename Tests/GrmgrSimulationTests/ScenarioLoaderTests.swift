import Foundation
import Grmgr
import GrmgrSimulation
import XCTest

/// Loading valid scenarios: the shipped files, the DESIGN.md example, defaults, JSON5 syntax, and every
/// arrival process, distribution and event action mapped to the model.
final class ScenarioLoaderTests: XCTestCase {
    /// The example of DESIGN.md ("Scenario files"), verbatim.
    static let designExample = """
        {
          name: "overload-recovery",
          seed: 42,                 // same seed, same bytes out
          duration: "10m",          // simulated horizon, Go duration syntax
          warmup: "1m",             // left out of summary statistics
          sample: "1s",             // grid for the sampled dop trace
          throttles: [{
            name: "data-propagation",
            dop: 20, min: 2, up: 1, down: 2, hold: "30s",
            arrivals: { process: "poisson", rate: 18 },          // per second; also a rate schedule,
                                                                 // "deterministic", "batch", "trace" (CSV replay)
            duration: { dist: "lognormal", zeta: -1.6, sigma: 0.5 },  // seconds; GSL names and parameters
          }],
          profiles: [{ name: "gentle-recovery", steps: [{ after: "0s", up: 1 }, { after: "30s", up: 1 }] }],
          events: [
            { at: "2m", action: "down" },                                   // every throttle
            { at: "3m", throttle: "data-propagation", action: "set", dop: 5 },
            { at: "5m", action: "profile", profile: "gentle-recovery" },
          ],
        }
        """

    static let shippedScenarios = [
        "quickstart", "overload-recovery", "bursty", "batch", "replay", "multi-component",
    ]

    private func loadShipped(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(
            contentsOf: ScenarioTestSupport.scenariosDirectory.appendingPathComponent(name + ".json5"))
    }

    // MARK: - Shipped scenarios

    func testEveryShippedScenarioLoadsAndIsNamedAfterItsFile() throws {
        for name in Self.shippedScenarios {
            let url = ScenarioTestSupport.scenariosDirectory.appendingPathComponent(name + ".json5")
            XCTAssertEqual(ScenarioLoader.validate(contentsOf: url), [], "\(name).json5")
            XCTAssertEqual(try loadShipped(name).name, name)
        }
    }

    func testEveryShippedScenarioStartsWithACommentHeader() throws {
        for name in Self.shippedScenarios {
            let url = ScenarioTestSupport.scenariosDirectory.appendingPathComponent(name + ".json5")
            let text = try String(contentsOf: url, encoding: .utf8)
            XCTAssertTrue(text.hasPrefix("// \(name): "), "\(name).json5 starts with its header")
            XCTAssertTrue(text.contains("What to look at"), "\(name).json5 says what to look at")
        }
    }

    func testShippedOverloadRecoveryIsTheDesignExample() throws {
        let design = try XCTUnwrap(loadScenario(Self.designExample))
        XCTAssertEqual(try loadShipped("overload-recovery"), design)
    }

    func testShippedBatchPutsOneHundredThousandItemsAtTimeZero() throws {
        let scenario = try loadShipped("batch")
        XCTAssertEqual(scenario.throttles.map(\.arrivals), [.batch(count: 100_000, at: .zero)])
        XCTAssertTrue(scenario.drain)
    }

    func testShippedBurstyHasARateScheduleWithBursts() throws {
        let scenario = try loadShipped("bursty")
        guard case .poisson(let schedule) = scenario.throttles[0].arrivals else {
            return XCTFail("expected a Poisson schedule, got \(scenario.throttles[0].arrivals)")
        }
        XCTAssertEqual(schedule.map(\.rate), [20, 60, 20, 60, 20])
        XCTAssertEqual(schedule[1].at, .minutes(5))
    }

    func testShippedReplayReadsItsTraceWithDurationsRelativeToTheScenario() throws {
        let scenario = try loadShipped("replay")
        guard case .trace(let arrivals, let durations?) = scenario.throttles[0].arrivals else {
            return XCTFail("expected a trace with durations, got \(scenario.throttles[0].arrivals)")
        }
        XCTAssertGreaterThanOrEqual(arrivals.count, 200)
        XCTAssertEqual(arrivals.count, durations.count)
        XCTAssertEqual(arrivals.first, .nanoseconds(585_045_000))  // first row: 0.585045,1.585398
        XCTAssertEqual(durations.first, .nanoseconds(1_585_398_000))
        XCTAssertEqual(arrivals, arrivals.sorted())
    }

    func testShippedMultiComponentHasThreeThrottlesAndServiceWideEvents() throws {
        let scenario = try loadShipped("multi-component")
        XCTAssertEqual(scenario.throttles.map(\.config.name), ["ingest", "enrich", "publish"])
        XCTAssertTrue(scenario.events.contains { $0.event.throttle == nil })
        XCTAssertEqual(scenario.throttles[1].config.holdOrigin, .request)
        guard case .empirical(let samples) = scenario.throttles[2].duration.distribution else {
            return XCTFail("expected empirical publish durations")
        }
        XCTAssertFalse(samples.isEmpty)
        XCTAssertEqual(scenario.throttles[2].duration.unit, .milliseconds)
    }

    // MARK: - The DESIGN.md example, field by field

    func testDesignExampleParsesToTheExpectedModel() throws {
        let scenario = try XCTUnwrap(loadScenario(Self.designExample))
        XCTAssertEqual(scenario.name, "overload-recovery")
        XCTAssertEqual(scenario.seed, 42)
        XCTAssertEqual(scenario.duration, .minutes(10))
        XCTAssertEqual(scenario.warmup, .minutes(1))
        XCTAssertEqual(scenario.sample, .seconds(1))
        XCTAssertTrue(scenario.drain)

        XCTAssertEqual(scenario.throttles.count, 1)
        let throttle = scenario.throttles[0]
        XCTAssertEqual(
            throttle.config,
            try ThrottleConfig(name: "data-propagation", dop: 20, down: 2, up: 1, min: 2, hold: .seconds(30)))
        XCTAssertEqual(throttle.arrivals, .poisson(schedule: [RateSegment(at: .zero, rate: 18)]))
        XCTAssertEqual(throttle.duration, DurationSpec(.lognormal(zeta: -1.6, sigma: 0.5), unit: .seconds))

        XCTAssertEqual(
            scenario.profiles,
            [
                try ScalingProfile(
                    name: "gentle-recovery",
                    steps: [.init(after: .zero, action: .up(by: 1)), .init(after: .seconds(30), action: .up(by: 1))])
            ])
        XCTAssertEqual(
            scenario.events,
            [
                TimedScalingEvent(at: .minutes(2), event: ScalingEvent(throttle: nil, action: .down())),
                TimedScalingEvent(
                    at: .minutes(3), event: ScalingEvent(throttle: "data-propagation", action: .set(dop: 5))),
                TimedScalingEvent(at: .minutes(5), event: ScalingEvent(action: .profile("gentle-recovery"))),
            ])
    }

    // MARK: - Defaults and JSON5

    func testOmittedKeysTakeTheirDocumentedDefaults() throws {
        let scenario = try XCTUnwrap(loadScenario(ScenarioTestSupport.scenario()))
        XCTAssertEqual(scenario.seed, 1)
        XCTAssertEqual(scenario.warmup, .zero)
        XCTAssertEqual(scenario.sample, .seconds(1))
        XCTAssertTrue(scenario.drain)
        XCTAssertEqual(scenario.profiles, [])
        XCTAssertEqual(scenario.events, [])
        let config = scenario.throttles[0].config
        XCTAssertEqual([config.min, config.up, config.down], [1, 1, 2])
        XCTAssertEqual(config.hold, .seconds(30))
        XCTAssertEqual(config.holdOrigin, .appliedChange)
        XCTAssertEqual(scenario.throttles[0].duration.unit, .seconds)
    }

    func testJSON5CommentsTrailingCommasUnquotedAndSingleQuotedKeysAreAccepted() throws {
        let text = """
            // a line comment before the value
            {
              /* a block
                 comment */ name: 'json5',   // single quotes
              "seed": 0x10,                   // a quoted key and a hexadecimal number
              duration: "1m",
              drain: false,
              throttles: [
                {
                  name: "a", dop: +3, arrivals: { process: "poisson", rate: .5, },
                  duration: { dist: "constant", value: 2., },
                },
              ],
            }
            """
        let scenario = try XCTUnwrap(loadScenario(text))
        XCTAssertEqual(scenario.name, "json5")
        XCTAssertEqual(scenario.seed, 16)
        XCTAssertFalse(scenario.drain)
        XCTAssertEqual(scenario.throttles[0].config.dop, 3)
        XCTAssertEqual(scenario.throttles[0].arrivals, .poisson(schedule: [RateSegment(at: .zero, rate: 0.5)]))
        XCTAssertEqual(scenario.throttles[0].duration.distribution, .constant(value: 2))
    }

    func testWholeNumbersInExponentNotationCountAsIntegers() throws {
        let text = ScenarioTestSupport.scenario().replacingOccurrences(
            of: "{ process: \"poisson\", rate: 2 }", with: "{ process: \"batch\", count: 1e5 }")
        let scenario = try XCTUnwrap(loadScenario(text))
        XCTAssertEqual(scenario.throttles[0].arrivals, .batch(count: 100_000, at: .zero))
    }

    func testSeedsUpToTheLargestUnsigned64BitValueAreExact() throws {
        let scenario = try XCTUnwrap(
            loadScenario(ScenarioTestSupport.scenario(extra: "\n  seed: 18446744073709551615,")))
        XCTAssertEqual(scenario.seed, .max)
    }

    // MARK: - Arrival processes

    private func arrivals(_ spec: String, line: UInt = #line) -> ArrivalSpec? {
        let text = ScenarioTestSupport.scenario().replacingOccurrences(
            of: "{ process: \"poisson\", rate: 2 }", with: spec)
        return loadScenario(text, line: line)?.throttles[0].arrivals
    }

    func testEveryArrivalProcessMapsToItsSpec() {
        XCTAssertEqual(
            arrivals("{ process: \"poisson\", schedule: [{ at: \"0s\", rate: 5 }, { at: \"1m30s\", rate: 0 }] }"),
            .poisson(schedule: [RateSegment(at: .zero, rate: 5), RateSegment(at: .seconds(90), rate: 0)]))
        XCTAssertEqual(
            arrivals("{ process: \"renewal\", interval: { dist: \"gamma\", a: 2, b: 50, unit: \"ms\" } }"),
            .renewal(interval: DurationSpec(.gamma(a: 2, b: 50), unit: .milliseconds)))
        XCTAssertEqual(
            arrivals("{ process: \"deterministic\", interval: \"100ms\" }"),
            .deterministic(interval: .milliseconds(100)))
        XCTAssertEqual(arrivals("{ process: \"batch\", count: 500, at: \"1m\" }"), .batch(count: 500, at: .minutes(1)))
    }

    // MARK: - Distributions

    private func distribution(_ spec: String, line: UInt = #line) -> DurationSpec? {
        let text = ScenarioTestSupport.scenario().replacingOccurrences(
            of: "{ dist: \"exponential\", mu: 0.5 }", with: spec)
        return loadScenario(text, line: line)?.throttles[0].duration
    }

    func testEveryDistributionMapsToItsCaseWithGSLParameterNames() {
        let expectations: [(String, DurationDistribution)] = [
            ("dist: \"constant\", value: 0.25", .constant(value: 0.25)),
            ("dist: \"exponential\", mu: 2", .exponential(mu: 2)),
            ("dist: \"gaussian\", mean: 1, sigma: 0.2", .gaussian(mean: 1, sigma: 0.2)),
            ("dist: \"lognormal\", zeta: -1, sigma: 0", .lognormal(zeta: -1, sigma: 0)),
            ("dist: \"gamma\", a: 2, b: 0.5", .gamma(a: 2, b: 0.5)),
            ("dist: \"weibull\", a: 1, b: 1.5", .weibull(a: 1, b: 1.5)),
            ("dist: \"pareto\", a: 3, b: 0.1", .pareto(a: 3, b: 0.1)),
            ("dist: \"flat\", a: 0, b: 2", .flat(a: 0, b: 2)),
            ("dist: \"beta\", a: 2, b: 5, scale: 10", .beta(a: 2, b: 5, scale: 10)),
            ("dist: \"rayleigh\", sigma: 0.3", .rayleigh(sigma: 0.3)),
            ("dist: \"chisq\", nu: 3", .chisq(nu: 3)),
            ("dist: \"histogram\", edges: [0, 1, 5], weights: [3, 1]", .histogram(edges: [0, 1, 5], weights: [3, 1])),
        ]
        for (spec, expected) in expectations {
            XCTAssertEqual(distribution("{ \(spec) }")?.distribution, expected, spec)
        }
        XCTAssertEqual(
            distribution("{ dist: \"exponential\", mu: 20, unit: \"us\" }"),
            DurationSpec(.exponential(mu: 20), unit: .microseconds))
    }

    func testEmpiricalDurationsAreReadFromACSVRelativeToTheBaseDirectory() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("duration\n12.5\n\n30\n1e2\n", to: "data/observed.csv")
        let text = ScenarioTestSupport.scenario().replacingOccurrences(
            of: "{ dist: \"exponential\", mu: 0.5 }",
            with: "{ dist: \"empirical\", file: \"data/observed.csv\", unit: \"ms\" }")
        let scenario = try XCTUnwrap(loadScenario(text, base: scratch.url))
        XCTAssertEqual(
            scenario.throttles[0].duration, DurationSpec(.empirical(samples: [12.5, 30, 100]), unit: .milliseconds))
    }

    // MARK: - Events and profiles

    func testEventActionsMapToScalingActions() throws {
        let extra = """

              profiles: [{
                name: "p",
                steps: [{ after: "0s", down: 2 }, { after: "10s", set: 3 }, { after: "10s", percent: 50 }],
              }],
              events: [
                { at: "0s", action: "up" },
                { at: "1m", throttle: "api", action: "up", by: 3 },
                { at: "2m", action: "down", by: 2 },
                { at: "3m", action: "set", dop: 0 },
                { at: "4m", throttle: "api", action: "percent", percent: 75 },
                { at: "9m59s", action: "profile", profile: "p" },
              ],
            """
        let scenario = try XCTUnwrap(loadScenario(ScenarioTestSupport.scenario(extra: extra)))
        XCTAssertEqual(
            scenario.events.map(\.event.action),
            [.up(), .up(by: 3), .down(by: 2), .set(dop: 0), .percent(75), .profile("p")])
        XCTAssertEqual(scenario.events.map(\.event.throttle), [nil, "api", nil, nil, "api", nil])
        XCTAssertEqual(scenario.events.last?.at, .seconds(599))
        XCTAssertEqual(
            scenario.profiles.first?.steps.map(\.action), [.down(by: 2), .set(dop: 3), .percent(50)])
    }

    func testHoldFromRequestSelectsTheGoOriginalsHold() throws {
        let scenario = try XCTUnwrap(
            loadScenario(ScenarioTestSupport.scenario(throttle: " holdFrom: \"request\", hold: \"1m30s\",")))
        XCTAssertEqual(scenario.throttles[0].config.holdOrigin, .request)
        XCTAssertEqual(scenario.throttles[0].config.hold, .seconds(90))
    }

    // MARK: - Files

    func testValidateReturnsNoProblemsForAValidFileAndEveryProblemForAnInvalidOne() throws {
        let scratch = try ScratchDirectory()
        let valid = try scratch.write(ScenarioTestSupport.scenario(), to: "valid.json5")
        let invalid = try scratch.write(
            ScenarioTestSupport.scenario(throttle: " min: 9,", extra: " seed: -1,"), to: "invalid.json5")
        XCTAssertEqual(ScenarioLoader.validate(contentsOf: valid), [])
        let problems = ScenarioLoader.validate(contentsOf: invalid)
        XCTAssertEqual(problems.map(\.keyPath), ["throttles[0].min", "seed"])
        XCTAssertEqual(problems.map(\.file), [invalid.relativePath, invalid.relativePath])
    }

    func testLoadingAMissingScenarioFileNamesTheFile() {
        let url = URL(fileURLWithPath: "/nonexistent/missing.json5")
        XCTAssertThrowsError(try ScenarioLoader.load(contentsOf: url)) { error in
            XCTAssertEqual(
                "\(error)", "/nonexistent/missing.json5: expected a scenario file, got none (it does not exist)")
        }
    }
}
