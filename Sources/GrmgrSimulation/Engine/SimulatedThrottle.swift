import Grmgr

/// The simulator's side of one throttle: its workload and the tasks waiting for it. Throttle rules
/// are not here; they are the core's.
struct SimulatedThrottle {
    private var arrivals: ArrivalGenerator
    private var durations: DurationSampler
    private let arrivalStream: RandomStream
    private let durationStream: RandomStream
    /// The arrival drawn ahead, whose event is in the queue.
    private(set) var pendingArrival: Arrival?
    /// Tasks queued by the core, in ticket order (the core grants them in that order).
    var waiting = FIFOBuffer<WaitingTask>()
    var statistics: ThrottleStatistics

    init(spec: ThrottleSpec, seed: UInt64, horizon: TimeAmount) throws {
        arrivals = try ArrivalGenerator(spec.arrivals, horizon: horizon)
        durations = try DurationSampler(spec.duration)
        arrivalStream = RandomStream(seed: seed, stream: spec.config.name, purpose: .arrivals)
        durationStream = RandomStream(seed: seed, stream: spec.config.name, purpose: .durations)
        statistics = ThrottleStatistics(config: spec.config)
    }

    mutating func nextArrival() -> Arrival? {
        pendingArrival = arrivals.next(using: arrivalStream)
        return pendingArrival
    }

    /// The pending arrival's service time (its trace duration, or a draw), and the arrival after it.
    ///
    /// One call per arrival event: the duration is drawn before the next arrival, as the streams are
    /// separate the order only matters for readability.
    mutating func arrive() -> (service: TimeAmount, next: Arrival?)? {
        guard let arrival = pendingArrival else { return nil }
        let service = arrival.duration ?? durations.next(using: durationStream)
        return (service, nextArrival())
    }

    var redrawnNegatives: Int { durations.redrawnNegatives + arrivals.redrawnNegatives }
}
