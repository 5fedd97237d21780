import Foundation
import XCTest

/// `grmgr-sim run` and `validate` as a user runs them.
final class RunCommandTests: XCTestCase {
    private var scenarios: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios")
    }

    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("grmgr-sim-run-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func testRunWritesEveryFileAndPrintsASummaryAndWhereTheFilesWent() throws {
        let out = scratch.appendingPathComponent("quickstart")
        let outcome = try GrmgrSimBinary.run([
            "run", scenarios.appendingPathComponent("quickstart.json5").path, "--out", out.path,
        ])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        XCTAssertTrue(outcome.standardOutput.hasPrefix("quickstart (seed 42,"), outcome.standardOutput)
        XCTAssertTrue(
            outcome.standardOutput.contains("Wrote tasks.csv, dop.csv, dop_sampled.csv, events.csv, summary.csv to"))
        for name in ["tasks.csv", "dop.csv", "dop_sampled.csv", "events.csv", "summary.csv"] {
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            XCTAssertGreaterThan(text.split(separator: "\n").count, 1, name)
        }
        let tasks = try String(contentsOf: out.appendingPathComponent("tasks.csv"), encoding: .utf8)
        XCTAssertTrue(tasks.hasPrefix("task,throttle,arrival,start,end,wait,service,sojourn\n"))
    }

    func testASecondRunWithAnotherSeedReplacesTheOutputAndTheSameSeedReproducesIt() throws {
        let scenario = scenarios.appendingPathComponent("quickstart.json5").path
        let out = scratch.appendingPathComponent("out")
        XCTAssertEqual(try GrmgrSimBinary.run(["run", scenario, "--out", out.path, "-q"]).status, 0)
        let first = try Data(contentsOf: out.appendingPathComponent("tasks.csv"))
        XCTAssertEqual(try GrmgrSimBinary.run(["run", scenario, "--out", out.path, "--seed", "7", "-q"]).status, 0)
        XCTAssertNotEqual(try Data(contentsOf: out.appendingPathComponent("tasks.csv")), first)
        XCTAssertEqual(try GrmgrSimBinary.run(["run", scenario, "--out", out.path, "-q"]).status, 0)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("tasks.csv")), first)
    }

    func testABadScenarioFailsWithItsPositionAndLeavesThePreviousOutputUntouched() throws {
        let out = scratch.appendingPathComponent("out")
        let good = scenarios.appendingPathComponent("quickstart.json5").path
        XCTAssertEqual(try GrmgrSimBinary.run(["run", good, "--out", out.path, "-q"]).status, 0)
        let before = try Data(contentsOf: out.appendingPathComponent("summary.csv"))
        let bad = scratch.appendingPathComponent("bad.json5")
        try """
        {
          name: "bad", duration: "10m",
          throttles: [{ name: "t", dop: 0, arrivals: { process: "poisson", rate: 1 },
                        duration: { dist: "exponential", mu: 1 } }],
        }
        """.write(to: bad, atomically: true, encoding: .utf8)
        let outcome = try GrmgrSimBinary.run(["run", bad.path, "--out", out.path])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardError.hasPrefix("Error: "), outcome.standardError)
        XCTAssertTrue(outcome.standardError.contains("bad.json5:3:"), outcome.standardError)
        XCTAssertTrue(outcome.standardError.contains("throttles[0].dop"), outcome.standardError)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("summary.csv")), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "no temporary directory left behind")
    }

    func testUsageErrorsExitWith64() throws {
        let missing = try GrmgrSimBinary.run(["run"])
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.standardError.hasPrefix("Error: "), missing.standardError)
        XCTAssertTrue(missing.standardError.contains("Usage: grmgr-sim run"), missing.standardError)
        let badSeed = try GrmgrSimBinary.run(["run", "x.json5", "--seed", "minus-one"])
        XCTAssertEqual(badSeed.status, 64, badSeed.standardError)
    }

    func testValidateReportsEveryFileAndFailsOnAnyProblem() throws {
        let good = scenarios.appendingPathComponent("overload-recovery.json5").path
        XCTAssertEqual(try GrmgrSimBinary.run(["validate", good]).status, 0)
        let bad = scratch.appendingPathComponent("typo.json5")
        try #"{ name: "typo", duration: "10 minutes", throttles: [] }"#.write(
            to: bad, atomically: true, encoding: .utf8)
        let outcome = try GrmgrSimBinary.run(["validate", good, bad.path])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.standardOutput.contains("overload-recovery.json5: ok"), outcome.standardOutput)
        XCTAssertTrue(outcome.standardError.contains("typo.json5:1:"), outcome.standardError)
        XCTAssertTrue(outcome.standardError.contains("duration"), outcome.standardError)
    }
}
