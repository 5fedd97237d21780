import Dispatch
import Grmgr
import Synchronization

/// `grmgr-sim bench throttle`: the cost of our throttle against the floors it cannot beat, measured
/// side by side in one process so that the ratios mean something on any machine.
struct ThrottleBenchmark {
    struct Result: Sendable {
        var pairNanoseconds: Double
        var mutexPairNanoseconds: Double
        var semaphorePairNanoseconds: Double
        var dispatchTasksPerSecondDop10: Double
        var dispatchTasksPerSecondDop100: Double
        var floorDispatchTasksPerSecondDop10: Double
        var floorDispatchTasksPerSecondDop100: Double
    }

    var pairs = 5_000_000
    var dispatchedTasks = 1_000_000
    /// Rounds over which the `pairs` of each pair measurement are spread.
    var rounds = 10

    func run() async throws -> Result {
        // Warm up caches and the allocator so the first measurement is not penalised.
        _ = try await throttlePairs(count: pairs / 10)
        _ = mutexPairs(count: pairs / 10)
        // The three pair measurements alternate in rounds and each reports its median round: on a machine
        // shared with other work, a burst of load then spoils one round of each instead of the whole of
        // one measurement, and the ratios compare like with like.
        let perRound = Swift.max(1, pairs / Swift.max(1, rounds))
        var pairRounds: [Double] = []
        var mutexRounds: [Double] = []
        var semaphoreRounds: [Double] = []
        for _ in 0..<Swift.max(1, rounds) {
            pairRounds.append(try await throttlePairs(count: perRound))
            mutexRounds.append(mutexPairs(count: perRound))
            semaphoreRounds.append(semaphorePairs(count: perRound))
        }
        let pair = Self.median(pairRounds)
        let mutex = Self.median(mutexRounds)
        let semaphore = Self.median(semaphoreRounds)
        let dop10 = try await dispatchThrottle(dop: 10)
        let floor10 = await dispatchFloor(dop: 10)
        let dop100 = try await dispatchThrottle(dop: 100)
        let floor100 = await dispatchFloor(dop: 100)
        return Result(
            pairNanoseconds: pair, mutexPairNanoseconds: mutex, semaphorePairNanoseconds: semaphore,
            dispatchTasksPerSecondDop10: dop10, dispatchTasksPerSecondDop100: dop100,
            floorDispatchTasksPerSecondDop10: floor10, floorDispatchTasksPerSecondDop100: floor100)
    }

    /// The middle value (the mean of the two middle ones for an even count).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Nanoseconds per sequential `control()`/`done()` pair (never waits).
    func throttlePairs(count: Int) async throws -> Double {
        let service = ThrottleService()
        let throttle = try service.makeThrottle(named: "bench", dop: 10)
        let elapsed = try await ContinuousClock().measure {
            for _ in 0..<count {
                try await throttle.control()
                try throttle.done()
            }
        }
        service.shutdown()
        return elapsed.nanosecondsDouble / Double(count)
    }

    /// Nanoseconds per increment/decrement pair of a bare `Mutex<Int>`: the floor for any locked counter.
    func mutexPairs(count: Int) -> Double {
        let counter = Mutex(0)
        let elapsed = ContinuousClock().measure {
            for _ in 0..<count {
                counter.withLock { $0 += 1 }
                counter.withLock { $0 -= 1 }
            }
        }
        precondition(counter.withLock { $0 } == 0)
        return elapsed.nanosecondsDouble / Double(count)
    }

    /// Nanoseconds per `wait()`/`signal()` pair of a `DispatchSemaphore` that never blocks.
    func semaphorePairs(count: Int) -> Double {
        let semaphore = DispatchSemaphore(value: 10)
        let elapsed = ContinuousClock().measure {
            for _ in 0..<count {
                semaphore.wait()
                semaphore.signal()
            }
        }
        return elapsed.nanosecondsDouble / Double(count)
    }

    /// The seed's dispatcher: one loop asks for a slot, then spawns a child task that releases it.
    func dispatchThrottle(dop: Int) async throws -> Double {
        let service = ThrottleService()
        let throttle = try service.makeThrottle(named: "dispatch", dop: dop)
        let tasks = dispatchedTasks
        let elapsed = try await ContinuousClock().measure {
            try await withThrowingDiscardingTaskGroup { group in
                for _ in 0..<tasks {
                    try await throttle.control()
                    group.addTask { try throttle.done() }
                }
            }
        }
        service.shutdown()
        return Double(tasks) / elapsed.secondsDouble
    }

    /// The same loop with the barest limiter: a mutex-guarded counter and one parked continuation.
    func dispatchFloor(dop: Int) async -> Double {
        let limiter = FloorLimiter(limit: dop)
        let tasks = dispatchedTasks
        let elapsed = await ContinuousClock().measure {
            await withDiscardingTaskGroup { group in
                for _ in 0..<tasks {
                    await limiter.acquire()
                    group.addTask { limiter.release() }
                }
            }
        }
        return Double(tasks) / elapsed.secondsDouble
    }
}

/// A counting limiter with nothing but a counter and a FIFO of parked callers, as a floor.
private final class FloorLimiter: Sendable {
    private struct State {
        var running = 0
        var parked: [CheckedContinuation<Void, Never>] = []
        var head = 0
    }

    private let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = limit
    }

    func acquire() async {
        let acquired = state.withLock { state in
            guard state.running < limit else { return false }
            state.running += 1
            return true
        }
        if acquired { return }
        await withCheckedContinuation { continuation in
            let now = state.withLock { state in
                if state.running < limit {
                    state.running += 1
                    return true
                }
                state.parked.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    func release() {
        let next: CheckedContinuation<Void, Never>? = state.withLock { state in
            guard state.head < state.parked.count else {
                state.running -= 1
                return nil
            }
            defer {
                state.head += 1
                if state.head == state.parked.count {
                    state.parked.removeAll(keepingCapacity: true)
                    state.head = 0
                }
            }
            return state.parked[state.head]
        }
        next?.resume()
    }
}

extension Duration {
    var nanosecondsDouble: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
    }

    var secondsDouble: Double { nanosecondsDouble / 1e9 }
}
