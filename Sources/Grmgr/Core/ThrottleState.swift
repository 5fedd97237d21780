/// The state of one throttle slot inside ``ThrottleCore``.
///
/// The fields every ask and done touch come first, so that a command reads one or two cache lines.
@usableFromInline
struct ThrottleState: Sendable {
    @usableFromInline
    enum Phase: Sendable {
        /// Registered and usable.
        case live
        /// Deleted; accepts `done()` for the tasks still running, then becomes free.
        case draining
        /// Unused; may be taken by the next registration.
        case free
    }

    struct ProfileRun {
        var profile: ScalingProfile
        var run: UInt64
        var start: TimePoint
        var nextStep: Int
    }

    @usableFromInline var generation: UInt32
    @usableFromInline var phase: Phase
    /// Whether a driver is waiting for this throttle to become idle.
    @usableFromInline var idleWatched = false
    @usableFromInline var ceiling: Int
    @usableFromInline var running = 0
    /// Live waiters; cancelled tickets inside `firstWaiting..<nextTicket` do not count.
    @usableFromInline var waiting = 0
    /// The ticket the next queued caller gets.
    @usableFromInline var nextTicket: UInt64 = 0
    @usableFromInline var counters = ThrottleCounters()
    /// The oldest ticket that may still be waiting.
    var firstWaiting: UInt64 = 0
    var config: ThrottleConfig
    /// Tickets in the queue range whose waiters left; skipped when granting. Emptied whenever the
    /// queue empties, so it never outgrows the number of cancellations between two empty queues.
    var cancelledTickets: Set<UInt64> = []
    /// When the current hold started, if any change has been made.
    var holdStart: TimePoint?
    var profileRun: ProfileRun?

    init(generation: UInt32, config: ThrottleConfig) {
        self.generation = generation
        self.phase = .live
        self.config = config
        self.ceiling = config.dop
    }

    var isIdle: Bool { running == 0 && waiting == 0 }

    /// What a release leaves to do.
    @usableFromInline
    enum AfterRelease: Sendable {
        /// Nothing: tasks still run, nobody waits.
        case running
        /// Waiters may be granted.
        case waiters
        /// Nothing runs: idle watchers or a drained deletion need attention.
        case quiet
    }

    /// Counts an ask and grants it while `running < ceiling`; otherwise queues it.
    ///
    /// - Returns: `nil` when granted, else the queued caller's ticket.
    @inlinable @inline(__always)
    mutating func admit() -> WaiterTicket? {
        // Counters cannot overflow in practice (2⁶³ commands); unchecked, they cost no branch.
        counters.asked &+= 1
        if running < ceiling {
            running &+= 1
            counters.granted &+= 1
            return nil
        }
        let ticket = WaiterTicket(number: nextTicket)
        nextTicket += 1
        waiting += 1
        return ticket
    }

    /// Counts a done; `nil` when nothing was running (the state is left untouched).
    @inlinable @inline(__always)
    mutating func release() -> AfterRelease? {
        guard running > 0 else { return nil }
        running &-= 1
        counters.completed &+= 1
        if waiting > 0 { return .waiters }
        if running == 0, idleWatched || phase == .draining { return .quiet }
        return .running
    }

    func change(_ id: ThrottleID, _ cause: StateChangeCause) -> StateChange {
        StateChange(throttle: id, cause: cause, ceiling: ceiling, running: running, waiting: waiting)
    }

    func snapshot(_ id: ThrottleID) -> ThrottleSnapshot {
        ThrottleSnapshot(
            id: id, config: config, ceiling: ceiling, running: running, waiting: waiting, counters: counters,
            isDeleted: phase != .live, activeProfile: profileRun?.profile.name)
    }

    /// Grants the oldest live waiter while `running < ceiling`; once none is left to grant, forgets the
    /// queue range if nobody waits any more.
    ///
    /// - Returns: The granted waiter's ticket, or `nil` when no (further) waiter is granted.
    mutating func grantOldestWaiter() -> WaiterTicket? {
        guard running < ceiling, let ticket = popWaiter() else {
            if waiting == 0 { clearQueue() }
            return nil
        }
        running &+= 1
        counters.granted &+= 1
        return ticket
    }

    /// Takes the oldest live waiter off the queue, skipping cancelled tickets.
    mutating func popWaiter() -> WaiterTicket? {
        while firstWaiting < nextTicket {
            let ticket = firstWaiting
            firstWaiting += 1
            if !cancelledTickets.isEmpty, cancelledTickets.remove(ticket) != nil { continue }
            waiting -= 1
            return WaiterTicket(number: ticket)
        }
        return nil
    }

    /// Removes a waiter from the middle of the queue in O(1).
    mutating func removeWaiter(_ ticket: WaiterTicket) -> Bool {
        let number = ticket.number
        guard number >= firstWaiting, number < nextTicket, cancelledTickets.insert(number).inserted else {
            return false
        }
        waiting -= 1
        if waiting == 0 { clearQueue() }
        return true
    }

    /// Forgets every ticket in the queue range; only when no live waiter is left in it.
    mutating func clearQueue() {
        firstWaiting = nextTicket
        if !cancelledTickets.isEmpty { cancelledTickets.removeAll(keepingCapacity: true) }
    }
}
