import Foundation
import XCTest

/// `grmgr-sim sweep`, `merge`, `report` and `bench sweep` as a user runs them.
final class SweepCommandTests: XCTestCase {
    private var scratch: URL!

    /// A scenario small enough for debug builds: about 450 tasks, a step down, a refused one, a profile.
    private let scenarioText = """
        {
          name: "small", seed: 11, duration: "90s", warmup: "5s",
          throttles: [{
            name: "api", dop: 6, min: 2, up: 1, down: 2, hold: "20s",
            arrivals: { process: "poisson", rate: 5 },
            duration: { dist: "lognormal", zeta: 0, sigma: 0.5 },
          }],
          profiles: [
            { name: "recover", steps: [{ after: "0s", up: 1 }, { after: "10s", up: 1 }, { after: "20s", up: 1 }] },
            { name: "jump", steps: [{ after: "0s", set: 6 }] },
          ],
          events: [
            { at: "20s", action: "down" },
            { at: "35s", throttle: "api", action: "down" },
            { at: "60s", action: "profile", profile: "recover" },
          ],
        }
        """

    private var scenario: URL { scratch.appendingPathComponent("small.json5") }

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("grmgr-sim-sweep-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try Data(scenarioText.utf8).write(to: scenario)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private func files(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where !name.hasPrefix(".") {
            files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return files
    }

    func testSweepWritesItsReportsAndShardsMergeIntoTheSameBytes() throws {
        let vary = ["--vary", "hold=0s,20s", "--vary", "down=1,2", "--vary", "profile=recover,jump", "-r", "2"]
        let single = scratch.appendingPathComponent("single")
        let outcome = try GrmgrSimBinary.run(["sweep", scenario.path] + vary + ["--jobs", "2", "--out", single.path])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        XCTAssertEqual(outcome.standardError, "", "no progress bar when stderr is not a terminal")
        XCTAssertTrue(
            outcome.standardOutput.hasPrefix("small: 8 cells × 2 replications of api, ranked by p99 wait\n1. "))
        XCTAssertTrue(outcome.standardOutput.hasSuffix("to \(single.path)\n"), outcome.standardOutput)
        let expected = try files(single)
        XCTAssertEqual(
            expected.keys.sorted(),
            [
                "chart-dop-trace.svg", "chart-dop-vs-p99-wait.svg", "chart-p99-wait-diff-vs-hold.svg",
                "chart-p99-wait-vs-hold.svg", "replications.csv",
                "report.html", "report.md", "sweep.csv", "sweep.json", "traces.csv",
            ])

        var shards: [String] = []
        for index in [2, 1, 3] {
            let directory = scratch.appendingPathComponent("shard\(index)").path
            let shard = try GrmgrSimBinary.run(
                ["sweep", scenario.path] + vary + ["--jobs", "1", "--shard", "\(index)/3", "--out", directory])
            XCTAssertEqual(shard.status, 0, shard.standardError)
            XCTAssertTrue(shard.standardOutput.hasPrefix("Shard \(index)/3: cells "), shard.standardOutput)
            shards.append(directory)
        }
        let merged = scratch.appendingPathComponent("merged")
        let merge = try GrmgrSimBinary.run(["merge"] + shards + ["--out", merged.path])
        XCTAssertEqual(merge.status, 0, merge.standardError)
        XCTAssertTrue(merge.standardOutput.hasPrefix("Merged 3 directories.\n"), merge.standardOutput)
        let actual = try files(merged)
        XCTAssertEqual(actual.keys.sorted(), expected.keys.sorted())
        for (name, bytes) in expected { XCTAssertEqual(actual[name], bytes, name) }

        let missing = try GrmgrSimBinary.run(["merge", shards[0], shards[1], "--out", merged.path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.standardError, "Error: incomplete sweep: missing shard 3/3 (got 2 of 3)\n")
    }

    func testMalformedSweepOptionsAreUsageErrorsAndAScenarioMismatchIsAFailure() throws {
        let usage: [([String], String)] = [
            (["--vary", "hold=ten"], "Error: --vary hold: expected a Go duration such as \"30s\", got \"ten\"\n"),
            (["--shard", "4/3"], "Error: --shard: expected I/N with 1 <= I <= N, got 4/3\n"),
            (["--rank-by", "speed"], "Error: invalid value 'speed' for '--rank-by <metric>': expected one of "),
            (["--jobs", "0"], "Error: invalid value '0' for '--jobs <n>': expected an integer of at least 1\n"),
            (["--replications", "0"], "Error: --replications: expected a whole number of at least 1, got 0\n"),
        ]
        for (arguments, message) in usage {
            let outcome = try GrmgrSimBinary.run(["sweep", scenario.path] + arguments)
            XCTAssertEqual(outcome.status, 64, "\(arguments): \(outcome.standardError)")
            XCTAssertTrue(outcome.standardError.hasPrefix(message), outcome.standardError)
            XCTAssertTrue(outcome.standardError.contains("Usage: grmgr-sim sweep <scenario>"), outcome.standardError)
        }
        let invalid = try GrmgrSimBinary.run([
            "sweep", scenario.path, "--vary", "min=9", "--out", scratch.appendingPathComponent("x").path,
        ])
        XCTAssertEqual(invalid.status, 1)
        XCTAssertEqual(
            invalid.standardError, "Error: cell min=9: invalid min 9 for \"api\": expected at most dop (6)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("x").path))
    }

    func testReportRendersARunDirectoryAndASweepDirectory() throws {
        let run = scratch.appendingPathComponent("run")
        XCTAssertEqual(try GrmgrSimBinary.run(["run", scenario.path, "--out", run.path, "-q"]).status, 0)
        let outcome = try GrmgrSimBinary.run(["report", run.path])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        XCTAssertEqual(outcome.standardOutput, "Wrote report.md, report.html to \(run.path)\n")
        let markdown = try String(contentsOf: run.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.hasPrefix("# Run report: run\n"), markdown)
        let html = try String(contentsOf: run.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertEqual(html.components(separatedBy: "<svg ").count - 1, 3)

        let sweep = scratch.appendingPathComponent("sweep")
        XCTAssertEqual(
            try GrmgrSimBinary.run(["sweep", scenario.path, "--vary", "down=1,2", "-r", "2", "--out", sweep.path, "-q"])
                .status, 0)
        let before = try Data(contentsOf: sweep.appendingPathComponent("report.html"))
        try FileManager.default.removeItem(at: sweep.appendingPathComponent("report.html"))
        XCTAssertEqual(try GrmgrSimBinary.run(["report", sweep.path, "-q"]).status, 0)
        XCTAssertEqual(try Data(contentsOf: sweep.appendingPathComponent("report.html")), before)

        let empty = try GrmgrSimBinary.run(["report", scratch.appendingPathComponent("nothing").path])
        XCTAssertEqual(empty.status, 1)
        XCTAssertTrue(
            empty.standardError.hasSuffix("summary.csv: expected a CSV file, but it does not exist\n"),
            empty.standardError)
    }

    func testBenchSweepComparesOneJobWithTwoAndChecksTheRecordsAreTheSame() throws {
        let outcome = try GrmgrSimBinary.run(
            ["bench", "sweep", "--json", "--scenario", scenario.path, "--replications", "2", "--rounds", "1"])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Double]
        // 3 × 2 × 3 cells and the baseline (hold 20s is not in the grid), two replications each.
        XCTAssertEqual(json?["simulations"], 38)
        XCTAssertEqual(json?["identical"], 1)
        XCTAssertGreaterThan(json?["speedup"] ?? 0, 0)
        XCTAssertNotNil(json?["seconds_jobs2"])
    }
}
