import Foundation
import XCTest

/// `run --stats` and `stats` as a user runs them; in the default edition, that neither exists.
final class StatsCommandTests: XCTestCase {
    private var scenario: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios/overload-recovery.json5").path
    }

    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("grmgr-sim-stats-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    #if WithStats
    func testARunRecordsItsStatsAndStatsPrintsTheLatestAveragesOfThatRun() throws {
        let database = scratch.appendingPathComponent("stats.db").path
        let out = scratch.appendingPathComponent("out").path
        let first = try GrmgrSimBinary.run(["run", scenario, "--out", out, "--stats", "sqlite:\(database)"])
        XCTAssertEqual(first.status, 0, first.standardError)
        let recorded = try XCTUnwrap(first.standardOutput.split(separator: "\n").last)
        XCTAssertTrue(recorded.hasPrefix("Recorded stats of run "), String(recorded))
        XCTAssertTrue(recorded.contains(" in sqlite:\(database) (300 snapshots, "), String(recorded))
        let firstID = String(recorded.split(separator: " ")[4])
        XCTAssertEqual(
            try GrmgrSimBinary.run([
                "run", scenario, "--out", out, "--seed", "7", "-q", "--stats", "sqlite:\(database)",
            ]).status, 0)

        let latest = try GrmgrSimBinary.run(["stats", database])
        XCTAssertEqual(latest.status, 0, latest.standardError)
        XCTAssertTrue(latest.standardOutput.contains("simulation overload-recovery seed 7"), latest.standardOutput)
        let chosen = try GrmgrSimBinary.run(["stats", "sqlite:\(database)", "--run", firstID])
        XCTAssertEqual(chosen.status, 0, chosen.standardError)
        let lines = chosen.standardOutput.split(separator: "\n")
        XCTAssertEqual(
            String(lines[0]),
            "run \(firstID): simulation overload-recovery seed 42, snapshots every 2s, flushed every 10s, "
                + "latest at 10m0s, 0 dropped")
        XCTAssertTrue(lines[1].hasPrefix("throttle  "), String(lines[1]))
        XCTAssertTrue(
            lines[1].hasSuffix("  s10   s20   s40    m1    m2    m3    m5   m10    m20    m40     h1     h2"),
            String(lines[1]))
        XCTAssertTrue(lines[2].hasPrefix("data-propagation  "), String(lines[2]))
        XCTAssertTrue(lines[2].hasSuffix("*"), "a 10-minute run has not filled its longer windows: \(lines[2])")
        XCTAssertEqual(String(lines[3]), "* fewer samples than the window spans: the window has not filled yet")
    }

    func testStatsErrorsNameTheDatabaseAndTheRun() throws {
        let missingDirectory = scratch.appendingPathComponent("absent/stats.db").path
        let run = try GrmgrSimBinary.run([
            "run", scenario, "--out", scratch.path + "/out", "--stats", "sqlite:\(missingDirectory)",
        ])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(
            run.standardError,
            "Error: cannot open SQLite database \(missingDirectory): directory \(scratch.path)/absent does not exist\n")
        let badValue = try GrmgrSimBinary.run(["run", scenario, "--stats", "mysql:x"])
        XCTAssertEqual(badValue.status, 64)
        XCTAssertTrue(
            badValue.standardError.contains("expected sqlite:FILE or postgres:CONNINFO"), badValue.standardError)

        let missing = try GrmgrSimBinary.run(["stats", scratch.appendingPathComponent("none.db").path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.standardError, "Error: no SQLite database at \(scratch.path)/none.db\n")
        let database = scratch.appendingPathComponent("stats.db").path
        XCTAssertEqual(
            try GrmgrSimBinary.run([
                "run", scenario, "--out", scratch.path + "/out", "-q", "--stats", "sqlite:\(database)",
            ]).status, 0)
        let unknown = try GrmgrSimBinary.run(["stats", database, "--run", "nope"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(
            unknown.standardError.hasPrefix("Error: no run 'nope' in sqlite:\(database); its latest runs: "),
            unknown.standardError)
    }
    #else
    func testTheDefaultEditionHasNeitherTheStatsOptionNorTheStatsCommand() throws {
        let option = try GrmgrSimBinary.run(["run", scenario, "--stats", "sqlite:x.db"])
        XCTAssertEqual(option.status, 64)
        XCTAssertTrue(option.standardError.hasPrefix("Error: unknown option '--stats'"), option.standardError)
        let command = try GrmgrSimBinary.run(["stats", "x.db"])
        XCTAssertEqual(command.status, 64)
        XCTAssertFalse(try GrmgrSimBinary.run(["help", "run"]).standardOutput.contains("--stats"))
    }
    #endif
}
