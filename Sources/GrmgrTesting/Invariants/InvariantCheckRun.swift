internal import Grmgr

/// One pass of an ``InvariantChecker`` over a trace: the replayed state of every throttle and the
/// violations found so far.
struct InvariantCheckRun {
    let trace: ThrottleTrace
    let checker: InvariantChecker
    /// Whether the trace carries the core's grant and fail decisions, which name tickets.
    let ticketed: Bool
    var throttles: [TrackedThrottle] = []
    /// The queue of each tracked throttle, by the same index.
    var ledgers: [TicketLedger] = []
    var index: [ThrottleID: Int] = [:]
    var violations: [InvariantViolation] = []
    private var reported: Set<ReportKey> = []
    private var touched: [Int] = []

    private struct ReportKey: Hashable {
        let invariant: Invariant
        let entry: Int?
        let throttle: Int
    }

    init(trace: ThrottleTrace, checker: InvariantChecker) {
        self.trace = trace
        self.checker = checker
        ticketed = trace.recordsWaiterDecisions
        for registration in trace.registrations where index[registration.id] == nil {
            index[registration.id] = throttles.count
            throttles.append(
                TrackedThrottle(id: registration.id, name: registration.name, config: registration.config))
            ledgers.append(TicketLedger())
        }
    }

    var isFull: Bool { violations.count >= checker.maximumViolations }

    // MARK: Entries

    mutating func checkEntries() {
        for entryIndex in trace.entries.indices {
            let entry = trace.entries[entryIndex]
            touched.removeAll(keepingCapacity: true)
            for action in entry.actions {
                switch action {
                case .stateChanged(let change): stateChanged(change, entryIndex, entry.instant)
                case .grant(let waiter): granted(waiter, entryIndex, entry.instant)
                case .fail(let waiter, _): failed(waiter, entryIndex, entry.instant)
                case .scaled(let record): scaled(record, entryIndex, entry.instant)
                case .becameIdle(let id): becameIdle(id, entryIndex, entry.instant)
                case .scheduleTimer, .log: break
                }
            }
            for throttle in touched { endOfEntry(throttle, entryIndex, entry.instant) }
            if isFull { return }
        }
    }

    private mutating func endOfEntry(_ slot: Int, _ entry: Int, _ instant: TimePoint) {
        let throttle = throttles[slot]
        if throttle.deletedAt == nil, throttle.waiting > 0, throttle.running < throttle.ceiling {
            report(
                .workConservation, slot, entry, instant,
                "\(throttle.waiting) caller(s) still waiting after the command while running \(throttle.running) "
                    + "< ceiling \(throttle.ceiling)")
        }
        if ticketed, throttle.grantDecisions != throttle.grantChanges {
            report(
                .conservation, slot, entry, instant,
                "\(throttle.grantDecisions) grant decision(s) but \(throttle.grantChanges) grant-waiter state "
                    + "change(s) in one command")
        }
        if ticketed, throttle.failDecisions != throttle.failChanges {
            report(
                .conservation, slot, entry, instant,
                "\(throttle.failDecisions) fail decision(s) but \(throttle.failChanges) fail state change(s) "
                    + "in one command")
        }
        throttles[slot].grantDecisions = 0
        throttles[slot].grantChanges = 0
        throttles[slot].failDecisions = 0
        throttles[slot].failChanges = 0
    }

    private mutating func stateChanged(_ change: StateChange, _ entry: Int, _ instant: TimePoint) {
        let slot = tracked(change.throttle)
        var throttle = throttles[slot]
        if let deleted = throttle.deletedAt {
            switch change.cause {
            case .granted, .grantedWaiter, .queued, .scaled, .registered:
                report(
                    .nothingAfterDelete, slot, entry, instant,
                    "\(change.cause.rawValue) after the throttle was deleted at \(deleted.secondsText)")
            default: break
            }
        }
        var problem: String?
        switch change.cause {
        case .registered:
            if throttle.config == nil, throttle.max == nil { throttle.max = change.ceiling }
        case .granted:
            if throttle.waiting > 0 {
                report(
                    .fifo, slot, entry, instant,
                    "a caller was granted at once while \(throttle.waiting) earlier caller(s) were waiting")
            }
            throttle.asked += 1
            throttle.granted += 1
            throttle.running += 1
        case .queued:
            throttle.asked += 1
            throttle.waiting += 1
            ledgers[slot].enqueue(at: instant, keep: ticketed)
        case .grantedWaiter:
            if throttle.waiting == 0 { problem = "a waiter was granted while none was waiting" }
            throttle.waiting -= 1
            throttle.granted += 1
            throttle.running += 1
            throttle.grantChanges += 1
        case .released:
            if throttle.running == 0 { problem = "a task was done while none was running" }
            throttle.running -= 1
            throttle.done += 1
        case .cancelled:
            if throttle.waiting == 0 { problem = "a waiter was cancelled while none was waiting" }
            throttle.waiting -= 1
            throttle.cancelled += 1
            ledgers[slot].unattributedCancels += 1
        case .failed:
            if throttle.waiting == 0 { problem = "a waiter was failed while none was waiting" }
            throttle.waiting -= 1
            throttle.failed += 1
            throttle.failChanges += 1
        case .scaled:
            break
        case .deleted:
            throttle.deletedAt = instant
            if change.waiting > 0 {
                report(
                    .nothingAfterDelete, slot, entry, instant,
                    "delete() left \(change.waiting) waiter(s) in the queue instead of failing them")
            }
        }
        throttle.ceiling = change.ceiling
        if problem == nil, change.running != throttle.running || change.waiting != throttle.waiting {
            problem =
                "after \"\(change.cause.rawValue)\" the trace reports running \(change.running), waiting "
                + "\(change.waiting), but its grants, dones, cancels and fails account for running "
                + "\(throttle.running), waiting \(throttle.waiting): a task was lost or counted twice"
        }
        // Trust the reported counts from here on, so that one fault is reported once, not at every change.
        throttle.running = change.running
        throttle.waiting = change.waiting
        throttles[slot] = throttle
        if let problem { report(.conservation, slot, entry, instant, problem + " (\(throttle.ledger))") }
        if change.cause == .granted || change.cause == .grantedWaiter, change.running > change.ceiling {
            report(
                .grantWithinCeiling, slot, entry, instant,
                "\(change.cause.rawValue) brought running to \(change.running) over the ceiling \(change.ceiling)")
        }
        checkBounds(change.ceiling, slot, entry, instant, what: "the ceiling after \"\(change.cause.rawValue)\"")
        touch(slot)
    }

    private mutating func granted(_ waiter: Waiter, _ entry: Int, _ instant: TimePoint) {
        let slot = tracked(waiter.throttle)
        throttles[slot].grantDecisions += 1
        touch(slot)
        let ticket = waiter.ticket.number
        guard let position = ledgers[slot].position(of: ticket) else {
            let why = ticket >= ledgers[slot].nextTicket ? "never queued" : "already granted or failed"
            report(.conservation, slot, entry, instant, "ticket \(ticket) was granted but was \(why)")
            return
        }
        let head = ledgers[slot].head
        let skipped = position - head
        if skipped > ledgers[slot].unattributedCancels {
            let oldest = ledgers[slot].queue[head]
            let queued = ledgers[slot].queue[position].instant
            report(
                .fifo, slot, entry, instant,
                "ticket \(ticket) (queued at \(queued.secondsText)) was granted while ticket \(oldest.ticket) "
                    + "(queued at \(oldest.instant.secondsText)) was still waiting")
            ledgers[slot].remove(at: position, dropSkipped: false)
        } else {
            // The skipped tickets are the waiters whose cancellations the trace reported earlier.
            ledgers[slot].unattributedCancels -= skipped
            ledgers[slot].remove(at: position, dropSkipped: true)
        }
    }

    private mutating func failed(_ waiter: Waiter, _ entry: Int, _ instant: TimePoint) {
        let slot = tracked(waiter.throttle)
        throttles[slot].failDecisions += 1
        touch(slot)
        guard let position = ledgers[slot].position(of: waiter.ticket.number) else {
            report(
                .conservation, slot, entry, instant,
                "ticket \(waiter.ticket.number) was failed but was not waiting")
            return
        }
        let skipped = position - ledgers[slot].head
        let attributable = skipped <= ledgers[slot].unattributedCancels
        if attributable { ledgers[slot].unattributedCancels -= skipped }
        ledgers[slot].remove(at: position, dropSkipped: attributable)
    }

    private mutating func scaled(_ record: ScalingRecord, _ entry: Int, _ instant: TimePoint) {
        let slot = tracked(record.throttle)
        touch(slot)
        if let deleted = throttles[slot].deletedAt {
            report(
                .nothingAfterDelete, slot, entry, instant,
                "\(record.action) was decided (\(record.outcome.rawValue)) after the throttle was deleted at "
                    + deleted.secondsText)
        }
        if record.outcome.changedCeiling {
            checkBounds(record.ceilingAfter, slot, entry, instant, what: "\(record.action) set the ceiling, which")
        }
        guard let config = throttles[slot].config else { return }
        switch record.action {
        case .up, .down:
            checkHold(record, config, slot, entry, instant)
            if record.outcome.changedCeiling || config.holdOrigin == .request {
                throttles[slot].holdStart = instant
                throttles[slot].holdCause = record
            }
        case .set, .percent:
            // A set or percent change bypasses the hold and starts a new one, even when nothing changed.
            throttles[slot].holdStart = instant
            throttles[slot].holdCause = record
        case .profile:
            break
        }
    }

    private mutating func checkHold(
        _ record: ScalingRecord, _ config: ThrottleConfig, _ slot: Int, _ entry: Int, _ instant: TimePoint
    ) {
        let throttle = throttles[slot]
        let elapsed = throttle.holdStart.map { instant - $0 }
        func since() -> String {
            let cause = throttle.holdCause.map { "\($0.action) (\($0.outcome.rawValue))" } ?? "change"
            return throttle.holdStart.map { "the \(cause) at \($0.secondsText)" } ?? ""
        }
        if record.outcome.changedCeiling, let elapsed, elapsed < config.hold {
            report(
                .hold, slot, entry, instant,
                "\(record.action) was applied (\(record.ceilingBefore) -> \(record.ceilingAfter)) "
                    + "\(elapsed.secondsText) after \(since()), within the hold of \(config.hold.goSyntax)")
        }
        if record.outcome == .refusedHold {
            if let elapsed, elapsed >= config.hold {
                report(
                    .hold, slot, entry, instant,
                    "\(record.action) was refused by the hold \(elapsed.secondsText) after \(since()), "
                        + "although the hold of \(config.hold.goSyntax) had passed")
            } else if elapsed == nil {
                report(
                    .hold, slot, entry, instant,
                    "\(record.action) was refused by the hold, but no change had started one")
            }
        }
    }

    private mutating func becameIdle(_ id: ThrottleID, _ entry: Int, _ instant: TimePoint) {
        let slot = tracked(id)
        touch(slot)
        let throttle = throttles[slot]
        if throttle.running != 0 || throttle.waiting != 0 {
            report(
                .idleWait, slot, entry, instant,
                "wait() was resumed while running \(throttle.running), waiting \(throttle.waiting)")
        }
    }

    private mutating func checkBounds(
        _ ceiling: Int, _ slot: Int, _ entry: Int, _ instant: TimePoint, what: @autoclosure () -> String
    ) {
        let throttle = throttles[slot]
        let max = throttle.max ?? Int.max
        guard ceiling < throttle.min || ceiling > max else { return }
        let bounds = "[\(throttle.config.map { String($0.min) } ?? "?"), \(throttle.max.map(String.init) ?? "?")]"
        report(.ceilingWithinBounds, slot, entry, instant, "\(what()) is \(ceiling), outside \(bounds)")
    }

    // MARK: Bookkeeping

    /// The slot of a throttle; one the registrations do not list is tracked with what the trace shows.
    private mutating func tracked(_ id: ThrottleID) -> Int {
        index[id] ?? track(id, name: id.description)
    }

    mutating func track(_ id: ThrottleID, name: String) -> Int {
        index[id] = throttles.count
        throttles.append(TrackedThrottle(id: id, name: name, config: nil))
        ledgers.append(TicketLedger())
        return throttles.count - 1
    }

    private mutating func touch(_ slot: Int) {
        if !touched.contains(slot) { touched.append(slot) }
    }

    mutating func report(
        _ invariant: Invariant, _ slot: Int, _ entry: Int?, _ instant: TimePoint, _ message: String
    ) {
        guard checker.invariants.contains(invariant), !isFull,
            reported.insert(ReportKey(invariant: invariant, entry: entry, throttle: slot)).inserted
        else { return }
        violations.append(
            InvariantViolation(
                invariant: invariant, instant: instant, throttle: throttles[slot].name, message: message,
                entryIndex: entry, context: context(of: throttles[slot].id, around: entry)))
    }

    /// The entries of one throttle before and just after `entry` (or the last ones, at the end), as text.
    private func context(of id: ThrottleID, around entry: Int?) -> [String] {
        let names = trace.nameTable()
        func concerns(_ index: Int) -> Bool { trace.entries[index].actions.contains { $0.throttle == id } }
        let upper = entry ?? trace.entries.count
        var before: [Int] = []
        var cursor = upper - 1
        while cursor >= 0, before.count < checker.contextEntries, upper - cursor <= 10_000 {
            if concerns(cursor) { before.append(cursor) }
            cursor -= 1
        }
        var shown = Array(before.reversed())
        if let entry {
            shown.append(entry)
            if let next = trace.entries.indices[(entry + 1)...].prefix(10_000).first(where: concerns) {
                shown.append(next)
            }
        }
        return shown.flatMap { trace.describeEntry(at: $0, names: names, marked: $0 == entry) }
    }
}
