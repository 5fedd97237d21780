import Grmgr
import Synchronization
import XCTest

/// Checks the invariants of DESIGN.md online, from inside the service's lock, on every command.
private final class InvariantObserver: ThrottleObserver {
    private struct State {
        var violations: [String] = []
        var lastGrantedTicket: [ThrottleID: UInt64] = [:]
        var commands = 0
    }

    private let state = Mutex(State())

    func observe(_ actions: [ThrottleAction], at instant: TimePoint) {
        state.withLock { state in
            state.commands += 1
            var last: [ThrottleID: StateChange] = [:]
            for action in actions {
                switch action {
                case .stateChanged(let change):
                    if change.cause == .granted || change.cause == .grantedWaiter, change.running > change.ceiling {
                        state.violations.append("grant over the ceiling: \(change)")
                    }
                    last[change.throttle] = change
                case .grant(let waiter):
                    if let previous = state.lastGrantedTicket[waiter.throttle], previous >= waiter.ticket.number {
                        state.violations.append("grant out of FIFO order: \(previous) then \(waiter.ticket.number)")
                    }
                    state.lastGrantedTicket[waiter.throttle] = waiter.ticket.number
                default:
                    break
                }
            }
            for change in last.values where change.waiting > 0 && change.running < change.ceiling {
                state.violations.append("not work-conserving after a command: \(change)")
            }
        }
    }

    var violations: [String] { state.withLock { $0.violations } }
    var commands: Int { state.withLock { $0.commands } }
}

final class ThrottleStressTests: XCTestCase {
    /// Eight tasks hammer three throttles with control/done while a ninth scales them at random: the
    /// Go original had five data races here. `make tsan` runs this under the thread sanitizer.
    func testConcurrentControlDoneAndScalingKeepEveryInvariant() async throws {
        let pairsPerTask = ProcessInfo.processInfo.environment["GRMGR_STRESS_PAIRS"].flatMap(Int.init) ?? 100_000
        let observer = InvariantObserver()
        let service = ThrottleService(observer: observer)
        let throttles = try (0..<3).map { index in
            try service.makeThrottle(ThrottleConfig(name: "stress-\(index)", dop: 2 + index, min: 1, hold: .zero))
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    let throttle = throttles[worker % throttles.count]
                    for _ in 0..<pairsPerTask {
                        try await throttle.control()
                        try throttle.done()
                    }
                }
            }
            group.addTask {
                var generator = SplitMix64(seed: 99)
                for step in 0..<2_000 {
                    let throttle = throttles[Int(generator.next() % 3)]
                    switch generator.next() % 3 {
                    case 0: try throttle.up()
                    case 1: try throttle.down()
                    default: try throttle.setDop(Int(generator.next() % 6))
                    }
                    if step % 50 == 0 { await Task.yield() }
                }
                for throttle in throttles { try throttle.setDop(.max) }
            }
            try await group.waitForAll()
        }
        XCTAssertEqual(observer.violations, [])
        var totalCompleted = 0
        for throttle in throttles {
            let snapshot = try throttle.snapshot()
            XCTAssertEqual(snapshot.running, 0)
            XCTAssertEqual(snapshot.waiting, 0)
            XCTAssertEqual(snapshot.counters.asked, snapshot.counters.granted)
            XCTAssertEqual(snapshot.counters.granted, snapshot.counters.completed)
            totalCompleted += snapshot.counters.completed
        }
        XCTAssertEqual(totalCompleted, 8 * pairsPerTask, "no task lost, none granted twice")
    }
}
