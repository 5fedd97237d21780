import Foundation
import Grmgr
import GrmgrSimulation
import XCTest

final class SimulationDeterminismTests: XCTestCase {
    private var scenariosDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios")
    }

    private func files(of directory: URL) throws -> [String: Data] {
        var contents: [String: Data] = [:]
        for name in ScenarioRunner.fileNames {
            contents[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return contents
    }

    func testEveryShippedScenarioGivesByteIdenticalFilesTwiceAndOtherBytesForAnotherSeed() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("determinism-\(UUID())")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let names = try FileManager.default.contentsOfDirectory(atPath: scenariosDirectory.path)
            .filter { $0.hasSuffix(".json5") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 6)
        for name in names {
            let scenario = try ScenarioLoader.load(contentsOf: scenariosDirectory.appendingPathComponent(name))
            let first = scratch.appendingPathComponent("\(name)-1")
            let second = scratch.appendingPathComponent("\(name)-2")
            let reseeded = scratch.appendingPathComponent("\(name)-seed")
            _ = try ScenarioRunner.run(scenario, writingTo: first)
            _ = try ScenarioRunner.run(scenario, writingTo: second)
            _ = try ScenarioRunner.run(scenario, writingTo: reseeded, seed: scenario.seed &+ 1)
            let reference = try files(of: first)
            XCTAssertEqual(try files(of: second), reference, "\(name): two runs differ")
            let drawsRandomly = scenario.throttles.contains { spec in
                if case .trace(_, .some) = spec.arrivals { return false }
                return true
            }
            if drawsRandomly {
                XCTAssertNotEqual(try files(of: reseeded)["tasks.csv"], reference["tasks.csv"], "\(name): seed ignored")
            } else {
                XCTAssertEqual(try files(of: reseeded), reference, "\(name): a replay draws nothing at random")
            }
        }
    }

    func testAddingAThrottleDoesNotChangeAnotherThrottlesWorkload() throws {
        let solo = try ScenarioFactory.singleQueue(
            name: "a", servers: 3, rate: 2, service: DurationSpec(.exponential(mu: 1)), horizon: .seconds(600),
            warmup: .zero, seed: 5)
        var pair = solo
        pair.throttles.append(
            ThrottleSpec(
                config: try ThrottleConfig(name: "b", dop: 1),
                arrivals: .poisson(schedule: [RateSegment(at: .zero, rate: 7)]),
                duration: DurationSpec(.constant(value: 0.1))))
        var first = try Simulator(scenario: solo)
        var second = try Simulator(scenario: pair)
        XCTAssertEqual(try first.run().throttles[0], try second.run().throttles[0])
    }
}
