import Foundation
import GrmgrSimulation
import XCTest

/// Means and Student-t intervals, paired differences, the ranking, the best cell per metric, the Pareto front.
final class SweepAnalysisTests: XCTestCase {
    func testAnEstimateIsTheMeanAndTheStudentTHalfWidth() {
        let estimate = SweepEstimate([1, 2, 3, 4])
        XCTAssertEqual(estimate.count, 4)
        XCTAssertEqual(estimate.mean, 2.5)
        // s = sqrt(5/3), t(0.975, 3) = 3.182446305
        XCTAssertEqual(estimate.halfWidth!, 3.182446305 * (5.0 / 3).squareRoot() / 2, accuracy: 1e-8)
        XCTAssertTrue(estimate.excludesZero)
        XCTAssertNil(SweepEstimate([7]).halfWidth)
        XCTAssertFalse(SweepEstimate([7]).excludesZero)
        XCTAssertFalse(SweepEstimate([-1, 1]).excludesZero)
        XCTAssertNil(SweepEstimate([]).mean)
    }

    /// Cells over hold (the last one the baseline, hold=20s), two replications; p99 wait and mean dop given,
    /// other metrics 1, recovery only in replication 2.
    private func result(_ figures: [[(wait: Double, dop: Double)]]) throws -> SweepResult {
        let holds = ["0s", "10s", "30s"]
        let manifest = SweepManifest(
            plan: try SweepPlan(
                scenario: SweepTestSupport.scenario(),
                dimensions: SweepTestSupport.dimensions(
                    "hold=" + holds.prefix(figures.count - 1).joined(separator: ",")),
                replications: figures[0].count),
            scenarioFile: "small.json5", rankBy: .waitP99, shard: nil)
        var observations: [SweepObservation] = []
        var traces: [SweepTrace] = []
        for (cell, replications) in figures.enumerated() {
            for (offset, figure) in replications.enumerated() {
                var values: [Double?] = SweepMetric.allCases.map { _ in 1 }
                values[SweepMetric.allCases.firstIndex(of: .waitP99)!] = figure.wait
                values[SweepMetric.allCases.firstIndex(of: .meanCeiling)!] = figure.dop
                values[SweepMetric.allCases.firstIndex(of: .recoveryTime)!] = offset == 0 ? nil : 5
                observations.append(SweepObservation(cell: cell, replication: offset + 1, seed: 0, values: values))
            }
            traces.append(SweepTrace(cell: cell, points: []))
        }
        return try SweepResult(manifest: manifest, records: SweepRecords(observations: observations, traces: traces))
    }

    func testPairedDifferencesRankingBestAndParetoFront() throws {
        let analysis = SweepAnalysis(
            try result([
                [(1.0, 6), (1.2, 6)],  // hold=0s
                [(2.0, 5), (2.6, 5)],  // hold=10s
                [(3.0, 6), (3.0, 6)],  // hold=30s: dominated by hold=0s
                [(1.5, 5.5), (1.5, 5.5)],  // baseline hold=20s
            ]))
        XCTAssertEqual(analysis.result.baseline.index, 3)
        XCTAssertEqual(analysis.ranking, [0, 3, 1, 2])
        XCTAssertEqual(analysis.paretoFront, [1, 3, 0])
        XCTAssertEqual(analysis.best(.waitP99), 0)
        XCTAssertEqual(analysis.best(.meanCeiling), 1)
        XCTAssertNil(analysis.best(.changesApplied))
        let difference = analysis.summaries[0].difference(.waitP99)
        XCTAssertEqual(difference.mean!, -0.4, accuracy: 1e-12)  // (1.0 - 1.5 + 1.2 - 1.5) / 2
        XCTAssertEqual(difference.halfWidth!, 12.706204736 * (0.02).squareRoot() / 2.0.squareRoot(), accuracy: 1e-6)
        XCTAssertEqual(analysis.summaries[2].difference(.waitP99).halfWidth, 0)
        XCTAssertTrue(analysis.summaries[2].difference(.waitP99).excludesZero, "an interval of width 0 at 1.5")
        XCTAssertEqual(analysis.baseline.difference(.waitP99).mean, 0)
        XCTAssertEqual(analysis.summaries[0].recovered, 1)
        XCTAssertEqual(analysis.summaries[0][.recoveryTime].count, 1)
    }

    func testAnIncompleteSweepIsRefusedWithTheMissingReplication() throws {
        let complete = try result([[(1, 6), (1, 6)], [(1, 6), (1, 6)]])
        var records = complete.records
        records.observations.remove(at: 2)
        let error = SweepTestSupport.sweepError { _ = try SweepResult(manifest: complete.manifest, records: records) }
        XCTAssertEqual(
            error?.message,
            "incomplete sweep: expected cell 1 (hold=20s) replication 1, got cell 1 replication 2; "
                + "are all shards given, each once?")
    }
}
