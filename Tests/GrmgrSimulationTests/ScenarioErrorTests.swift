import Foundation
import GrmgrSimulation
import XCTest

/// Every kind of scenario error names the file, the place (line:column and key path) and what was
/// expected, in the form `FILE:LINE:COL: KEYPATH: expected …, got …`.
final class ScenarioErrorTests: XCTestCase {
    /// The single problem of loading `text`, as printed.
    private func message(_ text: String, file: String = "test.json5", line: UInt = #line) -> String? {
        guard let error = loadError(text, file: file, line: line) else { return nil }
        XCTAssertEqual(error.problems.count, 1, "expected one problem, got:\n\(error)", line: line)
        return error.description
    }

    /// The minimal scenario with `old` replaced by `new`.
    private func replacing(_ old: String, with new: String) -> String {
        let text = ScenarioTestSupport.scenario()
        precondition(text.contains(old), "the template has no \(old)")
        return text.replacingOccurrences(of: old, with: new)
    }

    // MARK: - Syntax

    func testSyntaxErrorGivesLineAndColumn() {
        XCTAssertEqual(
            message("{\n  name: \"x\",\n  seed: [1, 2,, 3],\n}", file: "quickstart.json5"),
            "quickstart.json5:3:15: expected a value or ']', got ','")
    }

    func testMissingCommaBetweenMembersIsASyntaxErrorAtTheNextKey() {
        XCTAssertEqual(
            message("{\n  name: \"x\"\n  duration: \"1m\",\n}"),
            "test.json5:3:3: expected ',' or '}' after the value of \"name\", got 'd'")
    }

    func testUnquotedDurationIsASyntaxErrorThatSuggestsQuotes() {
        XCTAssertEqual(
            message("{ name: \"x\",\n  duration: 10m }"),
            "test.json5:2:13: expected a number, got 10m (a Go duration? durations are strings: \"10m\")")
    }

    func testUnterminatedStringAndCommentAreReportedWhereTheyStart() {
        XCTAssertEqual(
            message("{ name: \"x,\n}"),
            "test.json5:1:12: expected a closing \" before the end of the line (write a line break as \\n)")
        XCTAssertEqual(
            message("{ name: \"x\" /* never closed\n}"),
            "test.json5:1:13: expected */ to close the comment that starts here")
    }

    func testDuplicateKeyIsAnErrorNamingTheFirstOccurrence() {
        XCTAssertEqual(
            message("{\n  name: \"a\",\n  name: \"b\",\n}"),
            "test.json5:3:3: expected each key once per object, got \"name\" again (first at 2:3)")
    }

    // MARK: - Keys and types

    func testUnknownTopLevelKeyListsTheAllowedKeys() {
        XCTAssertEqual(
            message(ScenarioTestSupport.scenario(extra: "\n  drian: false,")),
            "test.json5:9:3: drian: expected one of the keys name, seed, duration, warmup, sample, drain, throttles, "
                + "profiles, events, got unknown key \"drian\" (did you mean \"drain\"?)")
    }

    func testUnknownNestedKeyNamesItsPathAndTheKeysOfThatObject() {
        XCTAssertEqual(
            message(ScenarioTestSupport.scenario(throttle: " maxDop: 3,")),
            "test.json5:7:49: throttles[0].maxDop: expected one of the keys name, dop, min, up, down, hold, holdFrom, "
                + "arrivals, duration, got unknown key \"maxDop\"")
        XCTAssertEqual(
            message(replacing("mu: 0.5", with: "mu: 0.5, sigma: 1")),
            "test.json5:7:47: throttles[0].duration.sigma: expected one of the keys dist, mu, unit "
                + "for dist \"exponential\", got unknown key \"sigma\"")
    }

    func testWrongTypeNamesTheTypeFound() {
        XCTAssertEqual(
            message(replacing("dop: 4", with: "dop: \"4\"")),
            "test.json5:5:23: throttles[0].dop: expected an integer >= 1, got the string \"4\"")
        XCTAssertEqual(
            message(ScenarioTestSupport.scenario(extra: " drain: \"yes\",")),
            "test.json5:8:14: drain: expected true or false, got the string \"yes\"")
        XCTAssertEqual(
            message(replacing("dop: 4", with: "dop: 2.5")),
            "test.json5:5:23: throttles[0].dop: expected an integer >= 1, got 2.5")
    }

    func testMissingRequiredKeyIsReportedAtItsObject() {
        XCTAssertEqual(
            message(replacing("name: \"api\", ", with: "")),
            "test.json5:4:15: throttles[0].name: expected a non-empty string, got nothing (required)")
    }

    // MARK: - Ranges

    func testRateOfZeroOrLessIsRefused() {
        XCTAssertEqual(
            message(replacing("rate: 2", with: "rate: 0")),
            "test.json5:6:43: throttles[0].arrivals.rate: expected a number > 0, got 0")
        XCTAssertEqual(
            message(replacing("rate: 2", with: "rate: -1.5")),
            "test.json5:6:43: throttles[0].arrivals.rate: expected a number > 0, got -1.5")
    }

    func testNegativeSigmaIsRefused() {
        XCTAssertEqual(
            message(replacing("dist: \"exponential\", mu: 0.5", with: "dist: \"lognormal\", zeta: -1.6, sigma: -1")),
            "test.json5:7:55: throttles[0].duration.sigma: expected a number >= 0, got -1")
    }

    func testDopBelowOneIsRefused() {
        XCTAssertEqual(
            message(replacing("dop: 4", with: "dop: 0")),
            "test.json5:5:23: throttles[0].dop: expected an integer >= 1, got 0")
    }

    func testMinAboveDopIsRefusedAtMin() {
        XCTAssertEqual(
            message(ScenarioTestSupport.scenario(throttle: " min: 5,")),
            "test.json5:7:54: throttles[0].min: expected an integer from 0 to dop (4), got 5")
    }

    func testNonFiniteNumbersAreRefused() {
        XCTAssertEqual(
            message(replacing("mu: 0.5", with: "mu: Infinity")),
            "test.json5:7:42: throttles[0].duration.mu: expected a number > 0, got Infinity")
    }

    func testFlatNeedsBAboveA() {
        XCTAssertEqual(
            message(replacing("dist: \"exponential\", mu: 0.5", with: "dist: \"flat\", a: 2, b: 1")),
            "test.json5:7:40: throttles[0].duration.b: expected a number > a (2), got 1")
    }

    func testHistogramNeedsOneWeightPerBin() {
        XCTAssertEqual(
            message(
                replacing("dist: \"exponential\", mu: 0.5", with: "dist: \"histogram\", edges: [0, 1, 2], weights: [1]")
            ),
            "test.json5:7:63: throttles[0].duration.weights: expected 2 weights, one per bin between the 3 edges, got 1"
        )
    }

    // MARK: - Durations

    func testBadGoDurationQuotesTheTextAndGosReason() {
        XCTAssertEqual(
            message(ScenarioTestSupport.scenario(throttle: " hold: \"5 seconds\",")),
            "test.json5:7:55: throttles[0].hold: expected a Go duration >= 0s such as \"30s\" or \"1m30s\", "
                + "got \"5 seconds\" (time: unknown unit \" seconds\" in duration \"5 seconds\")")
    }

    func testDurationGivenAsANumberSuggestsAUnit() {
        XCTAssertEqual(
            message(replacing("duration: \"10m\"", with: "duration: 600")),
            "test.json5:3:13: duration: expected a Go duration > 0s such as \"30s\" or \"1m30s\", "
                + "got the number 600 (durations are strings with a unit, such as \"600s\")")
    }

    func testWarmupMustBeShorterThanDuration() {
        XCTAssertEqual(
            message(ScenarioTestSupport.scenario(extra: " warmup: \"10m\",")),
            "test.json5:8:15: warmup: expected a warmup shorter than the duration (\"10m\"), got \"10m\"")
    }

    // MARK: - Events and profiles

    func testUnknownThrottleInEventNamesTheEventIndex() {
        let extra = "\n  events: [{ at: \"1m\", action: \"up\" }, { at: \"2m\", throttle: \"apx\", action: \"down\" }],"
        XCTAssertEqual(
            message(ScenarioTestSupport.scenario(extra: extra)),
            "test.json5:9:62: events[1].throttle: expected the name of a throttle (\"api\"), or no throttle key "
                + "for every throttle, got \"apx\" (did you mean \"api\"?)")
    }

    func testUnknownProfileInEventNamesTheEventIndexAndTheDeclaredProfiles() {
        let extra = """

              profiles: [{ name: "gentle", steps: [{ after: "0s", up: 1 }] }],
              events: [{ at: "5m", action: "profile", profile: "rapid" }],
            """
        XCTAssertEqual(
            message(ScenarioTestSupport.scenario(extra: extra)),
            "test.json5:10:52: events[0].profile: expected the name of a profile (\"gentle\"), got \"rapid\"")
    }

    func testEventAtOrAfterTheDurationIsRefused() {
        XCTAssertEqual(
            message(ScenarioTestSupport.scenario(extra: " events: [{ at: \"10m\", action: \"up\" }],")),
            "test.json5:8:22: events[0].at: expected an instant before the end of the run (duration \"10m\"), "
                + "got \"10m\"")
    }

    func testEventKeysDependOnTheAction() {
        XCTAssertEqual(
            message(ScenarioTestSupport.scenario(extra: " events: [{ at: \"1m\", action: \"up\", dop: 3 }],")),
            "test.json5:8:42: events[0].dop: expected one of the keys at, throttle, action, by for action \"up\", "
                + "got unknown key \"dop\"")
        XCTAssertEqual(
            message(ScenarioTestSupport.scenario(extra: " events: [{ at: \"1m\", action: \"set\" }],")),
            "test.json5:8:16: events[0].dop: expected an integer >= 0 (clamped to the throttle's min and dop), "
                + "got nothing (required)")
    }

    func testProfileStepWithTwoActionsIsRefused() {
        let extra = " profiles: [{ name: \"p\", steps: [{ after: \"0s\", up: 1, set: 4 }] }],"
        XCTAssertEqual(
            message(ScenarioTestSupport.scenario(extra: extra)),
            "test.json5:8:61: profiles[0].steps[0].set: expected one action per step, got both up and set")
    }

    func testProfileStepsOutOfOrderAreRefused() {
        let extra = " profiles: [{ name: \"p\", steps: [{ after: \"1m\", up: 1 }, { after: \"30s\", up: 1 }] }],"
        XCTAssertEqual(
            message(ScenarioTestSupport.scenario(extra: extra)),
            "test.json5:8:72: profiles[0].steps[1].after: expected an offset >= the previous step's \"1m\" "
                + "(steps run in order), got \"30s\"")
    }

    func testDuplicateThrottleNamesAreRefused() {
        let text = ScenarioTestSupport.scenario().replacingOccurrences(
            of: "  }],",
            with: "  }, { name: \"api\", dop: 1, arrivals: { process: \"batch\", count: 1 },"
                + " duration: { dist: \"constant\", value: 1 } }],")
        XCTAssertEqual(
            message(text),
            "test.json5:8:14: throttles[1].name: expected a name no other throttle has, got \"api\" "
                + "(also throttles[0].name)")
    }

    // MARK: - Arrivals

    func testPoissonNeedsExactlyOneOfRateAndSchedule() {
        XCTAssertEqual(
            message(replacing("rate: 2", with: "rate: 2, schedule: [{ at: \"0s\", rate: 1 }]")),
            "test.json5:6:56: throttles[0].arrivals.schedule: expected either rate or schedule, not both, got both")
    }

    func testRateScheduleMustStartAtZero() {
        XCTAssertEqual(
            message(replacing("rate: 2", with: "schedule: [{ at: \"1m\", rate: 1 }]")),
            "test.json5:6:54: throttles[0].arrivals.schedule[0].at: expected \"0s\" for the first segment, "
                + "so that the schedule covers the start, got \"1m\"")
    }

    func testUnknownProcessSuggestsTheClosestName() {
        XCTAssertEqual(
            message(replacing("process: \"poisson\", rate: 2", with: "process: \"poison\"")),
            "test.json5:6:26: throttles[0].arrivals.process: expected one of \"poisson\", \"renewal\", "
                + "\"deterministic\", \"batch\", \"trace\", got \"poison\" (did you mean \"poisson\"?)")
    }

    // MARK: - Collecting

    func testEveryProblemOfAFileIsReportedInFileOrder() throws {
        let text = ScenarioTestSupport.scenario(throttle: " min: 9,", extra: " seed: -1, sample: \"0s\",")
            .replacingOccurrences(of: "rate: 2", with: "rate: 0")
        let error = try XCTUnwrap(loadError(text))
        XCTAssertEqual(
            error.problems.map(\.keyPath),
            ["throttles[0].arrivals.rate", "throttles[0].min", "seed", "sample"])
        XCTAssertEqual(error.problems.map(\.line), [6, 7, 8, 8])
        XCTAssertEqual(error.description.split(separator: "\n").count, 4)
        XCTAssertEqual(error.keyPath, "throttles[0].arrivals.rate")
        XCTAssertEqual(error.message, "expected a number > 0, got 0")
        XCTAssertEqual(error.file, "test.json5")
    }

    func testProblemDescriptionLeavesOutMissingParts() {
        XCTAssertEqual(
            ScenarioError.Problem(file: "a.json5", keyPath: "", message: "expected x, got y").description,
            "a.json5: expected x, got y")
        XCTAssertEqual(
            ScenarioError.Problem(file: "a.json5", line: 3, keyPath: "seed", message: "expected x, got y").description,
            "a.json5:3: seed: expected x, got y")
    }
}
