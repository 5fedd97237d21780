import XCTest

@testable import grmgr_sim

final class HelpFormatterTests: XCTestCase {
    func testALeafsHelpListsArgumentsOptionsDefaultsAndWrapsAtEightyColumns() {
        let text = HelpFormatter.helpText(for: SampleSweepCommand(), path: ["tool", "sweep"])
        XCTAssertEqual(
            text,
            """
            OVERVIEW: Run every combination of the varied settings.

            Each combination is a cell.

            Cells share their random numbers.

            USAGE: tool sweep <scenario> [--vary <setting> ...] [--out <dir>]
                   [--replications <n>] [--offset <seconds>] [--json] [<extras> ...]

            ARGUMENTS:
              <scenario>              The scenario file.
              <extras> ...            More scenario files.

            OPTIONS:
              --vary <setting>        A setting with values, as hold=0s,30s.
              -o, --out <dir>         Where to write. (default: reports/<name>)
              -r, --replications <n>  Replications per cell.
              --offset <seconds>      Shift every arrival.
              --json                  Print JSON.
              -h, --help              Show help information.
            """
        )
        for line in text.split(separator: "\n") {
            XCTAssertLessThanOrEqual(line.count, HelpFormatter.screenWidth, String(line))
        }
    }

    func testLongLabelsGetTheirOwnLineAndLongHelpWraps() {
        let help = String(repeating: "word ", count: 20).trimmingCharacters(in: .whitespaces)
        XCTAssertEqual(
            HelpFormatter.row(label: "--a-very-long-option-name <value>", help: help),
            [
                "  --a-very-long-option-name <value>",
                "                          word word word word word word word word word word word",
                "                          word word word word word word word word word",
            ]
        )
        XCTAssertEqual(HelpFormatter.row(label: "--bare", help: ""), ["  --bare"])
    }

    func testUsageLinesForGroupsAndOverrides() {
        XCTAssertEqual(HelpFormatter.usageLine(for: SampleRootCommand(), path: ["tool"]), "tool <subcommand>")
        XCTAssertEqual(
            HelpFormatter.usageLine(for: SampleFailingCommand(), path: ["tool", "fail"]),
            "tool fail --how <how>"
        )
        struct Custom: Command {
            let name = "custom"
            let abstract = "Custom."
            let usage: String? = "FILE..."
            func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode { .success }
        }
        XCTAssertEqual(HelpFormatter.usageLine(for: Custom(), path: ["tool", "custom"]), "tool custom FILE...")
    }

    func testTheShippedRootListsItsSubcommands() {
        let text = HelpFormatter.helpText(for: GrmgrSimCommand(), path: ["grmgr-sim"])
        XCTAssertTrue(text.contains("\nSUBCOMMANDS:\n  run                     Simulate a scenario"), text)
        for name in ["sweep", "merge", "report", "validate", "bench", "version"] {
            XCTAssertTrue(text.contains("\n  \(name) "), text)
        }
        #if WithStats
        XCTAssertTrue(text.contains("\n  stats "), text)
        #else
        XCTAssertFalse(text.contains("\n  stats "), text)
        #endif
    }
}
