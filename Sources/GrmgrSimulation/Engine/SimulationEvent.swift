import Grmgr

/// A task that holds a slot, travelling in its completion event.
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

/// What happens at an instant of a simulated run.
enum SimulationEvent {
    /// The next arrival of this throttle (the generator's pending arrival).
    case arrival(throttle: Int32)
    /// The running task in this slot of the simulator's table finishes. The task itself stays in the
    /// table so that heap entries stay small; the heap moves entries on every push and pop.
    case completion(slot: Int32)
    /// The scenario's scaling event with this index.
    case scaling(index: Int32)
    /// A profile step is due (scheduled by the core).
    case timer(ProfileTimer)
    /// Record every throttle's load on the sampling grid.
    case sample
}
