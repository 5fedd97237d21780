/// The throttle service: registers throttles, hands out ``Throttle`` handles, and applies scaling
/// events to them, in real time on a `Clock`.
///
/// It is the Swift form of the Go original's `PowerOn(ctx, …)`: create it, make throttles, and either
/// call ``shutdown()`` when done or hand it to a task with ``run()`` and cancel that task.
///
/// ```swift
/// let service = ThrottleService(logger: StandardErrorLogger(.alert))
/// let crawler = try service.makeThrottle(named: "crawler", dop: 8)
/// try await crawler.concurrentForEach(urls) { url in try await fetch(url) }
/// service.shutdown()
/// ```
///
/// The service is generic over its clock so that tests can drive it in virtual time; profile steps
/// and hold periods are measured on that clock.
public final class ThrottleService<C: Clock>: Sendable where C.Duration == Duration {
    let registry: ThrottleRegistry

    /// Creates a service on `clock`.
    ///
    /// - Parameters:
    ///   - clock: The clock for hold periods and profile steps.
    ///   - logger: Where log records go; `nil` logs nothing and costs nothing.
    ///   - observer: Sees every decision of the core, in order (for traces and invariant checks).
    ///   - timerExecutor: The executor that runs profile timers; `nil` for the global executor. A
    ///     virtual-time test passes its manual executor here.
    public init(
        clock: C, logger: (any ThrottleLogger)? = nil, observer: (any ThrottleObserver)? = nil,
        timerExecutor: (any TaskExecutor)? = nil
    ) {
        registry = ThrottleRegistry(
            timing: ClockTiming(clock: clock, executor: timerExecutor), logger: logger, observer: observer)
    }

    // MARK: Throttles

    /// Registers a throttle with the Go original's `New(name, dop)` defaults: down 2, up 1, min 1, hold 30s.
    ///
    /// - Throws: ``ThrottleConfigError`` (wrapped in ``ThrottleError/invalidConfiguration(_:)``) for a
    ///   bad value, ``ThrottleError/duplicateName(_:)``, or ``ThrottleError/serviceShutDown``.
    public func makeThrottle(named name: String, dop: Int) throws(ThrottleError) -> Throttle {
        let config: ThrottleConfig
        do { config = try ThrottleConfig(name: name, dop: dop) } catch { throw .invalidConfiguration(error) }
        return try makeThrottle(config)
    }

    /// Registers a throttle with the given settings (the Go original's `NewConfig`).
    ///
    /// - Throws: ``ThrottleError/invalidConfiguration(_:)``, ``ThrottleError/duplicateName(_:)``, or
    ///   ``ThrottleError/serviceShutDown``.
    public func makeThrottle(_ config: ThrottleConfig) throws(ThrottleError) -> Throttle {
        let registry = self.registry
        let id = try registry.perform { (core: inout ThrottleCore) throws(ThrottleError) in
            let id = try core.register(config)
            // Under the lock and before the registration's actions, so a trace has the config first.
            registry.observer?.observeRegistration(of: config, as: id, at: registry.timing.now())
            return id
        }.result
        return Throttle(name: config.name, id: id, registry: registry)
    }

    /// Snapshots of every live throttle, in registration-slot order.
    public func snapshots() -> [ThrottleSnapshot] {
        (try? registry.read { core in core.liveThrottles.compactMap { try? core.snapshot($0) } }) ?? []
    }

    // MARK: Profiles and service-wide scaling

    /// Registers a profile that events and ``Throttle/startProfile(named:)`` can start by name.
    ///
    /// - Throws: ``ThrottleError/invalidConfiguration(_:)`` or ``ThrottleError/duplicateProfile(name:)``.
    public func registerProfile(_ profile: ScalingProfile) throws(ThrottleError) {
        try registry.perform { (core: inout ThrottleCore) throws(ThrottleError) in try core.registerProfile(profile) }
    }

    /// Steps every live throttle up by its `up` step (the Go original's `Control.Up()`).
    ///
    /// - Returns: One record per throttle: applied, clamped, unchanged or refused by its hold.
    @discardableResult
    public func up() throws(ThrottleError) -> [ScalingRecord] {
        try apply(ScalingEvent(action: .up()))
    }

    /// Steps every live throttle down by its `down` step (the Go original's `Control.Down()`).
    ///
    /// - Returns: One record per throttle: applied, clamped, unchanged or refused by its hold.
    @discardableResult
    public func down() throws(ThrottleError) -> [ScalingRecord] {
        try apply(ScalingEvent(action: .down()))
    }

    /// Sets every live throttle's ceiling to `dop`, clamped to each one's bounds; bypasses holds.
    @discardableResult
    public func setDop(_ dop: Int) throws(ThrottleError) -> [ScalingRecord] {
        try apply(ScalingEvent(action: .set(dop: dop)))
    }

    /// Starts the named profile on every live throttle.
    ///
    /// - Throws: ``ThrottleError/unknownProfile(name:)``.
    @discardableResult
    public func startProfile(named name: String) throws(ThrottleError) -> [ScalingRecord] {
        try apply(ScalingEvent(action: .profile(name)))
    }

    /// Applies a scaling event now.
    ///
    /// - Returns: The records of what happened on each throttle.
    /// - Throws: ``ThrottleError/unknownThrottle(name:)``, ``ThrottleError/unknownProfile(name:)`` or
    ///   ``ThrottleError/serviceShutDown``; nothing changes then.
    @discardableResult
    public func apply(_ event: ScalingEvent) throws(ThrottleError) -> [ScalingRecord] {
        try registry.performTimed { (core: inout ThrottleCore, now) throws(ThrottleError) in
            try core.apply(event, at: now)
        }.scaled
    }

    /// Applies a scaling event from an outside monitor; an event that cannot apply (an unknown
    /// throttle, say) is logged as an error instead of thrown, so a monitor loop never stops on one.
    public func send(_ event: ScalingEvent) {
        do {
            try apply(event)
        } catch {
            registry.log(.error, "scaling event refused: \(error)")
        }
    }

    // MARK: Lifetime

    /// Runs the service until the calling task is cancelled, then shuts it down; the Go original's
    /// `PowerOn` with its context.
    ///
    /// - Returns: The names of the throttles still registered at shutdown.
    @discardableResult
    public func run() async -> [String] {
        await Self.untilCancelled()
        return shutdown()
    }

    /// Runs the service while applying every event of `events` as it arrives (through ``send(_:)``),
    /// until the calling task is cancelled; then shuts the service down. The end of `events` does not
    /// stop the service.
    ///
    /// - Returns: The names of the throttles still registered at shutdown.
    @discardableResult
    public func run<Events: AsyncSequence & Sendable>(consuming events: Events) async -> [String]
    where Events.Element == ScalingEvent {
        await withDiscardingTaskGroup { group in
            group.addTask {
                do {
                    for try await event in events { self.send(event) }
                } catch {
                    self.registry.log(.error, "scaling event source failed: \(error)")
                }
            }
            await Self.untilCancelled()
            group.cancelAll()
        }
        return shutdown()
    }

    /// Shuts the service down: every waiter fails with ``ThrottleError/serviceShutDown``, pending profile
    /// steps are cancelled, and later `control()` calls throw at once. Running tasks may still call `done()`.
    ///
    /// - Returns: The names of the throttles still registered (also logged at ``LogLevel/notice``).
    @discardableResult
    public func shutdown() -> [String] {
        registry.timing.cancelAll()
        return (try? registry.perform { core in core.shutdown() }.result) ?? []
    }

    private static func untilCancelled() async {
        let (stream, continuation) = AsyncStream<Never>.makeStream()
        await withTaskCancellationHandler {
            for await _ in stream {}
        } onCancel: {
            continuation.finish()
        }
    }
}

extension ThrottleService where C == ContinuousClock {
    /// Creates a service on the `ContinuousClock`.
    public convenience init(logger: (any ThrottleLogger)? = nil, observer: (any ThrottleObserver)? = nil) {
        self.init(clock: ContinuousClock(), logger: logger, observer: observer)
    }
}
