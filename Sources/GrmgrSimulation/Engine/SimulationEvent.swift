import Grmgr

/// A task that holds a slot, kept in the simulator's table while its completion event is queued.
struct RunningTask {
    var id: Int
    var throttle: Int32
    var arrival: Int64
    var start: Int64
    var service: Int64

    var record: SimulatedTask {
        SimulatedTask(
            id: id, throttle: Int(throttle), arrival: TimePoint(nanoseconds: arrival),
            service: TimeAmount(nanoseconds: service), start: TimePoint(nanoseconds: start))
    }
}

/// A task waiting for a slot: only what it needs to start.
struct WaitingTask {
    var id: Int
    var arrival: Int64
    var service: Int64

    func record(throttle: Int) -> SimulatedTask {
        SimulatedTask(
            id: id, throttle: throttle, arrival: TimePoint(nanoseconds: arrival),
            service: TimeAmount(nanoseconds: service))
    }
}

/// What happens at an instant of a simulated run.
///
/// Every case carries at most an `Int32`, so that a heap entry is 24 bytes: the heap moves entries on
/// every push and pop. Tasks and profile timers live in side tables of the simulator.
enum SimulationEvent {
    /// The next arrival of this throttle (the generator's pending arrival).
    case arrival(throttle: Int32)
    /// The running task in this slot of the simulator's table finishes.
    case completion(slot: Int32)
    /// The scenario's scaling event with this index.
    case scaling(index: Int32)
    /// The profile timer in this slot of the simulator's timer table is due (scheduled by the core).
    case timer(slot: Int32)
    /// Record every throttle's load on the sampling grid.
    case sample
}
