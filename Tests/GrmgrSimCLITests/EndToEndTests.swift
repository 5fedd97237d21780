import XCTest

/// Runs the built `grmgr-sim` as a user would and checks what it prints, where, and its exit status.
final class EndToEndTests: XCTestCase {
    private let overview =
        "OVERVIEW: Simulate and test grmgr throttles: replay scaling scenarios, compare\nhold and step settings."

    /// The help lines of the subcommands only the WithStats edition has.
    private var editionSubcommands: String {
        #if WithStats
        "  stats                   Print the latest dop averages per throttle from a\n"
            + "                          stats database.\n"
        #else
        ""
        #endif
    }

    func testRootHelpHasTheArgumentParserLayoutOnStandardOutput() throws {
        for flag in ["--help", "-h"] {
            let outcome = try GrmgrSimBinary.run([flag])
            XCTAssertEqual(outcome.status, 0, flag)
            XCTAssertEqual(outcome.standardError, "", flag)
            XCTAssertEqual(
                outcome.standardOutput,
                """
                \(overview)

                USAGE: grmgr-sim <subcommand>

                OPTIONS:
                  --version               Show the version.
                  -h, --help              Show help information.

                SUBCOMMANDS:
                  run                     Simulate a scenario and write its CSV traces and
                                          summary.
                  sweep                   Compare hold and step settings: every combination,
                                          replicated, with intervals.
                  merge                   Join the shard outputs of a sweep into the files a
                                          single run writes.
                  report                  Render report.md and report.html (with SVG charts)
                                          from a run's output directory.
                  validate                Check scenario files without running them.
                  bench                   Measure the throttle and the simulator against their
                                          floors, side by side.
                \(editionSubcommands)  version                 Print the package version.

                  See 'grmgr-sim help <subcommand>' for detailed help.

                """,
                flag
            )
        }
    }

    func testNoArgumentsAndHelpAloneShowTheRootHelp() throws {
        let root = try GrmgrSimBinary.run(["--help"]).standardOutput
        for arguments in [[], ["help"]] {
            let outcome = try GrmgrSimBinary.run(arguments)
            XCTAssertEqual(outcome.status, 0, "\(arguments)")
            XCTAssertEqual(outcome.standardOutput, root, "\(arguments)")
        }
    }

    func testSubcommandHelpIsTheSameThroughHelpAndThroughTheFlag() throws {
        let expected = """
            OVERVIEW: Print the package version.

            Prints the version of swift-grmgr this tool was built from, as 'grmgr-sim
            --version' does.

            USAGE: grmgr-sim version

            OPTIONS:
              -h, --help              Show help information.

            """
        for arguments in [["help", "version"], ["version", "--help"], ["version", "-h"]] {
            let outcome = try GrmgrSimBinary.run(arguments)
            XCTAssertEqual(outcome.status, 0, "\(arguments)")
            XCTAssertEqual(outcome.standardOutput, expected, "\(arguments)")
            XCTAssertEqual(outcome.standardError, "", "\(arguments)")
        }
    }

    func testVersionPrintsThePackageVersion() throws {
        for arguments in [["version"], ["--version"]] {
            let outcome = try GrmgrSimBinary.run(arguments)
            XCTAssertEqual(outcome.status, 0, "\(arguments)")
            XCTAssertEqual(outcome.standardOutput, "0.1.0\n", "\(arguments)")
            XCTAssertEqual(outcome.standardError, "", "\(arguments)")
        }
    }

    func testAnUnknownSubcommandIsAUsageError() throws {
        let outcome = try GrmgrSimBinary.run(["verison"])
        XCTAssertEqual(outcome.status, 64)
        XCTAssertEqual(outcome.standardOutput, "")
        XCTAssertEqual(
            outcome.standardError,
            """
            Error: unknown subcommand 'verison'; did you mean 'version'?

            Usage: grmgr-sim <subcommand>
              See 'grmgr-sim --help' for more information.

            """
        )
    }

    func testAnUnknownOptionIsAUsageErrorWithTheSubcommandsUsage() throws {
        let outcome = try GrmgrSimBinary.run(["version", "--colour"])
        XCTAssertEqual(outcome.status, 64)
        XCTAssertEqual(outcome.standardOutput, "")
        XCTAssertEqual(
            outcome.standardError,
            """
            Error: unknown option '--colour'

            Usage: grmgr-sim version
              See 'grmgr-sim version --help' for more information.

            """
        )
    }

    func testAnUnexpectedArgumentAndAnUnknownRootOptionAreUsageErrors() throws {
        let extra = try GrmgrSimBinary.run(["version", "now"])
        XCTAssertEqual(extra.status, 64)
        XCTAssertTrue(extra.standardError.hasPrefix("Error: unexpected argument 'now'\n\nUsage: grmgr-sim version\n"))

        let root = try GrmgrSimBinary.run(["--verbose", "version"])
        XCTAssertEqual(root.status, 64)
        let expected = "Error: unknown option '--verbose'\n\nUsage: grmgr-sim <subcommand>\n"
        XCTAssertTrue(root.standardError.hasPrefix(expected), root.standardError)

        let help = try GrmgrSimBinary.run(["help", "nothing"])
        XCTAssertEqual(help.status, 64)
        XCTAssertTrue(help.standardError.hasPrefix("Error: unknown subcommand 'nothing'\n\n"), help.standardError)
    }
}
