import Foundation
import Grmgr
import GrmgrSimulation
import XCTest

/// A small scenario for sweep and report tests (about 450 tasks, fast even in debug builds), and helpers.
enum SweepTestSupport {
    /// One throttle "api" of dop 6 under a load of about 5.7 busy slots: steps down at 20s and 35s (the
    /// second refused by a hold of 20s or more), then a profile at 60s brings it back in steps 10s apart.
    static func scenario() throws -> Scenario {
        let throttle = ThrottleSpec(
            config: try ThrottleConfig(name: "api", dop: 6, down: 2, up: 1, min: 2, hold: .seconds(20)),
            arrivals: .poisson(schedule: [RateSegment(at: .zero, rate: 5)]),
            duration: DurationSpec(.lognormal(zeta: 0, sigma: 0.5)))
        let recover = try ScalingProfile(
            name: "recover",
            steps: [
                .init(after: .zero, action: .up()), .init(after: .seconds(10), action: .up()),
                .init(after: .seconds(20), action: .up()), .init(after: .seconds(30), action: .up()),
            ])
        let jump = try ScalingProfile(name: "jump", steps: [.init(after: .zero, action: .set(dop: 6))])
        return Scenario(
            name: "small", seed: 11, duration: .seconds(90), warmup: .seconds(5), sample: .seconds(1),
            throttles: [throttle], profiles: [recover, jump],
            events: [
                TimedScalingEvent(at: .seconds(20), event: ScalingEvent(action: .down())),
                TimedScalingEvent(at: .seconds(35), event: ScalingEvent(throttle: "api", action: .down())),
                TimedScalingEvent(at: .seconds(60), event: ScalingEvent(action: .profile("recover"))),
            ])
    }

    /// The dimensions of `--vary` texts.
    static func dimensions(_ texts: String...) throws -> [SweepDimension] {
        try texts.map(SweepDimension.init(parsing:))
    }

    /// A plan over hold × down with `replications`.
    static func plan(replications: Int = 3) throws -> SweepPlan {
        try SweepPlan(
            scenario: scenario(), dimensions: dimensions("hold=0s,20s,40s", "down=1,2"), replications: replications)
    }

    /// The error a throwing call throws, as a ``SweepError``; fails the test when it does not throw one.
    static func sweepError(
        _ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line
    ) -> SweepError? {
        do {
            try body()
            XCTFail("expected a SweepError, got none", file: file, line: line)
        } catch let error as SweepError {
            return error
        } catch {
            XCTFail("expected a SweepError, got \(error)", file: file, line: line)
        }
        return nil
    }

    /// Every file's bytes in a directory, by name (hidden files left out).
    static func files(in directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where !name.hasPrefix(".") {
            files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return files
    }
}
