import Grmgr
import GrmgrSimulation
import XCTest

/// `--vary` parsing, the grid of cells, the baseline, and the scenario each cell runs.
final class SweepPlanTests: XCTestCase {
    func testVaryParsesEachSettingsValues() throws {
        let hold = try SweepDimension(parsing: "hold=0s,1m30s,250ms")
        XCTAssertEqual(hold.setting, .hold)
        XCTAssertEqual(hold.values, [.duration(.zero), .duration(.seconds(90)), .duration(.milliseconds(250))])
        XCTAssertEqual(hold.description, "hold=0s,1m30s,250ms")
        XCTAssertEqual(try SweepDimension(parsing: "down=1,2,4").values, [.integer(1), .integer(2), .integer(4)])
        XCTAssertEqual(try SweepDimension(parsing: "min=0").values, [.integer(0)])
        XCTAssertEqual(try SweepDimension(parsing: "profile=a,b").values, [.name("a"), .name("b")])
    }

    func testMalformedVaryTextsAreCommandLineMistakesThatSayWhatWasExpected() {
        let cases: [(String, String)] = [
            ("hold=10", "--vary hold: expected a Go duration such as \"30s\", got \"10\""),
            ("hold=-1s", "--vary hold: expected a Go duration such as \"30s\", got \"-1s\""),
            ("dop=0", "--vary dop: expected a whole number of at least 1, got \"0\""),
            ("up=1,,2", "--vary up: expected a whole number of at least 0, got \"\""),
            ("up=+1", "--vary up: expected a whole number of at least 0, got \"+1\""),
            ("speed=1", "--vary: expected one of hold, up, down, min, dop, profile, got \"speed\""),
            ("hold", "--vary: expected setting=value,value (such as hold=0s,10s,30s), got \"hold\""),
            ("down=2,2", "--vary down: expected distinct values, got 2 twice"),
        ]
        for (text, message) in cases {
            let error = SweepTestSupport.sweepError { _ = try SweepDimension(parsing: text) }
            XCTAssertEqual(error?.message, message, text)
            XCTAssertEqual(error?.isCommandLineMistake, true, text)
        }
    }

    func testCellsAreTheGridWithTheLastSettingFastestAndTheBaselineMarked() throws {
        let plan = try SweepPlan(
            scenario: SweepTestSupport.scenario(), dimensions: SweepTestSupport.dimensions("hold=0s,20s", "down=1,2"),
            replications: 2)
        XCTAssertEqual(
            plan.cells.map { $0.label(plan.settings) },
            ["hold=0s down=1", "hold=0s down=2", "hold=20s down=1", "hold=20s down=2"])
        XCTAssertEqual(plan.cells.map(\.isBaseline), [false, false, false, true])
        XCTAssertTrue(plan.cells.allSatisfy(\.isInGrid))
        XCTAssertEqual(plan.baseline.index, 3)
        XCTAssertEqual(plan.scenario(for: plan.baseline), plan.scenario)
    }

    func testABaselineOutsideTheGridIsAddedAsTheLastCell() throws {
        let plan = try SweepPlan(
            scenario: SweepTestSupport.scenario(), dimensions: SweepTestSupport.dimensions("hold=0s,5s"),
            replications: 1)
        XCTAssertEqual(plan.cells.count, 3)
        XCTAssertEqual(
            plan.cells[2], SweepCell(index: 2, values: [.duration(.seconds(20))], isBaseline: true, isInGrid: false))
        XCTAssertEqual(plan.scenario(for: plan.cells[2]), plan.scenario)
    }

    func testNoVariedSettingIsOneCellTheBaseline() throws {
        let plan = try SweepPlan(scenario: SweepTestSupport.scenario(), dimensions: [], replications: 4)
        XCTAssertEqual(plan.cells, [SweepCell(index: 0, values: [], isBaseline: true, isInGrid: true)])
    }

    func testACellChangesOnlyItsSettingsAndAProfileSweepRenamesTheProfileEvents() throws {
        let scenario = try SweepTestSupport.scenario()
        let plan = try SweepPlan(
            scenario: scenario, dimensions: SweepTestSupport.dimensions("up=3", "min=1", "dop=8", "profile=jump"),
            replications: 1)
        let cell = plan.scenario(for: plan.cells[0])
        let config = cell.throttles[0].config
        XCTAssertEqual([config.up, config.min, config.dop, config.down], [3, 1, 8, 2])
        XCTAssertEqual(config.hold, .seconds(20))
        XCTAssertEqual(cell.events.map(\.event.action), [.down(), .down(), .profile("jump")])
        XCTAssertEqual(cell.throttles[0].arrivals, scenario.throttles[0].arrivals)
        XCTAssertEqual(plan.cells[1].values, [.integer(1), .integer(2), .integer(6), .name("recover")])
        XCTAssertTrue(plan.cells[1].isBaseline)
    }

    func testReplicationKRunsWithTheScenarioSeedPlusKMinusOne() throws {
        let plan = try SweepTestSupport.plan(replications: 3)
        XCTAssertEqual((1...3).map(plan.seed(replication:)), [11, 12, 13])
    }

    func testSweepsThatDoNotFitTheScenarioAreErrorsNamingTheProblem() throws {
        let scenario = try SweepTestSupport.scenario()
        let cases: [([String], String?, Int, String)] = [
            (["min=7"], nil, 1, "cell min=7: invalid min 7 for \"api\": expected at most dop (6)"),
            (
                ["profile=nope"], nil, 1,
                "--vary profile: expected profiles of the scenario (recover, jump), got \"nope\""
            ),
            ([], "web", 1, "--throttle: expected one of the scenario's throttles (api), got \"web\""),
            (["hold=0s", "hold=1s"], nil, 1, "--vary hold: expected each setting once, got it twice"),
            ([], nil, 0, "--replications: expected a whole number of at least 1, got 0"),
        ]
        for (vary, throttle, replications, message) in cases {
            let error = SweepTestSupport.sweepError {
                _ = try SweepPlan(
                    scenario: scenario, dimensions: try vary.map(SweepDimension.init(parsing:)), throttle: throttle,
                    replications: replications)
            }
            XCTAssertEqual(error?.message, message)
        }
        var two = scenario
        two.throttles.append(two.throttles[0])
        two.throttles[1].config.name = "web"
        let error = SweepTestSupport.sweepError { _ = try SweepPlan(scenario: two, dimensions: [], replications: 1) }
        XCTAssertEqual(error?.message, "the scenario has 2 throttles (api, web); name the one to vary with --throttle")
        XCTAssertEqual(try SweepPlan(scenario: two, dimensions: [], throttle: "web", replications: 1).throttleIndex, 1)
    }

    func testShardsAreContiguousSlicesThatCoverEveryCellOnce() throws {
        for total in 0...20 {
            for count in 1...7 {
                let slices = try (1...count).map { try SweepShard(index: $0, count: count).cells(of: total) }
                XCTAssertEqual(slices.flatMap { Array($0) }, Array(0..<total), "\(total) cells in \(count)")
                let sizes = slices.map(\.count)
                XCTAssertLessThanOrEqual(sizes.max()! - sizes.min()!, 1, "\(total) cells in \(count)")
            }
        }
        XCTAssertEqual(try SweepShard(parsing: "2/4"), try SweepShard(index: 2, count: 4))
        for text in ["0/4", "5/4", "a/b", "2", "1/0", "1/2/3"] {
            XCTAssertEqual(
                SweepTestSupport.sweepError { _ = try SweepShard(parsing: text) }?.isCommandLineMistake, true, text)
        }
    }
}
