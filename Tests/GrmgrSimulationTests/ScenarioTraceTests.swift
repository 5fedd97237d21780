import Foundation
import Grmgr
import XCTest

@testable import GrmgrSimulation

/// Trace and empirical CSV files: exact decimal seconds, header and row checks, and errors that name the
/// CSV file, its line and column, and the scenario key that refers to it.
final class ScenarioTraceTests: XCTestCase {
    private var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        scratch = try ScratchDirectory()
    }

    override func tearDown() {
        scratch = nil
    }

    /// A scenario whose only throttle replays `data/trace.csv`; `duration` adds a distribution.
    private func traceScenario(duration: String? = nil) -> String {
        """
        {
          name: "trace",
          duration: "1h",
          throttles: [{
            name: "api", dop: 2,
            arrivals: { process: "trace", file: "data/trace.csv" },\(duration.map { "\n    duration: \($0)," } ?? "")
          }],
        }
        """
    }

    /// The trace CSV's path as messages show it (absolute: the scratch directory is outside the working one).
    private var tracePath: String { scratch.url.appendingPathComponent("data/trace.csv").standardizedFileURL.path }

    private func loadTrace(_ csv: String, line: UInt = #line) throws -> ArrivalSpec? {
        try scratch.write(csv, to: "data/trace.csv")
        return loadScenario(traceScenario(), base: scratch.url, line: line)?.throttles[0].arrivals
    }

    private func traceError(_ csv: String, line: UInt = #line) throws -> String? {
        try scratch.write(csv, to: "data/trace.csv")
        return loadError(traceScenario(), base: scratch.url, line: line)?.description
    }

    // MARK: - Exact decimals

    func testDecimalSecondsAreExactToTheNanosecond() throws {
        XCTAssertEqual(try DecimalSeconds.nanoseconds("0.000000001"), 1)
        XCTAssertEqual(try DecimalSeconds.nanoseconds("1.5"), 1_500_000_000)
        XCTAssertEqual(try DecimalSeconds.nanoseconds("0.1"), 100_000_000)
        XCTAssertEqual(try DecimalSeconds.nanoseconds("12"), 12_000_000_000)
        XCTAssertEqual(try DecimalSeconds.nanoseconds(".25"), 250_000_000)
        XCTAssertEqual(try DecimalSeconds.nanoseconds("3."), 3_000_000_000)
        XCTAssertEqual(try DecimalSeconds.nanoseconds("9223372036.854775807"), .max)
    }

    func testDigitsPastTheNinthDecimalRoundHalfUp() throws {
        XCTAssertEqual(try DecimalSeconds.nanoseconds("0.0000000014"), 1)
        XCTAssertEqual(try DecimalSeconds.nanoseconds("0.0000000015"), 2)
        XCTAssertEqual(try DecimalSeconds.nanoseconds("0.9999999999"), 1_000_000_000)
    }

    func testNonDecimalTextAndOverflowAreRefused() {
        for text in ["", ".", "-1", "+1", "1e3", "1,5", "0x10", " 1", "inf"] {
            XCTAssertThrowsError(try DecimalSeconds.nanoseconds(Substring(text)), text) { error in
                XCTAssertEqual(error as? DecimalSeconds.Failure, .notDecimal, text)
            }
        }
        XCTAssertThrowsError(try DecimalSeconds.nanoseconds("9223372036.854775808")) { error in
            XCTAssertEqual(error as? DecimalSeconds.Failure, .tooLarge)
        }
    }

    func testTraceArrivalsAndDurationsAreParsedExactly() throws {
        let arrivals = try loadTrace("arrival,duration\n0.000000001,1.5\n1.5,0.1\n1.5,2\n")
        XCTAssertEqual(
            arrivals,
            .trace(
                arrivals: [.nanoseconds(1), .nanoseconds(1_500_000_000), .nanoseconds(1_500_000_000)],
                durations: [.nanoseconds(1_500_000_000), .nanoseconds(100_000_000), .seconds(2)]))
    }

    func testTraceWithOnlyArrivalsKeepsTheDistribution() throws {
        try scratch.write("arrival\r\n0.5\r\n\r\n2.25\r\n", to: "data/trace.csv")
        let scenario = loadScenario(
            traceScenario(duration: "{ dist: \"constant\", value: 0.1 }"), base: scratch.url)
        XCTAssertEqual(
            scenario?.throttles[0].arrivals,
            .trace(arrivals: [.milliseconds(500), .milliseconds(2250)], durations: nil))
        XCTAssertEqual(scenario?.throttles[0].duration.distribution, .constant(value: 0.1))
    }

    func testTraceAcceptsEveryLineEndAByteOrderMarkAndSpacesAroundFields() throws {
        let arrivals = try loadTrace("\u{FEFF}arrival , duration\r\n 1 ,\t2\r3,4\n\n5,6")
        XCTAssertEqual(
            arrivals,
            .trace(
                arrivals: [.seconds(1), .seconds(3), .seconds(5)], durations: [.seconds(2), .seconds(4), .seconds(6)]))
    }

    func testCSVErrorsPointAtTheOffendingFieldOrLine() throws {
        XCTAssertEqual(
            try traceError("arrival,duration\n1,2\n1,é\n"),
            "\(tracePath):3:3: throttles[0].arrivals.file: duration: expected seconds >= 0 as a decimal number "
                + "such as 12.5, got \"é\"")
        XCTAssertEqual(
            try traceError("arrival,duration\n1,2\n1,\"é\",x\n"),
            "\(tracePath):3:1: throttles[0].arrivals.file: expected 2 fields (arrival,duration), got 3")
    }

    func testTraceWithDurationsTakesNoDistribution() throws {
        try scratch.write("arrival,duration\n1,1\n", to: "data/trace.csv")
        let scenario = loadScenario(traceScenario(), base: scratch.url)
        XCTAssertEqual(scenario?.throttles[0].duration, DurationSpec(.constant(value: 0)))
        let error = loadError(traceScenario(duration: "{ dist: \"exponential\", mu: 1 }"), base: scratch.url)
        XCTAssertEqual(
            error?.description,
            "test.json5:7:15: throttles[0].duration: expected no duration distribution, since the trace "
                + "\(tracePath) gives every task's duration, got an object")
    }

    // MARK: - Errors

    func testMissingTraceFileIsReportedAtTheFileKey() {
        let error = loadError(traceScenario(), base: scratch.url)
        XCTAssertEqual(
            error?.description,
            "test.json5:6:41: throttles[0].arrivals.file: expected a readable CSV file (relative paths start at "
                + "the scenario's directory), got \"data/trace.csv\" (\(tracePath) does not exist)")
    }

    func testMalformedTraceLineNamesTheCSVFileLineAndColumn() throws {
        XCTAssertEqual(
            try traceError("arrival,duration\n0.5,1\n1.0, 1,5\n"),
            "\(tracePath):3:1: throttles[0].arrivals.file: expected 2 fields (arrival,duration), got 3")
        XCTAssertEqual(
            try traceError("arrival,duration\n0.5,1\n1.0, 1e3\n"),
            "\(tracePath):3:6: throttles[0].arrivals.file: duration: expected seconds >= 0 as a decimal number "
                + "such as 12.5, got \"1e3\"")
    }

    func testUnsortedTraceNamesBothLines() throws {
        XCTAssertEqual(
            try traceError("arrival\n1.0\n4.0\n3.2\n"),
            "\(tracePath):4:1: throttles[0].arrivals.file: expected arrivals in non-decreasing order, "
                + "got 3.2 after 4.0 on line 3")
    }

    func testTraceHeaderMustNameTheColumns() throws {
        XCTAssertEqual(
            try traceError("time,duration\n1,1\n"),
            "\(tracePath):1:1: throttles[0].arrivals.file: expected the header arrival or arrival,duration, "
                + "got \"time,duration\"")
        XCTAssertEqual(
            try traceError("arrival\n\n"),
            "\(tracePath):1:1: throttles[0].arrivals.file: expected at least one row after the header, got none")
    }

    func testMalformedEmpiricalCSVNamesItsLine() throws {
        try scratch.write("duration\n12\n-3\n", to: "observed.csv")
        let text = ScenarioTestSupport.scenario().replacingOccurrences(
            of: "{ dist: \"exponential\", mu: 0.5 }", with: "{ dist: \"empirical\", file: \"observed.csv\" }")
        let path = scratch.url.appendingPathComponent("observed.csv").path
        XCTAssertEqual(
            loadError(text, base: scratch.url)?.description,
            "\(path):3:1: throttles[0].duration.file: duration: expected a number >= 0 such as 12.5, got \"-3\"")
    }

    func testCSVPathsBelowTheWorkingDirectoryAreShownRelative() {
        let directory = FileManager.default.currentDirectoryPath
        let url = URL(fileURLWithPath: directory).appendingPathComponent("scenarios/data/replay.csv")
        XCTAssertEqual(ScenarioReader.displayPath(url), "scenarios/data/replay.csv")
        XCTAssertEqual(ScenarioReader.displayPath(URL(fileURLWithPath: "/elsewhere/x.csv")), "/elsewhere/x.csv")
    }
}
