import XCTest

@testable import grmgr_sim

final class CommandLineParserTests: XCTestCase {
    private let specs = SampleSweepCommand().arguments

    private func parse(_ words: [String]) throws -> ParsedArguments {
        try CommandLineParser.parse(words[...], specs: specs).arguments
    }

    private func assertUsageError(_ words: [String], _ message: String, line: UInt = #line) {
        XCTAssertThrowsError(try parse(words), line: line) { error in
            XCTAssertEqual((error as? UsageError)?.message, message, line: line)
        }
    }

    func testOptionsInBothFormsFlagsAndPositionals() throws {
        let arguments = try parse(["s.json5", "--out", "dir", "--replications=5", "--json", "a", "b"])
        XCTAssertEqual(arguments.value("scenario"), "s.json5")
        XCTAssertEqual(arguments.value("out"), "dir")
        XCTAssertEqual(try arguments.integer("replications"), 5)
        XCTAssertTrue(arguments.flag("json"))
        XCTAssertEqual(arguments.values("extras"), ["a", "b"])
        XCTAssertNil(arguments.value("offset"))
    }

    func testShortNamesAndAnEqualsSignInsideAValue() throws {
        let arguments = try parse(["-o", "out dir", "-r", "3", "--vary=hold=0s,30s", "s"])
        XCTAssertEqual(arguments.value("out"), "out dir")
        XCTAssertEqual(try arguments.integer("replications"), 3)
        XCTAssertEqual(arguments.values("vary"), ["hold=0s,30s"])
        XCTAssertFalse(arguments.flag("json"))
    }

    func testRepeatedOptionsKeepEveryValueInOrder() throws {
        let arguments = try parse(["--vary", "hold=0s,10s", "s", "--vary", "up=1,2", "--vary=down=1,2,4"])
        XCTAssertEqual(arguments.values("vary"), ["hold=0s,10s", "up=1,2", "down=1,2,4"])
    }

    func testDoubleDashEndsOptions() throws {
        let arguments = try parse(["--json", "--", "--strange-name.json5", "-h"])
        XCTAssertEqual(arguments.value("scenario"), "--strange-name.json5")
        XCTAssertEqual(arguments.values("extras"), ["-h"])
        XCTAssertTrue(arguments.flag("json"))
    }

    func testNegativeNumbersAndDashAreValues() throws {
        let arguments = try parse(["-", "--offset", "-1.5", "-7"])
        XCTAssertEqual(arguments.value("scenario"), "-")
        XCTAssertEqual(arguments.value("offset"), "-1.5")
        XCTAssertEqual(arguments.values("extras"), ["-7"])
    }

    func testHelpAnywhereBeforeDoubleDashAsksForHelp() {
        for words in [["--help"], ["s", "-h"], ["--out", "x", "--help", "--bogus"]] {
            XCTAssertThrowsError(try parse(words)) { error in
                XCTAssertTrue(error is CommandLineParser.HelpRequest, "\(words)")
            }
        }
    }

    func testUsageErrorsSayWhatWasWrong() {
        assertUsageError(["s", "--colour"], "unknown option '--colour'")
        assertUsageError(["s", "--jsn"], "unknown option '--jsn'; did you mean '--json'?")
        assertUsageError(["s", "-x"], "unknown option '-x'")
        assertUsageError(["s", "-oj"], "unknown option '-oj'")
        assertUsageError(["s", "--out"], "missing value for '--out <dir>'")
        assertUsageError(["s", "--out", "--json"], "missing value for '--out <dir>'")
        assertUsageError(["s", "--json=yes"], "flag '--json' does not take a value")
        assertUsageError(["s", "--out", "a", "-o", "b"], "option '--out <dir>' given more than once")
        assertUsageError([], "missing expected argument '<scenario>'")
    }

    func testBadValuesAreUsageErrorsNamingTheOption() throws {
        let arguments = try parse(["s", "--replications", "many"])
        XCTAssertThrowsError(try arguments.integer("replications")) { error in
            XCTAssertEqual(
                (error as? UsageError)?.message,
                "invalid value 'many' for '--replications <n>': expected an integer"
            )
        }
    }

    func testRequiredOptionsAndExtraPositionals() {
        let required = [ArgumentSpec.option("how", help: "How.", isRequired: true)]
        XCTAssertThrowsError(try CommandLineParser.parse([][...], specs: required)) { error in
            XCTAssertEqual((error as? UsageError)?.message, "missing expected argument '--how <how>'")
        }
        XCTAssertThrowsError(try CommandLineParser.parse(["x"][...], specs: required + [])) { error in
            XCTAssertEqual((error as? UsageError)?.message, "unexpected argument 'x'")
        }
        let files = [ArgumentSpec.positional("files", help: "Files.", isRepeating: true)]
        XCTAssertThrowsError(try CommandLineParser.parse([][...], specs: files)) { error in
            XCTAssertEqual((error as? UsageError)?.message, "missing expected argument '<files> ...'")
        }
    }

    func testAGroupStopsAtItsSubcommandsName() throws {
        let specs = [ArgumentSpec.flag("version", help: "Version.")]
        let outcome = try CommandLineParser.parse(
            ["--version", "sweep", "--out", "x"][...],
            specs: specs,
            stopAtFirstPositional: true
        )
        XCTAssertTrue(outcome.arguments.flag("version"))
        XCTAssertEqual(Array(outcome.remainder), ["sweep", "--out", "x"])
    }

    func testEditDistance() {
        XCTAssertEqual(CommandLineParser.editDistance("", ""), 0)
        XCTAssertEqual(CommandLineParser.editDistance("version", "verison"), 2)
        XCTAssertEqual(CommandLineParser.editDistance("kitten", "sitting"), 3)
        XCTAssertEqual(CommandLineParser.suggestionSuffix(for: "zzz", among: ["version"]), "")
    }
}
