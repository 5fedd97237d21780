import Grmgr

/// Runs a ``Scenario`` in virtual time: arrivals and durations from its random streams, every throttle
/// decision by a ``ThrottleCore`` (the same one the real-time service uses), and records sent to a sink.
///
/// The same scenario and seed give the same records, byte for byte, on every run and machine: time is
/// integer nanoseconds, events at the same instant run in the order they were scheduled, and each
/// throttle draws from its own streams derived from the seed and its name.
///
/// ```swift
/// let scenario = try ScenarioLoader.load(contentsOf: url)
/// var simulator = try Simulator(scenario: scenario)
/// let result = try simulator.run(into: DiscardingSink())
/// print(result.throttles[0].wait.p99)
/// ```
public struct Simulator {
    /// The scenario being run (with any seed override applied).
    public let scenario: Scenario

    private var core = ThrottleCore()
    private var queue = EventQueue<SimulationEvent>()
    /// Tasks holding a slot, addressed by their completion events; freed slots are reused.
    private var running: [RunningTask] = []
    private var freeRunningSlots: [Int32] = []
    /// Profile timers the core scheduled, addressed by their events; freed slots are reused.
    private var timers: [ProfileTimer] = []
    private var freeTimerSlots: [Int32] = []
    private var throttles: [SimulatedThrottle] = []
    /// The scenario's scaling events not yet in the queue, latest first, with the sequence numbers
    /// reserved for them at the start. Only the earliest waits in the queue: thousands of them there
    /// made every push and pop of the run sift through a deeper heap. The run order is unchanged, as the
    /// earliest pending one is always in the queue.
    private var pendingScaling: [(instant: TimePoint, sequence: UInt64, index: Int32)] = []
    /// One pending arrival kept beside the queue (the earliest one scheduled while the lane was free),
    /// with the sequence number it would have had in it; `laneThrottle` is -1 when the lane is empty.
    /// With one throttle every arrival passes here: the heap holds only the running tasks' completions,
    /// and each task costs one push and one pop fewer. Events still run in (instant, sequence) order.
    private var laneTime: Int64 = 0
    private var laneSequence: UInt64 = 0
    private var laneThrottle: Int32 = -1
    private var now = TimePoint.zero
    /// The instant of the last event that was not a sample: the end of a drained run, whether or not the
    /// sink samples (a trailing sample must not stretch the window of the time-weighted figures).
    private var lastActivity = TimePoint.zero
    private var nextTaskID = 0
    private var tasksInSystem = 0
    private let horizon: TimePoint
    private var eventsProcessed = 0
    /// How many of the core's actions have been carried out. The list is cleared only every
    /// `actionsKept` actions: clearing many at once costs less per action than clearing each command's.
    private var handledActions = 0
    private static let actionsKept = 64

    /// The throttles while a run is under way: taken out of `throttles` so that the event handlers reach
    /// them through a pointer, without a copy-on-write check of the array on every access.
    private typealias Throttles = UnsafeMutableBufferPointer<SimulatedThrottle>

    /// Prepares a run: validates the workload of every throttle and builds its random streams.
    ///
    /// - Parameter seed: Replaces the scenario's seed (the CLI's `--seed`).
    /// - Throws: ``WorkloadError`` for a distribution or arrival process that cannot run, or
    ///   ``ThrottleError`` for a throttle or profile the core refuses.
    public init(scenario: Scenario, seed: UInt64? = nil) throws {
        var scenario = scenario
        if let seed { scenario.seed = seed }
        self.scenario = scenario
        horizon = .zero + scenario.duration
        for profile in scenario.profiles { try core.registerProfile(profile) }
        for (index, spec) in scenario.throttles.enumerated() {
            let id = try core.register(spec.config)
            precondition(Int(id.slot) == index, "a fresh core hands out slots in registration order")
            throttles.append(try SimulatedThrottle(spec: spec, seed: scenario.seed, horizon: scenario.duration))
        }
    }

    /// Runs the scenario to its end and returns the summary; records go to `sink` as they happen.
    ///
    /// A simulator runs once; make a new one for another run.
    ///
    /// - Parameter progress: Called every million events with the fraction of the horizon simulated.
    public mutating func run<Sink: SimulationSink>(
        into sink: inout Sink, progress: ((Double) -> Void)? = nil
    ) throws -> SimulationResult {
        core.recordsStateChanges = sink.wantsStateChanges
        var throttles = self.throttles
        self.throttles = []
        do {
            try throttles.withUnsafeMutableBufferPointer { throttles in
                try run(throttles, into: &sink, progress: progress)
            }
        } catch {
            self.throttles = throttles
            throw error
        }
        self.throttles = throttles
        let end = scenario.drain ? Swift.max(lastActivity, horizon) : horizon
        try reportUnfinished(until: end, into: &sink)
        return SimulationResult(
            scenario: scenario.name, seed: scenario.seed, end: end, eventsProcessed: eventsProcessed,
            throttles: self.throttles.indices.map { summary(of: $0, end: end) })
    }

    /// Runs the scenario keeping nothing but the summary.
    public mutating func run() throws -> SimulationResult {
        var sink = DiscardingSink()
        return try run(into: &sink)
    }

    private mutating func run<Sink: SimulationSink>(
        _ throttles: Throttles, into sink: inout Sink, progress: ((Double) -> Void)?
    ) throws {
        start(throttles, sink: &sink)
        try drainActions(throttles, into: &sink)
        while true {
            // The lane's arrival and a completion are the two events of almost every step: each is handled
            // here directly, without a detour through an event value and a switch over it.
            if laneThrottle >= 0, !queueGoesFirst {
                let instant = TimePoint(nanoseconds: laneTime)
                let throttle = laneThrottle
                laneThrottle = -1
                if !scenario.drain, instant > horizon {
                    // Left for the unfinished-task report.
                    queue.schedule(.arrival(throttle: throttle), at: instant, sequence: laneSequence)
                    break
                }
                advance(to: instant)
                try arrive(at: Int(throttle), throttles, into: &sink)
            } else if let (instant, event) = queue.popNext() {
                if !scenario.drain, instant > horizon {
                    queue.schedule(event, at: instant)  // Left for the unfinished-task report.
                    break
                }
                if case .completion(let slot) = event {
                    advance(to: instant)
                    freeRunningSlots.append(slot)
                    try complete(running[Int(slot)], throttles, into: &sink)
                } else {
                    now = instant
                    if case .sample = event {} else { lastActivity = instant }
                    eventsProcessed += 1
                    try handle(event, throttles, into: &sink)
                }
            } else {
                break
            }
            if let progress, eventsProcessed % 1_000_000 == 0 {
                progress(Swift.min(1, now.seconds / Swift.max(horizon.seconds, 1e-9)))
            }
        }
    }

    /// Whether the queue's first event comes before the arrival in the lane.
    @inline(__always)
    private var queueGoesFirst: Bool {
        guard let first = queue.nextKey else { return false }
        return (first.time, first.sequence) < (laneTime, laneSequence)
    }

    /// The clock moves to an event that is not a sample.
    @inline(__always)
    private mutating func advance(to instant: TimePoint) {
        now = instant
        lastActivity = instant
        eventsProcessed += 1
    }

    /// Schedules a throttle's next arrival: into the lane if it is free or the arrival comes first (the
    /// lane's arrival then moves to the queue), else into the queue.
    @inline(__always)
    private mutating func scheduleArrival(of index: Int, at instant: TimePoint) {
        let sequence = queue.reserveSequenceNumbers(1)
        if laneThrottle >= 0 {
            guard (instant.nanoseconds, sequence) < (laneTime, laneSequence) else {
                queue.schedule(.arrival(throttle: Int32(index)), at: instant, sequence: sequence)
                return
            }
            queue.schedule(
                .arrival(throttle: laneThrottle), at: TimePoint(nanoseconds: laneTime), sequence: laneSequence)
        }
        (laneTime, laneSequence, laneThrottle) = (instant.nanoseconds, sequence, Int32(index))
    }

    // MARK: Event handling

    private mutating func start<Sink: SimulationSink>(_ throttles: Throttles, sink: inout Sink) {
        for index in throttles.indices {
            throttles[index].statistics.begin(ceiling: load(index).ceiling, at: .zero, warmup: .zero + scenario.warmup)
            if let arrival = throttles[index].nextArrival() { scheduleArrival(of: index, at: arrival.at) }
        }
        let firstSequence = queue.reserveSequenceNumbers(scenario.events.count)
        pendingScaling = scenario.events.enumerated().map { index, timed in
            (.zero + timed.at, firstSequence + UInt64(index), Int32(index))
        }
        pendingScaling.sort { ($0.instant, $0.sequence) > ($1.instant, $1.sequence) }
        scheduleNextScaling()
        if sink.wantsSamples { queue.schedule(.sample, at: .zero) }
    }

    private mutating func handle<Sink: SimulationSink>(
        _ event: SimulationEvent, _ throttles: Throttles, into sink: inout Sink
    ) throws {
        switch event {
        case .arrival(let throttle):
            try arrive(at: Int(throttle), throttles, into: &sink)
        case .completion:
            preconditionFailure("completions are handled by the run loop")
        case .scaling(let index):
            scheduleNextScaling()
            try core.apply(scenario.events[Int(index)].event, at: now)
            try drainActions(throttles, into: &sink)
        case .timer(let slot):
            freeTimerSlots.append(slot)
            let timer = timers[Int(slot)]
            core.timerFired(timer, at: now)
            try drainActions(throttles, into: &sink)
        case .sample:
            try sink.sampled(throttles.indices.map(load), at: now)
            let next = now + scenario.sample
            if next <= horizon || tasksInSystem > 0 { queue.schedule(.sample, at: next) }
        }
    }

    private mutating func scheduleNextScaling() {
        guard let next = pendingScaling.popLast() else { return }
        queue.schedule(.scaling(index: next.index), at: next.instant, sequence: next.sequence)
    }

    private mutating func arrive<Sink: SimulationSink>(
        at index: Int, _ throttles: Throttles, into sink: inout Sink
    ) throws {
        guard let (service, next) = throttles[index].arrive() else { return }
        let task = WaitingTask(id: nextTaskID, arrival: now.nanoseconds, service: service.nanoseconds)
        nextTaskID += 1
        tasksInSystem += 1
        if let next { scheduleArrival(of: index, at: next.at) }
        switch try core.ask(ThrottleID(slot: UInt32(index), generation: 0)) {
        case .granted:
            begin(task, of: index, throttles)
        case .queued:
            throttles[index].waiting.append(task)
        }
        if core.actions.count > handledActions { try drainActions(throttles, into: &sink) }
    }

    private mutating func complete<Sink: SimulationSink>(
        _ running: RunningTask, _ throttles: Throttles, into sink: inout Sink
    ) throws {
        let index = Int(running.throttle)
        try core.done(ThrottleID(slot: UInt32(index), generation: 0))
        tasksInSystem -= 1
        throttles[index].statistics.taskEnded(arrival: running.arrival, start: running.start, end: now.nanoseconds)
        var task = running.record
        task.end = now
        try sink.taskEnded(task)
        if core.actions.count > handledActions { try drainActions(throttles, into: &sink) }
    }

    /// A granted task starts now and finishes after its service time.
    @inline(__always)
    private mutating func begin(_ task: WaitingTask, of index: Int, _ throttles: Throttles) {
        throttles[index].statistics.taskStarted(arrival: task.arrival, at: now.nanoseconds)
        let running = RunningTask(
            id: task.id, throttle: Int32(index), arrival: task.arrival, start: now.nanoseconds, service: task.service)
        let slot: Int32
        if let free = freeRunningSlots.last {
            // `last` and `removeLast()`: the generic `popLast()` was not inlined.
            freeRunningSlots.removeLast()
            slot = free
            self.running[Int(slot)] = running
        } else {
            slot = Int32(self.running.count)
            self.running.append(running)
        }
        queue.schedule(.completion(slot: slot), at: now + TimeAmount(nanoseconds: task.service))
    }

    /// Carries out the core's decisions: starts granted tasks, schedules profile timers, records.
    private mutating func drainActions<Sink: SimulationSink>(_ throttles: Throttles, into sink: inout Sink) throws {
        let count = core.actions.count
        guard count > handledActions else { return }
        // Handling an action never calls back into the core, so the list can be read in place, by index.
        defer {
            handledActions = count
            if count >= Self.actionsKept {
                core.removeAllActions()
                handledActions = 0
            }
        }
        var position = handledActions
        while position < count {
            switch Self.decision(at: position, of: core.actions) {
            case .grant(let index):
                begin(throttles[index].waiting.removeFirst(), of: index, throttles)
            case .scheduleTimer(let timer, let instant):
                let slot: Int32
                if let free = freeTimerSlots.popLast() {
                    slot = free
                    timers[Int(slot)] = timer
                } else {
                    slot = Int32(timers.count)
                    timers.append(timer)
                }
                queue.schedule(.timer(slot: slot), at: instant)
            case .stateChanged(let change):
                try sink.stateChanged(change, throttle: Int(change.throttle.slot), at: now)
            case .scaled:
                guard case .scaled(let record) = core.actions[position] else { break }
                let index = Int(record.throttle.slot)
                throttles[index].statistics.scaled(record, at: now)
                try sink.scaled(record, throttle: index, at: now)
            case .ignored:
                break  // Nothing is deleted or shut down mid-run, nobody waits for idle, and logs are not kept.
            }
            position += 1
        }
    }

    /// A decision of the core as far as the simulator acts on it: plain values only.
    private enum Decision {
        case grant(throttle: Int)
        case scheduleTimer(ProfileTimer, at: TimePoint)
        case stateChanged(StateChange)
        /// A scaling record; its strings are read from the list only then.
        case scaled
        case ignored
    }

    /// Reads the action at `position` in place. Copying a ``ThrottleAction`` out of the array (to switch
    /// over it) and destroying the copy went through outlined value operations that cost more than handling
    /// the action; the plain payloads are copied here without touching the rest.
    @inline(__always)
    private static func decision(at position: Int, of actions: [ThrottleAction]) -> Decision {
        actions.withUnsafeBufferPointer { actions in
            switch actions[position] {
            case .grant(let waiter): return .grant(throttle: Int(waiter.throttle.slot))
            case .scheduleTimer(let timer, let instant): return .scheduleTimer(timer, at: instant)
            case .stateChanged(let change): return .stateChanged(change)
            case .scaled: return .scaled
            case .fail, .becameIdle, .log: return .ignored
            }
        }
    }

    /// Writes the tasks still running or waiting when a run without drain stops at the horizon (`end`), and
    /// counts the running ones as running until then.
    private mutating func reportUnfinished<Sink: SimulationSink>(until end: TimePoint, into sink: inout Sink) throws {
        var unfinished: [SimulatedTask] = []
        while let (_, event) = queue.popNext() {
            guard case .completion(let slot) = event else { continue }
            let task = running[Int(slot)]
            throttles[Int(task.throttle)].statistics.taskCut(start: TimePoint(nanoseconds: task.start), at: end)
            unfinished.append(task.record)
        }
        for (index, throttle) in throttles.enumerated() {
            unfinished += throttle.waiting.elements.map { $0.record(throttle: index) }
        }
        for task in unfinished.sorted(by: { $0.id < $1.id }) { try sink.taskEnded(task) }
    }

    // MARK: Loads and statistics

    @inline(__always)
    private func load(_ index: Int) -> ThrottleLoad {
        // Every throttle of a run stays registered, so its identifier is always valid.
        (try? core.load(ThrottleID(slot: UInt32(index), generation: 0)))
            ?? ThrottleLoad(ceiling: 0, running: 0, waiting: 0)
    }

    private func summary(of index: Int, end: TimePoint) -> ThrottleSummary {
        let counters =
            (try? core.snapshot(ThrottleID(slot: UInt32(index), generation: 0)).counters) ?? ThrottleCounters()
        return throttles[index].statistics.summary(
            name: scenario.throttles[index].config.name, config: scenario.throttles[index].config, counters: counters,
            horizon: horizon, end: end, redrawnNegatives: throttles[index].redrawnNegatives)
    }
}
