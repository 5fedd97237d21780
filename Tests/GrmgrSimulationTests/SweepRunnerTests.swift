import Foundation
import Grmgr
import XCTest

@testable import GrmgrSimulation

/// Running a sweep: the same records whatever the number of jobs, common random numbers, and errors.
final class SweepRunnerTests: XCTestCase {
    func testTheRecordsDoNotDependOnTheNumberOfJobs() throws {
        let plan = try SweepTestSupport.plan(replications: 3)
        let serial = try SweepRunner.run(plan, jobs: 1)
        XCTAssertEqual(serial.observations.count, plan.cells.count * 3)
        XCTAssertEqual(serial.traces.map(\.cell), Array(plan.cells.indices))
        for jobs in [2, 3, 64] {
            XCTAssertEqual(try SweepRunner.run(plan, jobs: jobs), serial, "jobs \(jobs)")
        }
    }

    func testReplicationOneOfTheBaselineIsExactlyARunOfTheScenario() throws {
        let plan = try SweepTestSupport.plan(replications: 2)
        let records = try SweepRunner.run(plan, jobs: 2)
        var simulator = try Simulator(scenario: plan.scenario)
        let summary = try simulator.run().throttles[0]
        let baseline = records.observations.first { $0.cell == plan.baseline.index && $0.replication == 1 }!
        XCTAssertEqual(baseline.seed, plan.scenario.seed)
        XCTAssertEqual(baseline.values, SweepMetric.allCases.map { $0.value(in: summary) })
    }

    func testEveryCellSeesTheSameArrivalsInTheSameReplication() throws {
        // With draining, every arrived task finishes, so equal throughput means equal arrivals in the window.
        let plan = try SweepTestSupport.plan(replications: 3)
        let records = try SweepRunner.run(plan, jobs: 2)
        for replication in 1...3 {
            let row = records.observations.filter { $0.replication == replication }
            XCTAssertEqual(Set(row.map(\.seed)), [plan.seed(replication: replication)])
            XCTAssertEqual(Set(row.map { $0[.throughput] }).count, 1, "replication \(replication)")
            XCTAssertGreaterThan(Set(row.map { $0[.waitP99] }).count, 1, "the settings change the waits")
        }
        XCTAssertNotEqual(records.observations[0][.throughput], records.observations[1][.throughput])
    }

    func testTheTraceHasTheSampledLoadAndEachCeilingChangeAtItsInstant() throws {
        let plan = try SweepTestSupport.plan(replications: 1)
        let records = try SweepRunner.run(plan, jobs: 1)
        let baseline = records.traces[plan.baseline.index].points
        let changes = baseline.filter { $0.running == nil }
        // down at 20s (6 -> 4); the down at 35s is refused (hold 20s); the profile raises 4 -> 5 at 60s, its
        // step at 70s is refused by the hold, 5 -> 6 at 80s.
        XCTAssertEqual(changes.map(\.time), [20, 60, 80].map { $0 * 1_000_000_000 })
        XCTAssertEqual(changes.map(\.ceiling), [4, 5, 6])
        XCTAssertEqual(baseline.first, SweepTracePoint(time: 0, ceiling: 6, running: 0, waiting: 0))
        XCTAssertGreaterThanOrEqual(baseline.filter { $0.running != nil }.count, 91)
    }

    func testAShardRunsOnlyItsCells() throws {
        let plan = try SweepTestSupport.plan(replications: 2)
        let shard = try SweepShard(index: 2, count: 3)
        let records = try SweepRunner.run(plan, shard: shard, jobs: 2)
        XCTAssertEqual(Set(records.observations.map(\.cell)), Set(shard.cells(of: plan.cells.count)))
        XCTAssertEqual(SweepRunner.simulations(in: plan, shard: shard), shard.cells(of: plan.cells.count).count * 2)
    }

    func testParallelWorkKeepsIndexOrderAndThrowsTheLowestFailingIndex() {
        struct Failure: Error, Equatable { var index: Int }
        for jobs in [1, 2, 5] {
            XCTAssertEqual(try ParallelWork.map(count: 100, jobs: jobs) { $0 * $0 }, (0..<100).map { $0 * $0 })
            XCTAssertThrowsError(
                try ParallelWork.map(count: 50, jobs: jobs) { index -> Int in
                    if index % 7 == 3 { throw Failure(index: index) }
                    return index
                }
            ) { error in
                XCTAssertEqual(error as? Failure, Failure(index: 3), "jobs \(jobs)")
            }
        }
        XCTAssertEqual(try ParallelWork.map(count: 0, jobs: 4) { $0 }, [])
    }
}
