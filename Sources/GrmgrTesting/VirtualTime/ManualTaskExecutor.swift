internal import Synchronization

/// A `TaskExecutor` that runs nothing by itself: jobs wait in a first-in, first-out queue until a test
/// drains it, on the test's own thread, so that async code runs one job at a time in a repeatable order.
///
/// Tasks get onto it through a task-executor preference (SE-0417):
/// - `Task(executorPreference: executor) { … }`, or ``VirtualTimeHarness/spawn(_:)``, which does that;
/// - child tasks inherit the preference: task-group children (`addTask`), `async let`, and so the bodies
///   of `Throttle.concurrentForEach` and `Throttle.withControl`;
/// - default actors run their methods on the caller's preferred executor, so a plain `actor` works too.
///
/// An unstructured `Task { … }` created inside such a task does **not** inherit the preference: it runs
/// on the global executor, in real time and outside the test's control. Create such tasks with
/// `Task(executorPreference:)` (pass the executor down), or use structured concurrency. Code isolated to
/// the main actor or a custom actor executor also leaves the manual executor.
///
/// Modelled on the `ManualTaskExecutor` of swift-nio's NIOTestUtils.
public final class ManualTaskExecutor: TaskExecutor {
    private struct Queue {
        var jobs: [UnownedJob] = []
        var head = 0
        var isRunning = false
    }

    private let queue = Mutex(Queue())

    /// Creates an executor with an empty queue.
    public init() {}

    /// Adds a job to the end of the queue; the concurrency runtime calls this.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.withLock { $0.jobs.append(job) }
    }

    /// The number of jobs waiting to run.
    public var pendingJobCount: Int {
        queue.withLock { $0.jobs.count - $0.head }
    }

    /// Runs jobs, oldest first, until the queue is empty, including the jobs enqueued while it runs.
    ///
    /// When it returns, every task on this executor is suspended (waiting for a continuation, a sleep, or
    /// another executor) or finished. Call it from the test body, never from a job of this executor.
    ///
    /// - Returns: The number of jobs run.
    @discardableResult
    public func runUntilQueueIsEmpty() -> Int {
        let wasRunning = queue.withLock { queue in
            defer { queue.isRunning = true }
            return queue.isRunning
        }
        precondition(!wasRunning, "ManualTaskExecutor drained from one of its own jobs: drain it from the test body")
        defer { queue.withLock { $0.isRunning = false } }
        var count = 0
        while let job = nextJob() {
            job.runSynchronously(on: asUnownedTaskExecutor())
            count += 1
        }
        return count
    }

    private func nextJob() -> UnownedJob? {
        queue.withLock { queue in
            guard queue.head < queue.jobs.count else {
                queue.jobs.removeAll(keepingCapacity: true)
                queue.head = 0
                return nil
            }
            defer { queue.head += 1 }
            return queue.jobs[queue.head]
        }
    }
}
