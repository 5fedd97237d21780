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
    private var throttles: [SimulatedThrottle] = []
    private var now = TimePoint.zero
    /// The instant of the last event that was not a sample: the end of a drained run, whether or not the
    /// sink samples (a trailing sample must not stretch the window of the time-weighted figures).
    private var lastActivity = TimePoint.zero
    private var nextTaskID = 0
    private var tasksInSystem = 0
    private let horizon: TimePoint
    private var eventsProcessed = 0

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
        start(sink: &sink)
        try drainActions(into: &sink)
        while let (instant, event) = queue.popNext() {
            if !scenario.drain, instant > horizon {
                queue.schedule(event, at: instant)  // Left for the unfinished-task report below.
                break
            }
            now = instant
            if case .sample = event {} else { lastActivity = instant }
            eventsProcessed += 1
            try handle(event, into: &sink)
            if let progress, eventsProcessed % 1_000_000 == 0 {
                progress(Swift.min(1, now.seconds / Swift.max(horizon.seconds, 1e-9)))
            }
        }
        let end = scenario.drain ? Swift.max(lastActivity, horizon) : horizon
        try reportUnfinished(into: &sink)
        return SimulationResult(
            scenario: scenario.name, seed: scenario.seed, end: end, eventsProcessed: eventsProcessed,
            throttles: throttles.indices.map { summary(of: $0, end: end) })
    }

    /// Runs the scenario keeping nothing but the summary.
    public mutating func run() throws -> SimulationResult {
        var sink = DiscardingSink()
        return try run(into: &sink)
    }

    // MARK: Event handling

    private mutating func start<Sink: SimulationSink>(sink: inout Sink) {
        for index in throttles.indices {
            throttles[index].statistics.begin(load: load(index), at: .zero, warmup: .zero + scenario.warmup)
            scheduleNextArrival(of: index)
        }
        for (index, timed) in scenario.events.enumerated() {
            queue.schedule(.scaling(index: Int32(index)), at: .zero + timed.at)
        }
        if sink.wantsSamples { queue.schedule(.sample, at: .zero) }
    }

    private mutating func handle<Sink: SimulationSink>(_ event: SimulationEvent, into sink: inout Sink) throws {
        switch event {
        case .arrival(let throttle):
            try arrive(at: Int(throttle), into: &sink)
        case .completion(let slot):
            freeRunningSlots.append(slot)
            try complete(running[Int(slot)], into: &sink)
        case .scaling(let index):
            try core.apply(scenario.events[Int(index)].event, at: now)
            try drainActions(into: &sink)
            observeAllLoads()
        case .timer(let timer):
            core.timerFired(timer, at: now)
            try drainActions(into: &sink)
            observe(Int(timer.throttle.slot))
        case .sample:
            try sink.sampled(throttles.indices.map(load), at: now)
            let next = now + scenario.sample
            if next <= horizon || tasksInSystem > 0 { queue.schedule(.sample, at: next) }
        }
    }

    private mutating func arrive<Sink: SimulationSink>(at index: Int, into sink: inout Sink) throws {
        guard let arrival = throttles[index].pendingArrival else { return }
        let service = arrival.duration ?? throttles[index].drawDuration()
        let task = SimulatedTask(id: nextTaskID, throttle: index, arrival: now, service: service)
        nextTaskID += 1
        tasksInSystem += 1
        scheduleNextArrival(of: index)
        let id = ThrottleID(slot: UInt32(index), generation: 0)
        switch try core.ask(id) {
        case .granted:
            begin(task)
        case .queued:
            throttles[index].waiting.append(task)
        }
        if !core.actions.isEmpty { try drainActions(into: &sink) }
        observe(index)
    }

    private mutating func complete<Sink: SimulationSink>(_ running: RunningTask, into sink: inout Sink) throws {
        let index = Int(running.throttle)
        try core.done(ThrottleID(slot: UInt32(index), generation: 0))
        tasksInSystem -= 1
        var task = running.record
        task.end = now
        throttles[index].statistics.taskEnded(task)
        try sink.taskEnded(task)
        if !core.actions.isEmpty { try drainActions(into: &sink) }
        observe(index)
    }

    /// A granted task starts now and finishes after its service time.
    private mutating func begin(_ task: SimulatedTask) {
        throttles[task.throttle].statistics.taskStarted(task, at: now)
        let running = RunningTask(
            id: task.id, throttle: Int32(task.throttle), arrival: task.arrival.nanoseconds, start: now.nanoseconds,
            service: task.service.nanoseconds)
        let slot: Int32
        if let free = freeRunningSlots.popLast() {
            slot = free
            self.running[Int(slot)] = running
        } else {
            slot = Int32(self.running.count)
            self.running.append(running)
        }
        queue.schedule(.completion(slot: slot), at: now + task.service)
    }

    /// Carries out the core's decisions: starts granted tasks, schedules profile timers, records.
    private mutating func drainActions<Sink: SimulationSink>(into sink: inout Sink) throws {
        guard !core.actions.isEmpty else { return }
        // Handling an action never calls back into the core, so the list can be read in place and then
        // cleared; copying it out first would make the clear reallocate its storage every time.
        defer { core.removeAllActions() }
        for action in core.actions {
            switch action {
            case .grant(let waiter):
                begin(throttles[Int(waiter.throttle.slot)].waiting.removeFirst())
            case .scheduleTimer(let timer, let instant):
                queue.schedule(.timer(timer), at: instant)
            case .stateChanged(let change):
                try sink.stateChanged(change, throttle: Int(change.throttle.slot), at: now)
            case .scaled(let record):
                let index = Int(record.throttle.slot)
                throttles[index].statistics.scaled(record, at: now)
                try sink.scaled(record, throttle: index, at: now)
            case .fail, .becameIdle, .log:
                break  // Nothing is deleted or shut down mid-run, nobody waits for idle, and logs are not kept.
            }
        }
    }

    private mutating func scheduleNextArrival(of index: Int) {
        if let arrival = throttles[index].nextArrival() {
            queue.schedule(.arrival(throttle: Int32(index)), at: arrival.at)
        }
    }

    /// Writes the tasks still running or waiting when a run without drain stops at the horizon.
    private mutating func reportUnfinished<Sink: SimulationSink>(into sink: inout Sink) throws {
        var unfinished: [SimulatedTask] = []
        while let (_, event) = queue.popNext() {
            if case .completion(let slot) = event { unfinished.append(running[Int(slot)].record) }
        }
        for throttle in throttles { unfinished += throttle.waiting.elements }
        for task in unfinished.sorted(by: { $0.id < $1.id }) { try sink.taskEnded(task) }
    }

    // MARK: Loads and statistics

    private func load(_ index: Int) -> ThrottleLoad {
        // Every throttle of a run stays registered, so its identifier is always valid.
        (try? core.load(ThrottleID(slot: UInt32(index), generation: 0)))
            ?? ThrottleLoad(ceiling: 0, running: 0, waiting: 0)
    }

    private mutating func observe(_ index: Int) {
        throttles[index].statistics.observe(load(index), at: now)
    }

    private mutating func observeAllLoads() {
        for index in throttles.indices { observe(index) }
    }

    private func summary(of index: Int, end: TimePoint) -> ThrottleSummary {
        let counters =
            (try? core.snapshot(ThrottleID(slot: UInt32(index), generation: 0)).counters) ?? ThrottleCounters()
        return throttles[index].statistics.summary(
            name: scenario.throttles[index].config.name, config: scenario.throttles[index].config, counters: counters,
            horizon: horizon, end: end, redrawnNegatives: throttles[index].redrawnNegatives)
    }
}
