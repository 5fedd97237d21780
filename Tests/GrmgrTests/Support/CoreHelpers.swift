import Grmgr

extension ThrottleCore {
    /// The tickets granted by the actions so far, then clears the actions.
    mutating func takeGrants() -> [UInt64] {
        defer { removeAllActions() }
        return actions.compactMap { action in
            if case .grant(let waiter) = action { return waiter.ticket.number }
            return nil
        }
    }

    /// The scaling records of the actions so far, then clears the actions.
    mutating func takeScalingRecords() -> [ScalingRecord] {
        defer { removeAllActions() }
        return actions.compactMap { action in
            if case .scaled(let record) = action { return record }
            return nil
        }
    }

    /// Asks and returns the ticket number when queued, `nil` when granted at once.
    mutating func askTicket(_ id: ThrottleID) throws -> UInt64? {
        switch try ask(id) {
        case .granted: return nil
        case .queued(let waiter): return waiter.ticket.number
        }
    }

    func state(_ id: ThrottleID) throws -> (ceiling: Int, running: Int, waiting: Int) {
        let snapshot = try snapshot(id)
        return (snapshot.ceiling, snapshot.running, snapshot.waiting)
    }
}

extension TimePoint {
    static func seconds(_ seconds: Int64) -> TimePoint { .zero + .seconds(seconds) }
}
