/// The throttle state machine: every throttle rule of grmgr, and nothing else.
///
/// `ThrottleCore` has no clock, no lock and no I/O. Drivers feed it commands (register, ask, done,
/// cancel, scale, timer fired, delete, shutdown); each command updates the state and appends its
/// decisions to ``actions`` (grant these waiters, fail those, schedule a timer, log, trace), which the
/// driver carries out and then clears with ``removeAllActions()``. Time enters only as an argument, and
/// only where a rule needs it (hold periods and profile steps).
///
/// The real-time ``ThrottleService`` and the simulator both drive this type, so a simulated trace is
/// evidence about production behaviour.
///
/// ```swift
/// var core = ThrottleCore()
/// let id = try core.register(ThrottleConfig(name: "crawler", dop: 2))
/// _ = try core.ask(id)                  // .granted
/// _ = try core.ask(id)                  // .granted
/// _ = try core.ask(id)                  // .queued(ticket 0)
/// try core.done(id)                     // actions: [.grant(ticket 0)]
/// ```
public struct ThrottleCore: Sendable {
    /// The result of ``ask(_:)``.
    public enum AskResult: Hashable, Sendable {
        /// The caller may run now.
        case granted
        /// The caller waits; a later ``ThrottleAction/grant(_:)`` or ``ThrottleAction/fail(_:_:)``
        /// names this waiter.
        case queued(Waiter)
    }

    /// The decisions of the commands since the last ``removeAllActions()``, in order.
    public internal(set) var actions: [ThrottleAction] = []
    /// Whether commands append ``ThrottleAction/stateChanged(_:)`` records (for traces); off by default
    /// because the hot path then does no extra work.
    public var recordsStateChanges = false {
        didSet { updateQuietPaths() }
    }
    /// The lowest level for which commands append ``ThrottleAction/log(_:)`` records, or `nil` for none.
    /// Messages below it are never built.
    public var logThreshold: LogLevel? {
        didSet { updateQuietPaths() }
    }

    @usableFromInline var slots: [ThrottleState] = []
    var freeSlots: [UInt32] = []
    var liveNames: [String: ThrottleID] = [:]
    var profiles: [String: ScalingProfile] = [:]
    var nextProfileRun: UInt64 = 0
    /// Whether ``shutdown()`` has run; afterwards nothing is registered, granted or scaled.
    public internal(set) var isShutDown = false {
        didSet { updateQuietPaths() }
    }
    /// Whether an ask can only grant or queue: nothing recorded or logged, not shut down. One flag for
    /// three settings, so the hot path tests one byte.
    @usableFromInline var asksQuietly = true
    /// Whether a done records nothing.
    @usableFromInline var releasesQuietly = true

    /// Creates an empty core.
    public init(recordsStateChanges: Bool = false, logThreshold: LogLevel? = nil) {
        self.recordsStateChanges = recordsStateChanges
        self.logThreshold = logThreshold
        updateQuietPaths()
    }

    private mutating func updateQuietPaths() {
        asksQuietly = !recordsStateChanges && !logs(.debug) && !isShutDown
        releasesQuietly = !recordsStateChanges
    }

    /// Forgets the decisions carried out so far, keeping the storage for the next command.
    public mutating func removeAllActions() {
        // Commands usually decide one or two things. Removing them one by one is cheaper than the range
        // replacement of `removeAll(keepingCapacity:)` (25 ns for one action), and `removeLast()` with a
        // count much cheaper than `popLast()`, whose optional result is destroyed through generic value
        // witnesses (13 ns against 52 ns per action in a micro-benchmark).
        var remaining = actions.count
        if remaining <= 8 {
            while remaining > 0 {
                actions.removeLast()
                remaining &-= 1
            }
        } else {
            actions.removeAll(keepingCapacity: true)
        }
    }

    // MARK: Registration

    /// Registers a throttle with its ceiling at `config.dop`.
    ///
    /// - Throws: ``ThrottleError/invalidConfiguration(_:)`` for a bad config,
    ///   ``ThrottleError/duplicateName(_:)`` when a live throttle has the name,
    ///   ``ThrottleError/serviceShutDown`` after shutdown.
    /// - Complexity: O(1) amortised.
    public mutating func register(_ config: ThrottleConfig) throws(ThrottleError) -> ThrottleID {
        guard !isShutDown else { throw .serviceShutDown }
        do { try config.validate() } catch { throw .invalidConfiguration(error) }
        guard liveNames[config.name] == nil else { throw .duplicateName(config.name) }
        let id: ThrottleID
        if let slot = freeSlots.popLast() {
            let generation = slots[Int(slot)].generation &+ 1
            id = ThrottleID(slot: slot, generation: generation)
            slots[Int(slot)] = ThrottleState(generation: generation, config: config)
        } else {
            id = ThrottleID(slot: UInt32(slots.count), generation: 0)
            slots.append(ThrottleState(generation: 0, config: config))
        }
        liveNames[config.name] = id
        record(slots[Int(id.slot)].change(id, .registered))
        if logs(.info) {
            let metadata = [
                "throttle": config.name, "dop": "\(config.dop)", "min": "\(config.min)", "up": "\(config.up)",
                "down": "\(config.down)", "hold": config.hold.goSyntax,
            ]
            log(.info, "registered throttle \"\(config.name)\"", metadata)
        }
        return id
    }

    /// The live throttle with this name, if any.
    public func id(named name: String) -> ThrottleID? {
        liveNames[name]
    }

    /// The identifiers of the live throttles, in slot order (deterministic for a given command sequence).
    public var liveThrottles: [ThrottleID] {
        slots.indices.compactMap { index in
            let state = slots[index]
            return state.phase == .live ? ThrottleID(slot: UInt32(index), generation: state.generation) : nil
        }
    }

    /// A snapshot of a live or draining throttle.
    ///
    /// - Throws: ``ThrottleError/unknownThrottleID(_:)`` when the throttle is gone.
    public func snapshot(_ id: ThrottleID) throws(ThrottleError) -> ThrottleSnapshot {
        slots[try slot(of: id, allowDraining: true)].snapshot(id)
    }

    /// The ceiling, running and waiting counts of a live or draining throttle: a cheap read for drivers
    /// that integrate them over time, without the copying of a full ``snapshot(_:)``.
    ///
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public func load(_ id: ThrottleID) throws(ThrottleError) -> ThrottleLoad {
        // The same error as `slot(of:allowDraining: true)`: a usable slot is live or draining.
        guard let index = index(of: id, allowDraining: true) else { throw .unknownThrottleID(id) }
        return ThrottleLoad(ceiling: slots[index].ceiling, running: slots[index].running, waiting: slots[index].waiting)
    }

    // MARK: Control and done

    /// A caller asks to run a task: granted at once while `running < ceiling`, else queued in FIFO order.
    ///
    /// - Throws: ``ThrottleError/deleted(throttle:)`` or ``ThrottleError/unknownThrottleID(_:)`` for a
    ///   deleted throttle, ``ThrottleError/serviceShutDown`` after shutdown.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public mutating func ask(_ id: ThrottleID) throws(ThrottleError) -> AskResult {
        if let result = askQuietly(id) { return result }
        return try askRecording(id)
    }

    /// ``ask(_:)`` when it decides nothing but the grant or the queue place: no record, no log, no error.
    ///
    /// - Returns: `nil`, with nothing changed, when the full command must run instead.
    @inlinable @inline(__always)
    mutating func askQuietly(_ id: ThrottleID) -> AskResult? {
        guard asksQuietly, let index = index(of: id, allowDraining: false) else { return nil }
        // One in-place access to the slot: the grant path is the hot path of every driver.
        guard let ticket = slots[index].admit() else { return .granted }
        return .queued(Waiter(throttle: id, ticket: ticket))
    }

    /// ``ask(_:)`` with its records, logs and errors; kept out of line so the quiet path stays small.
    @usableFromInline @inline(never)
    mutating func askRecording(_ id: ThrottleID) throws(ThrottleError) -> AskResult {
        guard !isShutDown else { throw .serviceShutDown }
        let index = try slot(of: id, allowDraining: false)
        guard let ticket = slots[index].admit() else {
            if recordsStateChanges { record(slots[index].change(id, .granted)) }
            return .granted
        }
        if recordsStateChanges { record(slots[index].change(id, .queued)) }
        if logs(.debug) { log(.debug, "queued on \"\(slots[index].config.name)\"", metadata(index)) }
        return .queued(Waiter(throttle: id, ticket: ticket))
    }

    /// A task finished: frees its slot and grants the oldest waiter while `running < ceiling`.
    ///
    /// Accepted for a deleted throttle whose tasks are still running.
    ///
    /// - Throws: ``ThrottleError/doneWithoutControl(throttle:)`` when none of the throttle's tasks is
    ///   running (the state is left as it was), ``ThrottleError/unknownThrottleID(_:)`` when it is gone.
    /// - Complexity: O(1) amortised.
    @inlinable @inline(__always)
    public mutating func done(_ id: ThrottleID) throws(ThrottleError) {
        if doneQuietly(id) { return }
        try doneRecording(id)
    }

    /// ``done(_:)`` without state-change records: applies the command and returns `true` (grants and idle
    /// notices are still appended to ``actions``), or returns `false` with nothing changed when the full
    /// command must run instead (it records, or it throws).
    @inlinable @inline(__always)
    mutating func doneQuietly(_ id: ThrottleID) -> Bool {
        guard releasesQuietly, let index = index(of: id, allowDraining: true),
            let left = slots[index].release()
        else { return false }
        switch left {
        case .running: break
        case .waiters: grantWaiters(index, id)
        case .quiet: becameQuiet(index, id)
        }
        return true
    }

    /// ``done(_:)`` with its records, logs and errors; kept out of line so the quiet path stays small.
    @usableFromInline @inline(never)
    mutating func doneRecording(_ id: ThrottleID) throws(ThrottleError) {
        let index = try slot(of: id, allowDraining: true)
        guard let left = slots[index].release() else {
            let name = slots[index].config.name
            if logs(.error) { log(.error, "done() without control() on \"\(name)\"", metadata(index)) }
            throw .doneWithoutControl(throttle: name)
        }
        if recordsStateChanges { record(slots[index].change(id, .released)) }
        switch left {
        case .waiters: grantWaiters(index, id)
        case .quiet: becameQuiet(index, id)
        case .running: break
        }
    }

    /// A waiting caller gave up (its task was cancelled): it leaves the queue.
    ///
    /// - Returns: `true` when the waiter was still queued and has left it; `false` when it had already
    ///   been granted or failed (a granted caller must still call ``done(_:)``).
    /// - Complexity: O(1).
    public mutating func cancel(_ waiter: Waiter) -> Bool {
        guard let index = try? slot(of: waiter.throttle, allowDraining: false),
            slots[index].removeWaiter(waiter.ticket)
        else { return false }
        slots[index].counters.cancelled += 1
        if recordsStateChanges { record(slots[index].change(waiter.throttle, .cancelled)) }
        if logs(.debug) { log(.debug, "cancelled a waiter on \"\(slots[index].config.name)\"", metadata(index)) }
        if slots[index].running == 0 { becameQuiet(index, waiter.throttle) }
        return true
    }

    /// Asks to be told (by ``ThrottleAction/becameIdle(_:)``) when nothing of the throttle is running or waiting.
    ///
    /// - Returns: `true` when it is idle already (or gone), so there is nothing to wait for.
    public mutating func watchIdle(_ id: ThrottleID) -> Bool {
        guard let index = try? slot(of: id, allowDraining: true), !slots[index].isIdle else { return true }
        slots[index].idleWatched = true
        return false
    }

    // MARK: Delete and shutdown

    /// Unregisters a throttle: its waiters fail with ``ThrottleError/deleted(throttle:)``, its running
    /// profile stops, its name is free again; `done()` for its running tasks is still accepted.
    ///
    /// - Throws: ``ThrottleError/deleted(throttle:)`` or ``ThrottleError/unknownThrottleID(_:)`` when it
    ///   was deleted already.
    public mutating func delete(_ id: ThrottleID) throws(ThrottleError) {
        let index = try slot(of: id, allowDraining: false)
        let name = slots[index].config.name
        liveNames[name] = nil
        slots[index].phase = .draining
        slots[index].profileRun = nil
        failWaiters(index, id, with: .deleted(throttle: name))
        record(slots[index].change(id, .deleted))
        if logs(.info) { log(.info, "deleted throttle \"\(name)\"", metadata(index)) }
        if slots[index].running == 0 { becameQuiet(index, id) }
    }

    /// Stops the service: every waiter fails with ``ThrottleError/serviceShutDown``, profiles stop, and
    /// later asks, registrations and scaling requests throw. `done()` is still accepted.
    ///
    /// - Returns: The names of the throttles still registered, which the Go original logged as not deleted.
    public mutating func shutdown() -> [String] {
        guard !isShutDown else { return [] }
        isShutDown = true
        var remaining: [String] = []
        for index in slots.indices where slots[index].phase == .live {
            let id = ThrottleID(slot: UInt32(index), generation: slots[index].generation)
            remaining.append(slots[index].config.name)
            slots[index].profileRun = nil
            failWaiters(index, id, with: .serviceShutDown)
            if slots[index].running == 0 { becameQuiet(index, id) }
        }
        if logs(.notice) {
            let names = remaining.joined(separator: ",")
            log(.notice, "shut down with \(remaining.count) throttle(s) still registered", ["throttles": names])
        }
        return remaining
    }

    // MARK: Internals shared by the commands

    /// The slot index of a usable throttle (live only, or draining too), or `nil`; ``slot(of:allowDraining:)``
    /// says why not.
    @inlinable @inline(__always)
    func index(of id: ThrottleID, allowDraining: Bool) -> Int? {
        let index = Int(id.slot)
        guard index < slots.count else { return nil }
        let phase = slots[index].phase
        guard slots[index].generation == id.generation, phase == .live || (allowDraining && phase == .draining) else {
            return nil
        }
        return index
    }

    /// The slot index of a throttle; live only, or draining too.
    @inline(__always)
    func slot(of id: ThrottleID, allowDraining: Bool) throws(ThrottleError) -> Int {
        let index = Int(id.slot)
        guard index < slots.count, slots[index].generation == id.generation else {
            throw .unknownThrottleID(id)
        }
        switch slots[index].phase {
        case .live: return index
        case .draining where allowDraining: return index
        case .draining: throw .deleted(throttle: slots[index].config.name)
        case .free: throw .unknownThrottleID(id)
        }
    }

    /// Grants queued waiters, oldest first, while `running < ceiling`: the work-conserving rule.
    @usableFromInline
    mutating func grantWaiters(_ index: Int, _ id: ThrottleID) {
        // One in-place access to the slot per grant: the path of every done() that has waiters.
        while let ticket = slots[index].grantOldestWaiter() {
            actions.append(.grant(Waiter(throttle: id, ticket: ticket)))
            if recordsStateChanges { record(slots[index].change(id, .grantedWaiter)) }
        }
    }

    mutating func failWaiters(_ index: Int, _ id: ThrottleID, with error: ThrottleError) {
        while let ticket = slots[index].popWaiter() {
            slots[index].counters.failed += 1
            actions.append(.fail(Waiter(throttle: id, ticket: ticket), error))
            if recordsStateChanges { record(slots[index].change(id, .failed)) }
        }
        slots[index].clearQueue()
    }

    /// Called when `running` reached 0: tell idle watchers, and free a drained deleted slot.
    @usableFromInline
    mutating func becameQuiet(_ index: Int, _ id: ThrottleID) {
        guard slots[index].waiting == 0 else { return }
        if slots[index].idleWatched {
            slots[index].idleWatched = false
            actions.append(.becameIdle(id))
        }
        if slots[index].phase == .draining {
            slots[index].phase = .free
            freeSlots.append(id.slot)
        }
    }

    @inline(__always)
    mutating func record(_ change: StateChange) {
        if recordsStateChanges { actions.append(.stateChanged(change)) }
    }

    /// Whether records of this level are wanted; callers build a message only when it is.
    @inline(__always)
    func logs(_ level: LogLevel) -> Bool {
        guard let threshold = logThreshold else { return false }
        return level >= threshold
    }

    mutating func log(_ level: LogLevel, _ message: String, _ metadata: LogMetadata) {
        actions.append(.log(LogRecord(level: level, message: message, metadata: metadata)))
    }

    func metadata(_ index: Int) -> LogMetadata {
        let state = slots[index]
        return [
            "throttle": state.config.name, "ceiling": "\(state.ceiling)", "running": "\(state.running)",
            "waiting": "\(state.waiting)",
        ]
    }
}
