import Foundation
import XCTest

/// `grmgr-sim bench throttle` and `bench sim` as a user runs them, on small workloads: the figures are
/// there and make sense, and bad counts are usage errors. (The figures themselves are timings, for people
/// to read, never for a test to judge.)
final class BenchCommandTests: XCTestCase {
    private func figures(_ arguments: [String]) throws -> [String: Double] {
        let outcome = try GrmgrSimBinary.run(arguments)
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8))
        return try XCTUnwrap(json as? [String: Double], outcome.standardOutput)
    }

    func testBenchSimReportsEveryFigureOfItsRounds() throws {
        let json = try figures(["bench", "sim", "--json", "--tasks", "20000", "--rounds", "2"])
        XCTAssertEqual(json["tasks"], 20000)
        XCTAssertEqual(json["rounds"], 2)
        for name in ["tasks_per_s_summary", "tasks_per_s_traces", "tasks_per_s_dop_changes", "floor_tasks_per_s"] {
            XCTAssertGreaterThan(json[name] ?? 0, 0, name)
        }
        let summary = try XCTUnwrap(json["tasks_per_s_summary"])
        let floor = try XCTUnwrap(json["floor_tasks_per_s"])
        XCTAssertEqual(try XCTUnwrap(json["summary_to_floor_ratio"]), summary / floor, accuracy: 0.01)
        XCTAssertGreaterThan(json["peak_rss_mb"] ?? 0, 1)
    }

    func testBenchThrottleReportsPairsAgainstTheirFloors() throws {
        let json = try figures(["bench", "throttle", "--json", "--pairs", "10000", "--tasks", "2000"])
        for name in ["pair_ns", "mutex_pair_ns", "semaphore_pair_ns"] {
            XCTAssertGreaterThan(json[name] ?? 0, 0, name)
        }
        XCTAssertEqual(
            try XCTUnwrap(json["pair_to_mutex_ratio"]), try XCTUnwrap(json["pair_ns"]) / json["mutex_pair_ns"]!,
            accuracy: 0.01)
    }

    func testCountsBelowOneAreUsageErrors() throws {
        let cases: [[String]] = [
            ["bench", "sim", "--rounds", "0"], ["bench", "sim", "--tasks", "-5"],
            ["bench", "throttle", "--pairs", "0"],
        ]
        for arguments in cases {
            let outcome = try GrmgrSimBinary.run(arguments)
            XCTAssertEqual(outcome.status, 64, "\(arguments)")
            let message =
                "Error: invalid value '\(arguments[3])' for '\(arguments[2]) <n>': expected an integer of at least 1"
            XCTAssertTrue(outcome.standardError.hasPrefix(message + "\n"), outcome.standardError)
            XCTAssertEqual(outcome.standardOutput, "")
        }
    }
}
