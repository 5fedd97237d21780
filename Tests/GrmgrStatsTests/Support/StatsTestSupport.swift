#if WithStats
import Foundation
import Grmgr
import GrmgrStats
import Synchronization
import XCTest

/// A directory under the system's temporary directory, removed by ``remove()``.
struct TemporaryDirectory {
    let url: URL

    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("grmgr-stats-\(label)-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Collects log records for assertions.
final class CapturingLogger: ThrottleLogger {
    let logLevel: LogLevel? = .debug
    private let records = Mutex<[LogRecord]>([])

    func log(_ record: LogRecord) { records.withLock { $0.append(record) } }
    var messages: [String] { records.withLock { $0.map(\.message) } }
    func messages(atLeast level: LogLevel) -> [String] {
        records.withLock { $0.filter { $0.level >= level }.map(\.message) }
    }
}

/// A clock that moves only when the test says so: the monitor's virtual time.
final class ManualClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct Sleeper {
        let deadline: Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private let state = Mutex<(now: Instant, sleepers: [Sleeper])>((Instant(offset: .zero), []))

    var now: Instant { state.withLock { $0.now } }
    var minimumResolution: Duration { .nanoseconds(1) }
    var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let due = state.withLock { state in
                    if deadline <= state.now { return true }
                    state.sleepers.append(Sleeper(deadline: deadline, continuation: continuation))
                    return false
                }
                if due { continuation.resume() }
            }
        } onCancel: {
            let all = state.withLock { state in
                defer { state.sleepers = [] }
                return state.sleepers
            }
            for sleeper in all { sleeper.continuation.resume(throwing: CancellationError()) }
        }
    }

    func advance(by duration: Duration) {
        let due = state.withLock { state in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            defer { state.sleepers.removeAll { $0.deadline <= now } }
            return state.sleepers.filter { $0.deadline <= now }
        }
        for sleeper in due { sleeper.continuation.resume() }
    }
}

/// Waits in real time, polling, until `condition` holds; fails after `seconds`.
func eventually(
    within seconds: Double = 20, file: StaticString = #filePath, line: UInt = #line, _ condition: () throws -> Bool
) async rethrows {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while try !condition() {
        if ContinuousClock.now > deadline {
            XCTFail("condition not met within \(seconds)s", file: file, line: line)
            return
        }
        try? await Task.sleep(for: .milliseconds(5))
    }
}

/// A run for writer and store tests.
func sampleRun(_ id: String = StatsRun.newID(), configuration: StatsConfiguration = .standard) -> StatsRun {
    StatsRun(id: id, source: "test", startedAt: 1_700_000_000, configuration: configuration)
}

/// A snapshot row at `seconds`.
func snapshot(_ throttle: String, at seconds: Int64, running: Int, ceiling: Int = 10, waiting: Int = 0) -> StatsSnapshot
{
    StatsSnapshot(
        throttle: throttle, time: .zero + .seconds(seconds),
        load: ThrottleLoad(ceiling: ceiling, running: running, waiting: waiting))
}
#endif
