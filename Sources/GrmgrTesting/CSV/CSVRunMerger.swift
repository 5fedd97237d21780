internal import Grmgr

/// Puts the rows of dop.csv and events.csv back into one sequence of actions, giving each throttle
/// name an identifier per registration (a name reused after a delete gets a new one).
struct CSVRunMerger {
    let configs: [String: ThrottleConfig]
    private(set) var registrations: [ThrottleTrace.Registration] = []
    private(set) var actions: [(instant: TimePoint, action: ThrottleAction)] = []
    private var current: [String: ThrottleID] = [:]
    private var slots: [String: UInt32] = [:]

    init(configs: [ThrottleConfig]) {
        var byName: [String: ThrottleConfig] = [:]
        for config in configs { byName[config.name] = config }
        self.configs = byName
    }

    mutating func merge(dop: [DopRow], events: [EventRow]) throws(TraceLoadError) {
        try checkOrder(dop.map { ($0.line, $0.time) }, file: "dop.csv")
        try checkOrder(events.map { ($0.line, $0.time) }, file: "events.csv")
        var dopIndex = 0
        var eventIndex = 0
        while dopIndex < dop.count || eventIndex < events.count {
            let instant = Swift.min(
                dopIndex < dop.count ? dop[dopIndex].time : .distantFuture,
                eventIndex < events.count ? events[eventIndex].time : .distantFuture)
            let dopEnd = dop[dopIndex...].firstIndex { $0.time != instant } ?? dop.count
            let eventEnd = events[eventIndex...].firstIndex { $0.time != instant } ?? events.count
            mergeInstant(instant, dop[dopIndex..<dopEnd], events[eventIndex..<eventEnd])
            dopIndex = dopEnd
            eventIndex = eventEnd
        }
    }

    /// Within one instant, each throttle's scaling records go just before the state change they caused.
    private mutating func mergeInstant(_ instant: TimePoint, _ dop: ArraySlice<DopRow>, _ events: ArraySlice<EventRow>)
    {
        var names: [String] = []
        for name in dop.map(\.throttle) + events.map(\.throttle) where !names.contains(name) { names.append(name) }
        for name in names {
            var pending = events.filter { $0.throttle == name }[...]
            for row in dop where row.throttle == name {
                if row.cause == .deleted {
                    while let event = pending.popFirst() { appendEvent(event) }
                } else if row.cause == .scaled {
                    while let event = pending.popFirst() {
                        appendEvent(event)
                        if event.outcome.changedCeiling, event.ceilingAfter == row.ceiling { break }
                    }
                }
                appendState(row)
            }
            while let event = pending.popFirst() { appendEvent(event) }
        }
    }

    private mutating func appendState(_ row: DopRow) {
        let id = row.cause == .registered ? register(row.throttle, at: row.time) : id(of: row.throttle, at: row.time)
        let change = StateChange(
            throttle: id, cause: row.cause, ceiling: row.ceiling, running: row.running, waiting: row.waiting)
        actions.append((row.time, .stateChanged(change)))
    }

    private mutating func appendEvent(_ row: EventRow) {
        let record = ScalingRecord(
            throttle: id(of: row.throttle, at: row.time), action: row.action, origin: .request, outcome: row.outcome,
            ceilingBefore: row.ceilingBefore, ceilingAfter: row.ceilingAfter)
        actions.append((row.time, .scaled(record)))
    }

    /// The throttle's current identifier; one first seen without a `register` row is registered then.
    private mutating func id(of name: String, at instant: TimePoint) -> ThrottleID {
        current[name] ?? register(name, at: instant)
    }

    private mutating func register(_ name: String, at instant: TimePoint) -> ThrottleID {
        let id: ThrottleID
        if let previous = current[name] {
            id = ThrottleID(slot: previous.slot, generation: previous.generation + 1)
        } else {
            let slot = slots[name] ?? UInt32(slots.count)
            slots[name] = slot
            id = ThrottleID(slot: slot, generation: 0)
        }
        current[name] = id
        if let config = configs[name] {
            registrations.append(ThrottleTrace.Registration(id: id, config: config, instant: instant))
        } else {
            registrations.append(ThrottleTrace.Registration(id: id, name: name, instant: instant))
        }
        return id
    }

    private func checkOrder(_ times: [(line: Int, time: TimePoint)], file: String) throws(TraceLoadError) {
        for (previous, next) in zip(times, times.dropFirst()) where next.time < previous.time {
            throw TraceLoadError(
                file: file, line: next.line, column: "time",
                message: "\(next.time.secondsText) comes after \(previous.time.secondsText): rows must be in time order"
            )
        }
    }
}
