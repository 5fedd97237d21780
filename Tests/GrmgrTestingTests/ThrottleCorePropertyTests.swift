import Dispatch
import Foundation
import Grmgr
import GrmgrTesting
import Synchronization
import XCTest

/// Seeded random command sequences through `ThrottleCore`: every invariant holds on every trace.
///
/// By default 10,000 sequences of 1,000 commands each, spread over the machine's cores: about a minute in
/// a debug build on two cores. Set `GRMGR_PROPERTY_SEQUENCES` to run fewer (or more), and
/// `GRMGR_PROPERTY_SEED` to replay one sequence: a failure prints the seed to use.
final class ThrottleCorePropertyTests: XCTestCase {
    private static let commandsPerSequence = 1_000

    func testEveryInvariantHoldsOnRandomCommandSequences() throws {
        let environment = ProcessInfo.processInfo.environment
        let seeds: [UInt64]
        if let replay = environment["GRMGR_PROPERTY_SEED"].flatMap(UInt64.init) {
            seeds = [replay]
        } else {
            let count = environment["GRMGR_PROPERTY_SEQUENCES"].flatMap(Int.init) ?? 10_000
            seeds = (0..<UInt64(count)).map { 0x6772_6D67_7200_0000 + $0 }
        }
        let failures = Self.check(seeds: seeds) {
            try RandomCoreScript.trace(seed: $0, commands: Self.commandsPerSequence)
        }
        for failure in failures.prefix(3) { XCTFail(failure) }
    }

    func testAFailingSequenceIsReportedWithTheSeedThatReplaysIt() {
        // A fault planted in the traces of two seeds: the report names exactly those seeds.
        let planted: Set<UInt64> = [3, 7]
        let failures = Self.check(seeds: Array(0..<10)) { seed in
            var trace = try RandomCoreScript.trace(seed: seed, commands: 200)
            if planted.contains(seed), let id = trace.registrations.first?.id {
                trace.entries.append(
                    ThrottleTrace.Entry(
                        instant: trace.endInstant!,
                        actions: [
                            .stateChanged(StateChange(throttle: id, cause: .queued, ceiling: 9, running: 0, waiting: 1))
                        ]))
            }
            return trace
        }
        XCTAssertEqual(failures.count, 2, "\(failures)")
        XCTAssertTrue(failures.allSatisfy { $0.contains("replay it with GRMGR_PROPERTY_SEED=") }, "\(failures)")
        XCTAssertTrue(failures.contains { $0.contains("GRMGR_PROPERTY_SEED=3 ") }, "\(failures)")
        XCTAssertTrue(failures.contains { $0.contains("GRMGR_PROPERTY_SEED=7 ") }, "\(failures)")
    }

    func testTheSameSeedGivesTheSameTrace() throws {
        let first = try RandomCoreScript.trace(seed: 42, commands: Self.commandsPerSequence)
        let second = try RandomCoreScript.trace(seed: 42, commands: Self.commandsPerSequence)
        XCTAssertEqual(first, second)
        XCTAssertNotEqual(first, try RandomCoreScript.trace(seed: 43, commands: Self.commandsPerSequence))
    }

    func testTheSequencesExerciseEveryKindOfDecision() throws {
        // Guards the generator: a property that never meets a rule proves nothing about it.
        var causes: Set<StateChangeCause> = []
        var outcomes: Set<ScalingOutcome> = []
        var kinds: Set<String> = []
        for seed in 0..<UInt64(20) {
            for entry in try RandomCoreScript.trace(seed: seed, commands: Self.commandsPerSequence).entries {
                for action in entry.actions {
                    switch action {
                    case .stateChanged(let change): causes.insert(change.cause)
                    case .scaled(let record): outcomes.insert(record.outcome)
                    case .grant: kinds.insert("grant")
                    case .fail: kinds.insert("fail")
                    case .becameIdle: kinds.insert("idle")
                    case .scheduleTimer: kinds.insert("timer")
                    case .log: kinds.insert("log")
                    }
                }
            }
        }
        XCTAssertEqual(causes, Set(StateChangeCause.allCases))
        XCTAssertEqual(outcomes, Set(ScalingOutcome.allCases))
        XCTAssertEqual(kinds, ["grant", "fail", "idle", "timer"])
    }

    /// Checks the trace of every seed on all cores; returns one message per failing seed.
    private static func check(seeds: [UInt64], trace: @Sendable @escaping (UInt64) throws -> ThrottleTrace) -> [String]
    {
        let failures = Mutex<[(UInt64, String)]>([])
        let workers = max(ProcessInfo.processInfo.activeProcessorCount, 1)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for seed in stride(from: worker, to: seeds.count, by: workers).map({ seeds[$0] }) {
                let message: String?
                do {
                    let violations = InvariantChecker().violations(in: try trace(seed))
                    message =
                        violations.isEmpty ? nil : violations.prefix(2).map(\.description).joined(separator: "\n\n")
                } catch {
                    message = "the script threw \(error)"
                }
                if let message {
                    failures.withLock {
                        $0.append(
                            (seed, "seed \(seed) failed; replay it with GRMGR_PROPERTY_SEED=\(seed) \n\(message)"))
                    }
                }
            }
        }
        return failures.withLock { $0.sorted { $0.0 < $1.0 }.map(\.1) }
    }
}
