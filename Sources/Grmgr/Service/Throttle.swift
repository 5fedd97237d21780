/// A handle on one registered throttle: ask for a slot, release it, scale the ceiling, wait, delete.
///
/// Handles are cheap values; copies refer to the same throttle. Every rule is decided by the
/// service's ``ThrottleCore``.
///
/// ```swift
/// try await throttle.control()      // waits, FIFO, while running == ceiling
/// defer { try? throttle.done() }
/// ```
public struct Throttle: Sendable, Hashable {
    /// The throttle's name.
    public let name: String
    /// Its identifier in the service's core.
    public let id: ThrottleID
    @usableFromInline let registry: ThrottleRegistry

    init(name: String, id: ThrottleID, registry: ThrottleRegistry) {
        self.name = name
        self.id = id
        self.registry = registry
    }

    /// Handles are equal when they refer to the same throttle of the same service.
    public static func == (lhs: Throttle, rhs: Throttle) -> Bool {
        lhs.id == rhs.id && lhs.registry === rhs.registry
    }

    /// Hashes the throttle's identity.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(ObjectIdentifier(registry))
    }

    // MARK: Running tasks

    /// Waits for a slot: returns at once while `running < ceiling`, otherwise when this caller's turn
    /// comes, in FIFO order. Pair every successful call with one ``done()``.
    ///
    /// If the calling task is cancelled while waiting, the caller leaves the queue and this throws
    /// `CancellationError`. A caller granted before the cancellation arrives returns normally and must
    /// call ``done()``.
    ///
    /// - Throws: `CancellationError`; ``ThrottleError/deleted(throttle:)`` when the throttle is (or gets)
    ///   deleted; ``ThrottleError/serviceShutDown`` when the service is (or gets) shut down.
    @inlinable
    nonisolated(nonsending) public func control() async throws {
        // Inlined into the caller so that a grant without waiting costs no async frame of its own.
        let asked: ThrottleCore.AskResult
        do { asked = try registry.ask(id) } catch { throw renamed(error) }
        if case .queued(let waiter) = asked { try await registry.suspend(waiter) }
    }

    /// Releases a slot granted by ``control()``, and grants the oldest waiter if there is room.
    ///
    /// - Throws: ``ThrottleError/doneWithoutControl(throttle:)`` when no task of this throttle is running;
    ///   the throttle is left intact.
    @inlinable
    public func done() throws(ThrottleError) {
        do { try registry.done(id) } catch { throw renamed(error) }
    }

    /// Runs `body` in a slot: ``control()`` before, ``done()`` after, also when `body` throws.
    ///
    /// - Returns: What `body` returns.
    public func withControl<Result>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> sending Result
    ) async throws -> sending Result {
        try await control()
        defer { try? done() }
        return try await body()
    }

    /// Runs `body` for every element of `elements` with at most the ceiling of them at once, and returns
    /// when all are done: the Go original's `for node := range ch { lim.Control(); go func() { …; lim.Done() }() }`.
    ///
    /// The ceiling is read at each grant, so scaling events change the parallelism while it runs. The
    /// first error thrown by `body` stops dispatching new elements and is rethrown after the running ones finish.
    public func concurrentForEach<Elements: AsyncSequence>(
        _ elements: Elements,
        _ body: @escaping @Sendable (Elements.Element) async throws -> Void
    ) async throws where Elements.Element: Sendable {
        try await withThrowingDiscardingTaskGroup { group in
            for try await element in elements {
                if group.isCancelled { break }
                try await control()
                group.addTask {
                    defer { try? self.done() }
                    try await body(element)
                }
            }
        }
    }

    /// Runs `body` for every element of a collection or other sequence, at most the ceiling at once.
    ///
    /// See ``concurrentForEach(_:_:)-(AsyncSequence,_)``.
    public func concurrentForEach<Elements: Sequence & Sendable>(
        _ elements: Elements,
        _ body: @escaping @Sendable (Elements.Element) async throws -> Void
    ) async throws where Elements.Element: Sendable {
        try await concurrentForEach(SequenceAsAsync(base: elements), body)
    }

    /// Returns when nothing of this throttle is running or waiting (the Go original's `Wait()`).
    public func wait() async {
        await registry.waitUntilIdle(id)
    }

    /// Unregisters the throttle: its waiters fail with ``ThrottleError/deleted(throttle:)``, a running
    /// profile stops, the name may be used again; ``done()`` for tasks still running is accepted.
    ///
    /// - Throws: ``ThrottleError/deleted(throttle:)`` when it was deleted already.
    public func delete() throws(ThrottleError) {
        try mapped { (core: inout ThrottleCore) throws(ThrottleError) in try core.delete(id) }
    }

    // MARK: Scaling

    /// Raises the ceiling by the `up` step, clamped to `max`, unless the hold refuses it; waiters are granted at once.
    ///
    /// - Returns: ``ScalingOutcome/applied``, ``ScalingOutcome/clamped``, ``ScalingOutcome/unchanged``
    ///   or ``ScalingOutcome/refusedHold``.
    /// - Throws: ``ThrottleError/deleted(throttle:)`` after ``delete()`` (the Go original crashed).
    @discardableResult
    public func up() throws(ThrottleError) -> ScalingOutcome {
        try scale(.up())
    }

    /// Lowers the ceiling by the `down` step, clamped to `min`, unless the hold refuses it; running
    /// tasks are never pre-empted.
    ///
    /// - Returns: What became of the request, as for ``up()``.
    /// - Throws: ``ThrottleError/deleted(throttle:)`` after ``delete()``.
    @discardableResult
    public func down() throws(ThrottleError) -> ScalingOutcome {
        try scale(.down())
    }

    /// Sets the ceiling to `dop` clamped to `[min, max]`, bypassing the hold and starting a new one.
    ///
    /// - Returns: ``ScalingOutcome/applied``, ``ScalingOutcome/clamped`` or ``ScalingOutcome/unchanged``.
    @discardableResult
    public func setDop(_ dop: Int) throws(ThrottleError) -> ScalingOutcome {
        try scale(.set(dop: dop))
    }

    /// Starts the named profile on this throttle, cancelling any profile it is running.
    ///
    /// - Throws: ``ThrottleError/unknownProfile(name:)`` or ``ThrottleError/deleted(throttle:)``.
    public func startProfile(named profile: String) throws(ThrottleError) {
        try scale(.profile(profile))
    }

    /// Applies any scaling action to this throttle now.
    @discardableResult
    public func scale(_ action: ScalingAction) throws(ThrottleError) -> ScalingOutcome {
        try mapped { (core: inout ThrottleCore) throws(ThrottleError) in
            try core.scale(id, action, at: registry.timing.now())
        }
    }

    /// The throttle's state now: ceiling, running, waiting, bounds and counters.
    ///
    /// - Throws: ``ThrottleError/deleted(throttle:)`` once it is deleted and drained.
    public func snapshot() throws(ThrottleError) -> ThrottleSnapshot {
        do {
            return try registry.read { (core: borrowing ThrottleCore) throws(ThrottleError) in try core.snapshot(id) }
        } catch {
            throw renamed(error)
        }
    }

    // MARK: Helpers

    /// Runs a command and names this throttle in a stale-identifier error.
    @discardableResult
    private func mapped<Result>(
        _ command: (inout ThrottleCore) throws(ThrottleError) -> Result
    ) throws(ThrottleError) -> Result {
        do {
            return try registry.perform(command).result
        } catch {
            throw renamed(error)
        }
    }

    @usableFromInline
    func renamed(_ error: ThrottleError) -> ThrottleError {
        if case .unknownThrottleID = error { return .deleted(throttle: name) }
        return error
    }
}

/// A synchronous sequence seen as an `AsyncSequence`, for ``Throttle/concurrentForEach(_:_:)``.
private struct SequenceAsAsync<Base: Sequence & Sendable>: AsyncSequence, Sendable {
    let base: Base

    struct AsyncIterator: AsyncIteratorProtocol {
        var iterator: Base.Iterator
        mutating func next() async -> Base.Element? { iterator.next() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(iterator: base.makeIterator()) }
}
