/// The storage of the real-time service: a ``ThrottleCore`` and the continuations of the callers it
/// decides about, behind one lock.
///
/// Every command runs the core under the lock, moves the continuations to resume out of the state,
/// and carries out the decisions (resume, log, schedule timers) after the lock is released.
@usableFromInline
final class ThrottleRegistry: Sendable {
    /// A `control()` caller that had to wait: either its continuation, or the outcome that arrived first.
    private enum WaiterSlot {
        case suspended(UnsafeContinuation<Void, any Error>)
        case decided(Result<Void, any Error>)
    }

    private struct State {
        var core: ThrottleCore
        var waiters: [Waiter: WaiterSlot] = [:]
        var idleWaiters: [ThrottleID: [UnsafeContinuation<Void, Never>]] = [:]
    }

    /// What a command left to do once the lock is released.
    struct Effects {
        var resumes: [(UnsafeContinuation<Void, any Error>, Result<Void, any Error>)] = []
        var idle: [UnsafeContinuation<Void, Never>] = []
        var timers: [(ProfileTimer, TimePoint)] = []
        var logs: [LogRecord] = []
        var scaled: [ScalingRecord] = []
    }

    private let state: LockedState<State>
    let timing: any ThrottleTiming
    let logger: (any ThrottleLogger)?
    let observer: (any ThrottleObserver)?

    init(timing: any ThrottleTiming, logger: (any ThrottleLogger)?, observer: (any ThrottleObserver)?) {
        self.timing = timing
        self.logger = logger
        self.observer = observer
        let core = ThrottleCore(recordsStateChanges: observer != nil, logThreshold: logger?.logLevel)
        self.state = LockedState(State(core: core))
    }

    /// `control()`'s command, kept apart from ``perform(_:)`` because it is the hot path: when the core
    /// decides nothing but the grant or the queue place, nothing is allocated, collected or carried out.
    @usableFromInline
    func ask(_ id: ThrottleID) throws(ThrottleError) -> ThrottleCore.AskResult {
        let locked = state.lock()
        if let result = locked.pointee.core.askQuietly(id) {
            state.unlock()
            return result
        }
        return try askInFull(id, locked)
    }

    /// `done()`'s command; the other hot path.
    @usableFromInline
    func done(_ id: ThrottleID) throws(ThrottleError) {
        let locked = state.lock()
        let applied = locked.pointee.core.doneQuietly(id)
        if applied, locked.pointee.core.actions.isEmpty {
            state.unlock()
            return
        }
        try doneInFull(id, applied: applied, locked)
    }

    /// The rest of ``ask(_:)`` when the quiet path declined: the full command, still under the lock taken
    /// there. Out of line, so the hot path keeps a small frame.
    @inline(never)
    private func askInFull(
        _ id: ThrottleID, _ locked: UnsafeMutablePointer<State>
    ) throws(ThrottleError) -> ThrottleCore.AskResult {
        let full = inFull(&locked.pointee) { (core: inout ThrottleCore) throws(ThrottleError) in
            try core.askRecording(id)
        }
        state.unlock()
        return try finish(full)
    }

    /// The rest of ``done(_:)`` under the lock it took: carries out the grants and idle notices of a quiet
    /// done, or runs the full command when the quiet path declined.
    @inline(never)
    private func doneInFull(
        _ id: ThrottleID, applied: Bool, _ locked: UnsafeMutablePointer<State>
    ) throws(ThrottleError) {
        let full: FullOutcome<Void>
        if applied {
            full = FullOutcome(result: .success(()), effects: collect(&locked.pointee))
        } else {
            full = inFull(&locked.pointee) { (core: inout ThrottleCore) throws(ThrottleError) in
                try core.doneRecording(id)
            }
        }
        state.unlock()
        try finish(full)
    }

    /// The outcome of a command that did more than the quiet path, and its decisions to carry out after
    /// the lock.
    struct FullOutcome<Result> {
        var result: Swift.Result<Result, ThrottleError>
        var effects: Effects
    }

    /// Runs the full form of a hot-path command and collects its decisions; out of line, off the hot path.
    @inline(never)
    private func inFull<Result>(
        _ state: inout State, _ command: (inout ThrottleCore) throws(ThrottleError) -> Result
    ) -> FullOutcome<Result> {
        let result: Swift.Result<Result, ThrottleError>
        do throws(ThrottleError) {
            result = .success(try command(&state.core))
        } catch {
            result = .failure(error)
        }
        return FullOutcome(result: result, effects: state.core.actions.isEmpty ? Effects() : collect(&state))
    }

    /// Carries out a full command's decisions, then returns its result or throws its error.
    @inline(never)
    private func finish<Result>(_ outcome: consuming FullOutcome<Result>) throws(ThrottleError) -> Result {
        if !outcome.effects.isEmpty { carryOut(outcome.effects) }
        return try outcome.result.get()
    }

    /// Runs one core command under the lock, then carries out its decisions.
    @discardableResult
    func perform<Result>(
        _ command: (inout ThrottleCore) throws(ThrottleError) -> Result
    ) throws(ThrottleError) -> (result: Result, scaled: [ScalingRecord]) {
        var effects = Effects()
        let outcome: Swift.Result<Result, ThrottleError> = state.withLock { state in
            let outcome: Swift.Result<Result, ThrottleError>
            do throws(ThrottleError) {
                outcome = .success(try command(&state.core))
            } catch {
                outcome = .failure(error)
            }
            if !state.core.actions.isEmpty { effects = collect(&state) }
            return outcome
        }
        if !effects.isEmpty { carryOut(effects) }
        return (try outcome.get(), effects.scaled)
    }

    /// Like ``perform(_:)`` for commands that need the current time (scaling, timers); the clock is read
    /// under the lock so that commands see non-decreasing instants.
    @discardableResult
    func performTimed<Result>(
        _ command: (inout ThrottleCore, TimePoint) throws(ThrottleError) -> Result
    ) throws(ThrottleError) -> (result: Result, scaled: [ScalingRecord]) {
        let timing = self.timing
        return try perform { (core: inout ThrottleCore) throws(ThrottleError) in try command(&core, timing.now()) }
    }

    // MARK: Suspension points

    /// Suspends a queued `control()` caller until the core grants or fails it; cancellation of the
    /// calling task takes it out of the queue.
    @usableFromInline
    func suspend(_ waiter: Waiter) async throws {
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
                let decided: Result<Void, any Error>? = state.withLock { state in
                    if case .decided(let result) = state.waiters[waiter] {
                        state.waiters[waiter] = nil
                        return result
                    }
                    state.waiters[waiter] = .suspended(continuation)
                    return nil
                }
                if let decided { continuation.resume(with: decided) }
            }
        } onCancel: {
            cancel(waiter)
        }
    }

    private func cancel(_ waiter: Waiter) {
        var effects = Effects()
        state.withLock { state in
            guard state.core.cancel(waiter) else { return }
            Self.decide(waiter, .failure(CancellationError()), in: &state, into: &effects)
            if !state.core.actions.isEmpty { effects.append(collect(&state)) }
        }
        carryOut(effects)
    }

    /// Suspends until nothing of the throttle is running or waiting.
    func waitUntilIdle(_ id: ThrottleID) async {
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
            let idle = state.withLock { state in
                if state.core.watchIdle(id) { return true }
                state.idleWaiters[id, default: []].append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    /// A read of the core under the lock.
    func read<Result>(_ body: (borrowing ThrottleCore) throws(ThrottleError) -> Result) throws(ThrottleError) -> Result
    {
        try state.withLock { (state: inout State) throws(ThrottleError) in try body(state.core) }
    }

    /// Logs a message of the service itself (not of the core), built only when the level is enabled.
    func log(_ level: LogLevel, _ message: @autoclosure () -> String) {
        guard let logger, let threshold = logger.logLevel, level >= threshold else { return }
        logger.log(LogRecord(level: level, message: message()))
    }

    // MARK: Carrying out decisions

    private func collect(_ state: inout State) -> Effects {
        var effects = Effects()
        observer?.observe(state.core.actions, at: timing.now())
        for action in state.core.actions {
            switch action {
            case .grant(let waiter):
                Self.decide(waiter, .success(()), in: &state, into: &effects)
            case .fail(let waiter, let error):
                Self.decide(waiter, .failure(error), in: &state, into: &effects)
            case .becameIdle(let id):
                effects.idle += state.idleWaiters.removeValue(forKey: id) ?? []
            case .scheduleTimer(let timer, let deadline):
                effects.timers.append((timer, deadline))
            case .log(let record):
                effects.logs.append(record)
            case .scaled(let record):
                effects.scaled.append(record)
            case .stateChanged:
                break
            }
        }
        state.core.removeAllActions()
        return effects
    }

    /// Resumes a suspended waiter, or leaves the outcome for it to find when it suspends.
    private static func decide(
        _ waiter: Waiter, _ result: Result<Void, any Error>, in state: inout State, into effects: inout Effects
    ) {
        if case .suspended(let continuation) = state.waiters.removeValue(forKey: waiter) {
            effects.resumes.append((continuation, result))
        } else {
            state.waiters[waiter] = .decided(result)
        }
    }

    private func carryOut(_ effects: Effects) {
        if let logger {
            for record in effects.logs { logger.log(record) }
        }
        for (continuation, result) in effects.resumes { continuation.resume(with: result) }
        for continuation in effects.idle { continuation.resume() }
        for (timer, deadline) in effects.timers {
            timing.schedule(at: deadline) { [weak self] in
                _ = try? self?.performTimed { core, now in core.timerFired(timer, at: now) }
            }
        }
    }
}

extension ThrottleRegistry.Effects {
    var isEmpty: Bool {
        resumes.isEmpty && idle.isEmpty && timers.isEmpty && logs.isEmpty && scaled.isEmpty
    }

    mutating func append(_ other: Self) {
        resumes += other.resumes
        idle += other.idle
        timers += other.timers
        logs += other.logs
        scaled += other.scaled
    }
}
