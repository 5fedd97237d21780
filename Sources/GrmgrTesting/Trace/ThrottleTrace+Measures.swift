internal import Grmgr

/// The figures the expectations examine, derived from a trace: the ceiling over time, waits and completions.
extension ThrottleTrace {
    /// A change of a throttle's ceiling; `nil` once the throttle is deleted.
    struct CeilingStep {
        let instant: TimePoint
        let ceiling: Int?
        let cause: String
    }

    /// The ceiling of the throttles called `name`, as steps in time order, starting at registration.
    func ceilingSteps(named name: String) -> [CeilingStep] {
        let ids = Set(ids(named: name))
        var steps: [CeilingStep] = []
        for entry in entries {
            for case .stateChanged(let change) in entry.actions where ids.contains(change.throttle) {
                let ceiling: Int? = change.cause == .deleted ? nil : change.ceiling
                if change.cause == .registered || steps.last?.ceiling != ceiling {
                    steps.append(CeilingStep(instant: entry.instant, ceiling: ceiling, cause: change.cause.rawValue))
                }
            }
        }
        return steps
    }

    /// The configured ceiling of the latest throttle called `name`: its config's `dop`, or its ceiling at
    /// registration when the config is unknown.
    func maxCeiling(named name: String) -> Int? {
        guard let registration = registrations.last(where: { $0.name == name }) else { return nil }
        if let config = registration.config { return config.dop }
        return ceilingSteps(named: name).last { $0.cause == StateChangeCause.registered.rawValue }?.ceiling
    }

    /// The instants at which tasks of `name` (of every throttle, for `nil`) were done.
    func completions(named name: String?) -> [TimePoint] {
        let wanted = throttleFilter(name)
        var instants: [TimePoint] = []
        for entry in entries {
            for case .stateChanged(let change) in entry.actions where change.cause == .released {
                if wanted(change.throttle) { instants.append(entry.instant) }
            }
        }
        return instants
    }

    /// Whether an identifier belongs to a throttle called `name`; every identifier does for `nil`.
    private func throttleFilter(_ name: String?) -> (ThrottleID) -> Bool {
        guard let name else { return { _ in true } }
        let ids = Set(ids(named: name))
        return { ids.contains($0) }
    }

    /// The waits of the tasks of `name` (of every throttle, for `nil`), from the task records when the
    /// trace has them, else from the core's decisions. A task that never started counts with the time it
    /// waited up to the end of the trace; cancelled and failed waiters are left out where the trace tells
    /// them apart. `nil` when the trace has neither task records nor grant decisions to measure from.
    func waits(named name: String?) -> [TimeAmount]? {
        let end = endInstant ?? .zero
        if let tasks {
            return tasks.filter { name == nil || $0.throttle == name }.map { ($0.start ?? end) - $0.arrival }
        }
        let wanted = throttleFilter(name)
        var ledger = WaitLedger(ticketed: recordsWaiterDecisions)
        for entry in entries {
            for action in entry.actions {
                if let id = action.throttle, wanted(id) { ledger.apply(action, at: entry.instant) }
            }
        }
        guard ledger.measurable else { return nil }
        return ledger.waits(endingAt: end)
    }
}

/// Pairs queue entries with their grants by ticket, per throttle, to measure waits from a trace.
private struct WaitLedger {
    private var queues: [ThrottleID: TicketQueue] = [:]
    private var nextTickets: [ThrottleID: UInt64] = [:]
    private var waitingNow: [ThrottleID: Int] = [:]
    private var measured: [TimeAmount] = []
    private var queuedAny = false
    let ticketed: Bool

    init(ticketed: Bool) {
        self.ticketed = ticketed
    }

    /// Waits can be measured when nobody queued, or when the grants name their tickets.
    var measurable: Bool { !queuedAny || ticketed }

    mutating func apply(_ action: ThrottleAction, at instant: TimePoint) {
        switch action {
        case .stateChanged(let change):
            waitingNow[change.throttle] = change.waiting
            switch change.cause {
            case .granted:
                measured.append(.zero)
            case .queued:
                queuedAny = true
                let ticket = nextTickets[change.throttle, default: 0]
                nextTickets[change.throttle] = ticket + 1
                queues[change.throttle, default: TicketQueue()].items.append((ticket, instant))
            default:
                break
            }
        case .grant(let waiter):
            if let queued = queues[waiter.throttle]?.take(waiter.ticket.number) { measured.append(instant - queued) }
        case .fail(let waiter, _):
            _ = queues[waiter.throttle]?.take(waiter.ticket.number)
        default:
            break
        }
    }

    /// The measured waits, plus, for the callers still waiting, the time they have waited so far (the
    /// oldest open tickets are taken for them: the longest waits, so the figure errs on the safe side).
    func waits(endingAt end: TimePoint) -> [TimeAmount] {
        var waits = measured
        for (id, queue) in queues.sorted(by: { $0.key < $1.key }) {
            waits += queue.items[queue.head...].prefix(waitingNow[id] ?? 0).map { end - $0.instant }
        }
        return waits
    }
}

/// One throttle's queued tickets in order, the decided ones before `head`.
private struct TicketQueue {
    var items: [(ticket: UInt64, instant: TimePoint)] = []
    var head = 0

    /// Removes a ticket and the older ones before it, which the core skipped because they were cancelled,
    /// and returns when it was queued.
    mutating func take(_ ticket: UInt64) -> TimePoint? {
        var low = head
        var high = items.count
        while low < high {
            let middle = (low + high) / 2
            if items[middle].ticket < ticket { low = middle + 1 } else { high = middle }
        }
        guard low < items.count, items[low].ticket == ticket else { return nil }
        head = low + 1
        return items[low].instant
    }
}
