/// Identifies one registered throttle inside a ``ThrottleCore``.
///
/// An identifier is a slot plus a generation: a slot is reused after its throttle is deleted and
/// drained, and the generation makes the old identifier stale instead of silently pointing at the
/// newcomer.
public struct ThrottleID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The slot in the core's table.
    public let slot: UInt32
    /// How many times the slot had been reused when this throttle took it.
    public let generation: UInt32

    /// Creates an identifier; drivers receive these from ``ThrottleCore/register(_:)``.
    public init(slot: UInt32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }

    /// Orders by slot, then generation, so that iteration over throttles is deterministic.
    public static func < (lhs: ThrottleID, rhs: ThrottleID) -> Bool {
        (lhs.slot, lhs.generation) < (rhs.slot, rhs.generation)
    }

    /// `#slot.generation`, for messages.
    public var description: String { "#\(slot).\(generation)" }
}

/// A place in one throttle's FIFO queue.
///
/// Tickets are handed out in arrival order and only grow, so the queue of a throttle is the range
/// of tickets not yet granted, and FIFO order is ticket order.
public struct WaiterTicket: Hashable, Comparable, Sendable {
    /// The ticket number; the first waiter of a throttle gets 0.
    public let number: UInt64

    /// Creates a ticket with the given number.
    public init(number: UInt64) {
        self.number = number
    }

    /// Orders by arrival.
    public static func < (lhs: WaiterTicket, rhs: WaiterTicket) -> Bool {
        lhs.number < rhs.number
    }
}

/// A caller of `control()` that had to wait: which throttle, and its place in the queue.
public struct Waiter: Hashable, Sendable {
    /// The throttle it waits on.
    public let throttle: ThrottleID
    /// Its place in that throttle's queue.
    public let ticket: WaiterTicket

    /// Creates a waiter reference.
    public init(throttle: ThrottleID, ticket: WaiterTicket) {
        self.throttle = throttle
        self.ticket = ticket
    }
}
