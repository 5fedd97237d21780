import Foundation
import Grmgr
import GrmgrSimulation
import XCTest

/// The files of a sweep: exact round trips, and shards merged into the same bytes as a single run.
final class SweepFilesTests: XCTestCase {
    private var scratch: OutputTestDirectory!

    override func setUpWithError() throws {
        scratch = try OutputTestDirectory()
    }

    override func tearDown() {
        scratch = nil
    }

    private func manifest(_ plan: SweepPlan, shard: SweepShard?) -> SweepManifest {
        SweepManifest(plan: plan, scenarioFile: "scenarios/small.json5", rankBy: .waitP99, shard: shard)
    }

    func testShardsMergedInAnyOrderGiveTheSameBytesAsASingleRun() throws {
        let plan = try SweepTestSupport.plan(replications: 2)
        let single = scratch.url.appendingPathComponent("single")
        let records = try SweepRunner.run(plan, jobs: 2)
        try SweepFiles.writeComplete(SweepResult(manifest: manifest(plan, shard: nil), records: records), to: single)

        var shards: [URL] = []
        for index in 1...3 {
            let shard = try SweepShard(index: index, count: 3)
            let directory = scratch.url.appendingPathComponent("shard-\(index)")
            try SweepFiles.writeShard(
                manifest(plan, shard: shard), records: try SweepRunner.run(plan, shard: shard, jobs: 1), to: directory)
            XCTAssertEqual(
                try SweepTestSupport.files(in: directory).keys.sorted(),
                ["replications.csv", "sweep.json", "traces.csv"])
            shards.append(directory)
        }
        let merged = scratch.url.appendingPathComponent("merged")
        try SweepFiles.writeComplete(try SweepMerger.merge([shards[2], shards[0], shards[1]]), to: merged)

        let expected = try SweepTestSupport.files(in: single)
        XCTAssertEqual(
            expected.keys.sorted(),
            [
                "chart-dop-trace.svg", "chart-dop-vs-p99-wait.svg", "chart-p99-wait-diff-vs-hold.svg",
                "chart-p99-wait-vs-hold.svg", "replications.csv",
                "report.html", "report.md", "sweep.csv", "sweep.json", "traces.csv",
            ])
        let actual = try SweepTestSupport.files(in: merged)
        XCTAssertEqual(actual.keys.sorted(), expected.keys.sorted())
        for (name, bytes) in expected { XCTAssertEqual(actual[name], bytes, name) }

        // A complete sweep is its own shard 1/1: merging it alone rebuilds the same files.
        let again = scratch.url.appendingPathComponent("again")
        try SweepFiles.writeComplete(try SweepMerger.merge([single]), to: again)
        XCTAssertEqual(try SweepTestSupport.files(in: again), expected)
    }

    func testRecordsReadBackExactly() throws {
        let plan = try SweepTestSupport.plan(replications: 2)
        let records = try SweepRunner.run(plan, jobs: 2)
        let directory = scratch.url.appendingPathComponent("raw")
        try SweepFiles.writeShard(manifest(plan, shard: nil), records: records, to: directory)
        let (manifest, read) = try SweepFiles.read(directory)
        XCTAssertEqual(manifest, self.manifest(plan, shard: nil))
        XCTAssertEqual(read, records)
    }

    func testMergeRefusesMissingDuplicatedAndForeignShards() throws {
        let plan = try SweepTestSupport.plan(replications: 1)
        var directories: [URL] = []
        for index in 1...2 {
            let shard = try SweepShard(index: index, count: 2)
            let directory = scratch.url.appendingPathComponent("s\(index)")
            try SweepFiles.writeShard(
                manifest(plan, shard: shard), records: try SweepRunner.run(plan, shard: shard, jobs: 1), to: directory)
            directories.append(directory)
        }
        XCTAssertEqual(
            SweepTestSupport.sweepError { _ = try SweepMerger.merge([directories[0]]) }?.message,
            "incomplete sweep: missing shard 2/2 (got 1 of 2)")
        XCTAssertEqual(
            SweepTestSupport.sweepError {
                _ = try SweepMerger.merge([directories[0], directories[0], directories[1]])
            }?
            .message,
            "shard 1/2 given twice: \(directories[0].relativePath) and \(directories[0].relativePath)")

        var other = try SweepTestSupport.scenario()
        other.throttles[0].config.dop = 7
        let foreignPlan = try SweepPlan(scenario: other, dimensions: plan.dimensions, replications: 1)
        let foreign = scratch.url.appendingPathComponent("foreign")
        let shard = try SweepShard(index: 2, count: 2)
        try SweepFiles.writeShard(
            manifest(foreignPlan, shard: shard), records: try SweepRunner.run(foreignPlan, shard: shard, jobs: 1),
            to: foreign)
        let message = SweepTestSupport.sweepError { _ = try SweepMerger.merge([directories[0], foreign]) }?.message
        XCTAssertEqual(
            message?.hasPrefix(
                "\(foreign.relativePath) is not a shard of the same sweep as \(directories[0].relativePath): "
                    + "expected scenario fingerprint "), true, message ?? "")
        let missing = SweepTestSupport.sweepError { _ = try SweepMerger.merge([scratch.url]) }?.message
        XCTAssertEqual(
            missing, "\(scratch.url.relativePath): expected a sweep output directory with sweep.json, got none")
    }

    func testSweepCSVHasARowPerCellWithIntervalsAndDifferences() throws {
        let plan = try SweepTestSupport.plan(replications: 3)
        let directory = scratch.url.appendingPathComponent("out")
        let analysis = try SweepFiles.writeComplete(
            SweepResult(manifest: manifest(plan, shard: nil), records: try SweepRunner.run(plan, jobs: 2)),
            to: directory)
        let lines = try scratch.read("sweep.csv", in: directory).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], SweepSummaryCSV.columns(settings: ["hold", "down"]).joined(separator: ","))
        XCTAssertEqual(lines.count, plan.cells.count + 1)
        let header = lines[0].split(separator: ",").map(String.init)
        for summary in analysis.summaries {
            let fields = lines[summary.cell.index + 1].split(separator: ",", omittingEmptySubsequences: false).map(
                String.init)
            func value(_ column: String) -> String { fields[header.firstIndex(of: column)!] }
            XCTAssertEqual(value("cell"), "\(summary.cell.index)")
            XCTAssertEqual(value("baseline"), summary.cell.isBaseline ? "true" : "false")
            XCTAssertEqual(Double(value("wait_p99_mean"))!, summary[.waitP99].mean!, accuracy: 5e-7)
            XCTAssertEqual(Double(value("wait_p99_ci95"))!, summary[.waitP99].halfWidth!, accuracy: 5e-7)
            XCTAssertEqual(Double(value("wait_p99_diff"))!, summary.difference(.waitP99).mean!, accuracy: 5e-7)
            XCTAssertEqual(value("replications"), "3")
        }
        XCTAssertEqual(
            Set(lines.dropFirst().map { $0.split(separator: ",")[0] }), Set((1...plan.cells.count).map { "\($0)" }))
    }
}
