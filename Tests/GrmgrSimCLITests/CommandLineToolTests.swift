import XCTest

@testable import grmgr_sim

final class CommandLineToolTests: XCTestCase {
    private func run(_ words: [String]) -> (status: Int32, output: String, error: String) {
        let console = TestConsole()
        let status = CommandLineTool(root: SampleRootCommand(), console: console.console).run(words)
        return (status.rawValue, console.standardOutput, console.standardError)
    }

    func testALeafGetsItsArgumentsAndPath() {
        let result = run(["sweep", "s.json5", "--vary", "hold=0s,30s", "--vary", "up=1,2", "-o", "out", "--json"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.error, "")
        XCTAssertEqual(
            result.output,
            """
            path=tool sweep
            scenario=s.json5
            vary=["hold=0s,30s", "up=1,2"]
            out=out
            replications=-
            offset=-
            json=true
            extras=[]

            """
        )
    }

    func testNestedSubcommandsAndTheirHelp() {
        XCTAssertEqual(run(["bench", "sim", "--json"]).output, "sim json=true\n")
        let viaHelp = run(["help", "bench", "sim"])
        let viaFlag = run(["bench", "sim", "--help"])
        XCTAssertEqual(viaHelp.status, 0)
        XCTAssertEqual(viaHelp.output, viaFlag.output)
        XCTAssertTrue(viaHelp.output.contains("USAGE: tool bench sim [--json]\n"), viaHelp.output)
        XCTAssertTrue(run(["bench", "help", "sim"]).output.contains("USAGE: tool bench sim [--json]\n"))

        let group = run(["bench"])
        XCTAssertEqual(group.status, 0)
        XCTAssertTrue(group.output.contains("SUBCOMMANDS:\n  sim                     Benchmark the simulator.\n"))
        XCTAssertTrue(group.output.contains("See 'tool bench help <subcommand>' for detailed help."))
    }

    func testUsageErrorsFromRunShowTheCommandsUsage() {
        let result = run(["sweep", "s", "--vary", "hold"])
        XCTAssertEqual(result.status, 64)
        let usage =
            "tool sweep <scenario> [--vary <setting> ...] [--out <dir>] [--replications <n>] [--offset <seconds>]"
            + " [--json] [<extras> ...]"
        XCTAssertEqual(
            result.error,
            """
            Error: a --vary setting needs the form name=value,value

            Usage: \(usage)
              See 'tool sweep --help' for more information.

            """
        )
    }

    func testARunErrorIsPrintedWithoutUsageAndExitsOne() {
        let result = run(["fail", "--how", "run"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.output, "")
        XCTAssertEqual(result.error, "Error: scenario quickstart.json5:3:7: expected a number\n")
    }

    func testCommandsChooseTheirOwnStatus() {
        XCTAssertEqual(run(["fail", "--how", "quiet"]).status, 3)
        XCTAssertEqual(run(["fail", "--how", "quiet"]).error, "")
        XCTAssertEqual(run(["fail", "--how", "status"]).status, 2)
    }

    func testAMissingRequiredOptionIsAUsageError() {
        let result = run(["fail"])
        XCTAssertEqual(result.status, 64)
        let expected = "Error: missing expected argument '--how <how>'\n\nUsage: tool fail --how <how>\n"
        XCTAssertTrue(result.error.hasPrefix(expected), result.error)
    }

    func testHelpOfHelpAndUnknownNamesUnderHelp() {
        let help = run(["help", "help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.output.hasPrefix("OVERVIEW: Show subcommand help information.\n"), help.output)
        let unknown = run(["help", "bench", "simulate"])
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.error.hasPrefix("Error: unknown subcommand 'simulate'"), unknown.error)
    }

    func testFoundationErrorsUseTheirLocalizedDescription() {
        let error = CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "/nowhere/s.json5"])
        let text = CommandLineTool.describe(error)
        XCTAssertFalse(text.contains("Domain="), text)
        XCTAssertFalse(text.isEmpty)
    }
}
