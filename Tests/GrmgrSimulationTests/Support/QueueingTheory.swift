import Foundation
import Grmgr
import GrmgrSimulation

/// Closed forms the simulator is checked against.
enum QueueingTheory {
    /// Mean wait in queue of M/M/c (Erlang C): arrival rate `lambda`, service rate `mu` per server.
    static func erlangCWait(lambda: Double, mu: Double, servers c: Int) -> Double {
        let offered = lambda / mu
        var term = 1.0
        var sum = 1.0  // k = 0
        for k in 1..<c {
            term *= offered / Double(k)
            sum += term
        }
        let last = term * offered / Double(c) * Double(c) / (Double(c) - offered)
        let probabilityOfWaiting = last / (sum + last)
        return probabilityOfWaiting / (Double(c) * mu - lambda)
    }

    /// Mean wait in queue of M/G/1 (Pollaczek–Khinchine) from the first two moments of service.
    static func pollaczekKhinchineWait(lambda: Double, meanService: Double, secondMoment: Double) -> Double {
        let rho = lambda * meanService
        return lambda * secondMoment / (2 * (1 - rho))
    }
}

/// Builds one-throttle scenarios for the fidelity tests.
enum ScenarioFactory {
    static func singleQueue(
        name: String = "queue", servers: Int, rate: Double, service: DurationSpec, horizon: TimeAmount,
        warmup: TimeAmount, seed: UInt64
    ) throws -> Scenario {
        let throttle = ThrottleSpec(
            config: try ThrottleConfig(name: name, dop: servers, min: 1, hold: .zero),
            arrivals: .poisson(schedule: [RateSegment(at: .zero, rate: rate)]), duration: service)
        return Scenario(
            name: name, seed: seed, duration: horizon, warmup: warmup, sample: .seconds(60), throttles: [throttle])
    }
}

/// Mean and 95% confidence half-width over replications (Student t from GSL).
struct ReplicatedMean {
    let mean: Double
    let halfWidth: Double

    init(_ values: [Double]) {
        let count = Double(values.count)
        let average = values.reduce(0, +) / count
        let variance = values.reduce(0) { $0 + ($1 - average) * ($1 - average) } / (count - 1)
        mean = average
        let t = GSLDistributions.studentTQuantile(0.975, degreesOfFreedom: count - 1)
        halfWidth = t * (variance / count).squareRoot()
    }

    func contains(_ value: Double) -> Bool { abs(value - mean) <= halfWidth }
}
