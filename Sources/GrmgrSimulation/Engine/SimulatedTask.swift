public import Grmgr

/// One task of a simulated run, as tasks.csv writes it.
public struct SimulatedTask: Hashable, Sendable {
    /// The task's number, in order of arrival across all throttles (from 0).
    public var id: Int
    /// The index of its throttle in the scenario.
    public var throttle: Int
    /// When it asked for a slot.
    public var arrival: TimePoint
    /// How long it runs once granted (drawn at arrival, so every setting sees the same workload).
    public var service: TimeAmount
    /// When it was granted, if it was.
    public var start: TimePoint?
    /// When it finished, if it did before the run ended.
    public var end: TimePoint?

    /// Creates a task record.
    public init(
        id: Int, throttle: Int, arrival: TimePoint, service: TimeAmount, start: TimePoint? = nil, end: TimePoint? = nil
    ) {
        self.id = id
        self.throttle = throttle
        self.arrival = arrival
        self.service = service
        self.start = start
        self.end = end
    }

    /// Time spent waiting for a slot.
    public var wait: TimeAmount? { start.map { $0 - arrival } }
    /// Time from arrival to the end.
    public var sojourn: TimeAmount? { end.map { $0 - arrival } }
}
