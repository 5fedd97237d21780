import Foundation
import Grmgr
import GrmgrSimulation
import XCTest

/// The simulator against queueing theory. Each check runs independent replications (seeds 1…R) and
/// asks that the closed form lies in the 95% confidence interval of the replications' mean; the seeds are
/// fixed, so a failure replays exactly.
final class SimulationFidelityTests: XCTestCase {
    private let replications = 20

    private func meanWaits(_ makeScenario: (UInt64) throws -> Scenario) throws -> [Double] {
        try (1...UInt64(replications)).map { seed in
            var simulator = try Simulator(scenario: makeScenario(seed))
            let summary = try simulator.run().throttles[0]
            return try XCTUnwrap(summary.wait.mean).seconds
        }
    }

    func testMMcMeanWaitMatchesErlangC() throws {
        for (lambda, mu, servers) in [(0.8, 1.0, 1), (3.4, 1.0, 4), (8.5, 1.0, 10)] {
            let waits = try meanWaits { seed in
                try ScenarioFactory.singleQueue(
                    servers: servers, rate: lambda, service: DurationSpec(.exponential(mu: 1 / mu)),
                    horizon: .seconds(Int64(8_000 / lambda)), warmup: .seconds(200), seed: seed)
            }
            let expected = QueueingTheory.erlangCWait(lambda: lambda, mu: mu, servers: servers)
            let observed = ReplicatedMean(waits)
            XCTAssertTrue(
                observed.contains(expected),
                "M/M/\(servers) λ=\(lambda): Erlang C \(expected), simulated \(observed.mean) ± \(observed.halfWidth)")
        }
    }

    func testMD1MeanWaitMatchesPollaczekKhinchine() throws {
        let lambda = 0.7
        let waits = try meanWaits { seed in
            try ScenarioFactory.singleQueue(
                servers: 1, rate: lambda, service: DurationSpec(.constant(value: 1)), horizon: .seconds(12_000),
                warmup: .seconds(200), seed: seed)
        }
        let expected = QueueingTheory.pollaczekKhinchineWait(lambda: lambda, meanService: 1, secondMoment: 1)
        let observed = ReplicatedMean(waits)
        XCTAssertTrue(
            observed.contains(expected), "M/D/1: P-K \(expected), simulated \(observed.mean) ± \(observed.halfWidth)")
    }

    func testMG1LognormalMeanWaitMatchesPollaczekKhinchine() throws {
        let (zeta, sigma) = (-0.5, 0.5)
        let meanService = exp(zeta + sigma * sigma / 2)
        let secondMoment = exp(2 * zeta + 2 * sigma * sigma)
        let lambda = 0.6 / meanService
        let waits = try meanWaits { seed in
            try ScenarioFactory.singleQueue(
                servers: 1, rate: lambda, service: DurationSpec(.lognormal(zeta: zeta, sigma: sigma)),
                horizon: .seconds(Int64(10_000 / lambda)), warmup: .seconds(200), seed: seed)
        }
        let expected = QueueingTheory.pollaczekKhinchineWait(
            lambda: lambda, meanService: meanService, secondMoment: secondMoment)
        let observed = ReplicatedMean(waits)
        XCTAssertTrue(
            observed.contains(expected),
            "M/G/1 lognormal: P-K \(expected), simulated \(observed.mean) ± \(observed.halfWidth)")
    }

    func testLittlesLawHoldsOnTheSummary() throws {
        let scenario = try ScenarioFactory.singleQueue(
            servers: 4, rate: 3, service: DurationSpec(.gamma(a: 2, b: 0.5)), horizon: .seconds(20_000),
            warmup: .seconds(100), seed: 7)
        var simulator = try Simulator(scenario: scenario)
        let summary = try simulator.run().throttles[0]
        let meanService = try XCTUnwrap(summary.sojourn.mean).seconds - XCTUnwrap(summary.wait.mean).seconds
        // L = λW for the servers: the time-weighted number running equals throughput × mean service time.
        XCTAssertEqual(summary.meanRunning, summary.throughput * meanService, accuracy: summary.meanRunning * 0.01)
        XCTAssertEqual(summary.throughput, 3, accuracy: 0.1)
        XCTAssertEqual(summary.utilisation, summary.meanRunning / 4, accuracy: 1e-9)
    }
}
