internal import Grmgr

extension ThrottleTrace: CustomStringConvertible {
    /// Every registration and entry, one action per line, in the format of violation reports.
    public var description: String {
        var lines = registrations.map { registration in
            "registered \"\(registration.name)\" as \(registration.id) at \(registration.instant.secondsText)"
                + (registration.config.map { " " + $0.summary } ?? "")
        }
        let names = nameTable()
        for index in entries.indices { lines += describeEntry(at: index, names: names, marked: false) }
        return lines.joined(separator: "\n")
    }

    /// The entry at `index` as text: a header line with its number and instant, then one line per action
    /// (log records left out).
    public func describeEntry(at index: Int) -> String {
        describeEntry(at: index, names: nameTable(), marked: false).joined(separator: "\n")
    }

    func describeEntry(at index: Int, names: [ThrottleID: String], marked: Bool) -> [String] {
        let entry = entries[index]
        var lines = ["\(marked ? "--> " : "    ")#\(index) at \(entry.instant.secondsText)"]
        for action in entry.actions {
            if case .log = action { continue }
            lines.append("          " + action.traceText(names: names))
        }
        return lines
    }

    /// Names by identifier, for messages.
    func nameTable() -> [ThrottleID: String] {
        var table: [ThrottleID: String] = [:]
        for registration in registrations { table[registration.id] = registration.name }
        return table
    }
}

extension ThrottleAction {
    /// The throttle an action is about, if it is about one.
    var throttle: ThrottleID? {
        switch self {
        case .grant(let waiter), .fail(let waiter, _): return waiter.throttle
        case .scheduleTimer(let timer, _): return timer.throttle
        case .stateChanged(let change): return change.throttle
        case .scaled(let record): return record.throttle
        case .becameIdle(let id): return id
        case .log: return nil
        }
    }

    /// One line of a trace listing.
    func traceText(names: [ThrottleID: String]) -> String {
        func name(_ id: ThrottleID) -> String { "\"\(names[id] ?? id.description)\"" }
        switch self {
        case .grant(let waiter):
            return "grant \(name(waiter.throttle)) ticket \(waiter.ticket.number)"
        case .fail(let waiter, let error):
            return "fail \(name(waiter.throttle)) ticket \(waiter.ticket.number): \(error)"
        case .scheduleTimer(let timer, let instant):
            return "timer \(name(timer.throttle)) run \(timer.run) at \(instant.secondsText)"
        case .stateChanged(let change):
            return
                "\(change.cause.rawValue) \(name(change.throttle)) ceiling \(change.ceiling) running \(change.running) "
                + "waiting \(change.waiting)"
        case .scaled(let record):
            var text =
                "\(record.action) on \(name(record.throttle)): \(record.outcome.rawValue) "
                + "\(record.ceilingBefore) -> \(record.ceilingAfter)"
            if case .profileStep(let profile, let step) = record.origin { text += " (profile \(profile) step \(step))" }
            return text
        case .becameIdle(let id):
            return "idle \(name(id))"
        case .log(let record):
            return "log \(record.level): \(record.message)"
        }
    }
}

extension ThrottleConfig {
    /// `dop 4 min 1 up 1 down 2 hold 30s`, plus the hold origin when it is not the default.
    var summary: String {
        let origin = holdOrigin == .appliedChange ? "" : " (hold from every request)"
        return "dop \(dop) min \(min) up \(up) down \(down) hold \(hold.goSyntax)\(origin)"
    }
}

extension TimePoint {
    /// Seconds since the epoch with nine decimals, exact: `12.500000000s`.
    var secondsText: String { "\(nanosecondsAsSeconds(nanoseconds))s" }
}

extension TimeAmount {
    /// Seconds with nine decimals, exact: `0.250000000s`.
    var secondsText: String { "\(nanosecondsAsSeconds(nanoseconds))s" }
}

/// Formats whole nanoseconds as decimal seconds with nine places, in integer arithmetic.
func nanosecondsAsSeconds(_ nanoseconds: Int64) -> String {
    let magnitude = nanoseconds.magnitude
    let whole = magnitude / 1_000_000_000
    let fraction = String(magnitude % 1_000_000_000)
    let padded = String(repeating: "0", count: 9 - fraction.count) + fraction
    return "\(nanoseconds < 0 ? "-" : "")\(whole).\(padded)"
}
