internal import Grmgr

/// What the checker knows of one throttle while it replays a trace: counters rebuilt from the state
/// changes, the queue of tickets, and the start of the current hold.
struct TrackedThrottle {
    let id: ThrottleID
    let name: String
    let config: ThrottleConfig?
    /// The configured ceiling; from the config, or the ceiling at registration when the config is unknown.
    var max: Int?
    var ceiling = 0
    var running = 0
    var waiting = 0
    var asked = 0
    var granted = 0
    var done = 0
    var cancelled = 0
    var failed = 0
    /// Decisions and state changes of the current entry, which must pair up one to one.
    var grantDecisions = 0
    var grantChanges = 0
    var failDecisions = 0
    var failChanges = 0
    /// When the current hold started, and what started it (for messages).
    var holdStart: TimePoint?
    var holdCause: ScalingRecord?
    var deletedAt: TimePoint?

    init(id: ThrottleID, name: String, config: ThrottleConfig?) {
        self.id = id
        self.name = name
        self.config = config
        self.max = config?.dop
        self.ceiling = config?.dop ?? 0
    }

    var min: Int { config?.min ?? 0 }

    /// `asked 10 = granted 8 + waiting 1 + cancelled 1 + failed 0; granted 8 = done 6 + running 2`.
    var ledger: String {
        "asked \(asked) = granted \(granted) + waiting \(waiting) + cancelled \(cancelled) + failed \(failed); "
            + "granted \(granted) = done \(done) + running \(running)"
    }
}

/// One throttle's queue as the checker sees it: the tickets queued and not yet granted or failed, in
/// order. Kept apart from ``TrackedThrottle`` so that updating the counters never copies the queue.
struct TicketLedger {
    /// The ticket the next queued caller gets: the core numbers the queue of each throttle from 0.
    var nextTicket: UInt64 = 0
    /// Tickets with their instants, oldest first; those before `head` are decided.
    var queue: [(ticket: UInt64, instant: TimePoint)] = []
    var head = 0
    /// Cancellations not yet matched to a ticket: a cancel names no ticket, a later grant that skips
    /// tickets tells which ones left.
    var unattributedCancels = 0

    var open: Int { queue.count - head }

    mutating func enqueue(at instant: TimePoint, keep: Bool) {
        if keep { queue.append((nextTicket, instant)) }
        nextTicket += 1
    }

    /// The position of a ticket among the open ones, if it is there.
    func position(of ticket: UInt64) -> Int? {
        var low = head
        var high = queue.count
        while low < high {
            let middle = (low + high) / 2
            if queue[middle].ticket < ticket { low = middle + 1 } else { high = middle }
        }
        return low < queue.count && queue[low].ticket == ticket ? low : nil
    }

    /// Removes the ticket at `position`; when `dropSkipped`, the older open tickets before it too.
    mutating func remove(at position: Int, dropSkipped: Bool) {
        if dropSkipped || position == head {
            head = position + 1
            if head > 1024, head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
        } else {
            queue.remove(at: position)
        }
    }
}
