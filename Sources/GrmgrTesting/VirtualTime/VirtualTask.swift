/// A task started by ``VirtualTimeHarness/spawn(_:)``, whose result the test reads once virtual time has
/// let it finish.
public struct VirtualTask<Success: Sendable>: Sendable {
    /// The underlying task.
    public let task: Task<Success, any Error>
    let finished: FinishFlag
    let harness: VirtualTimeHarness

    /// Whether the task has returned or thrown.
    public var isFinished: Bool { finished.isSet }

    /// Cancels the task; it sees the cancellation when the harness next runs it.
    public func cancel() {
        task.cancel()
    }

    /// The task's result: the harness first runs until idle, and the task must then have finished.
    ///
    /// Await it from the test body. A task that is still waiting (for a deadline the clock has not
    /// reached, or for a slot that is never freed) makes this throw instead of hanging the test.
    ///
    /// - Throws: ``VirtualTimeError`` when the task has not finished; otherwise what the task threw.
    public var value: Success {
        get async throws {
            harness.runUntilIdle()
            guard isFinished else {
                throw VirtualTimeError(
                    message: "the task has not finished at \(harness.now)"
                        + (harness.clock.nextDeadline.map {
                            " (\(harness.clock.sleeperCount) sleeper(s), the next due at \($0)); advance the clock"
                        } ?? " and nothing sleeps on the clock: it waits for something that never comes"))
            }
            return try await task.value
        }
    }
}

/// A misuse of virtual time, such as reading the value of a task that has not finished.
public struct VirtualTimeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// Creates an error.
    public init(message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
