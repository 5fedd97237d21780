import Dispatch
import Foundation
import Synchronization

/// Runs independent, synchronous, CPU-bound work items on a fixed number of threads of their own.
///
/// Why threads rather than tasks: each item is a whole simulation that never suspends, so running it on
/// Swift's cooperative pool would block that pool's few threads (two here) for the whole sweep; dedicated
/// threads leave the pool free and give exactly `jobs`-way parallelism.
///
/// Items are handed out in index order from a shared counter, results land in their own slot, so the
/// output is the same whatever the number of threads and whichever finishes first.
enum ParallelWork {
    /// The result of `body(index)` for every index below `count`, in index order.
    ///
    /// - Parameters:
    ///   - jobs: Threads to use; 1 runs everything on the calling thread.
    ///   - body: Called once per index, from any of the threads.
    /// - Throws: The error of the lowest failing index. After a failure no new item starts; those already
    ///   handed out (all of lower index) finish, so which error is thrown does not depend on timing.
    static func map<Value: Sendable>(
        count: Int, jobs: Int, _ body: @escaping @Sendable (Int) throws -> Value
    ) throws -> [Value] {
        let state = State<Value>(count: count)
        let threads = Swift.max(1, Swift.min(jobs, count))
        if threads == 1 {
            state.work(body)
        } else {
            let group = DispatchGroup()
            for _ in 0..<threads {
                group.enter()
                let thread = Thread {
                    state.work(body)
                    group.leave()
                }
                thread.stackSize = 8 << 20  // The simulator's own stack needs; the default for threads is smaller.
                thread.start()
            }
            group.wait()
        }
        return try state.results()
    }

    /// The shared counter, the result slots and the first failure.
    private final class State<Value: Sendable>: Sendable {
        private let next = Atomic<Int>(0)
        private let count: Int
        private let slots: Mutex<[Value?]>
        private let failure = Mutex<(index: Int, error: any Error)?>(nil)

        init(count: Int) {
            self.count = count
            slots = Mutex(Array(repeating: nil, count: count))
        }

        func work(_ body: (Int) throws -> Value) {
            while true {
                if failure.withLock({ $0 != nil }) { return }
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                do {
                    let value = try body(index)
                    slots.withLock { $0[index] = value }
                } catch {
                    failure.withLock { first in
                        if first == nil || index < first!.index { first = (index, error) }
                    }
                }
            }
        }

        func results() throws -> [Value] {
            if let failure = failure.withLock({ $0 }) { throw failure.error }
            return slots.withLock { $0.map { $0! } }
        }
    }
}
