public import Grmgr
public import GrmgrSimulation

/// A simulator sink that keeps the run in memory as a ``ThrottleTrace``: every state change, every
/// scaling decision and every task, ready for ``InvariantChecker`` and the expectations.
///
/// ```swift
/// var recorder = SimulationTraceRecorder(scenario: scenario)
/// var simulator = try Simulator(scenario: scenario)
/// _ = try simulator.run(into: &recorder)
/// try recorder.trace.expectInvariants()
/// ```
public struct SimulationTraceRecorder: SimulationSink {
    private let registrations: [ThrottleTrace.Registration]
    private let names: [String]
    private var timedActions: [(instant: TimePoint, action: ThrottleAction)] = []
    private var tasks: [TraceTask] = []

    /// Prepares a recorder for a run of `scenario`; its throttles are registered at the start, in order.
    public init(scenario: Scenario) {
        names = scenario.throttles.map(\.config.name)
        registrations = scenario.throttles.enumerated().map { index, spec in
            // The simulator registers its throttles first, in scenario order, in a fresh core.
            ThrottleTrace.Registration(
                id: ThrottleID(slot: UInt32(index), generation: 0), config: spec.config, instant: .zero)
        }
    }

    /// `true`: the trace needs every state change.
    public var wantsStateChanges: Bool { true }
    /// `false`: the sampled grid adds nothing the state changes do not say.
    public var wantsSamples: Bool { false }

    /// Keeps the change.
    public mutating func stateChanged(_ change: StateChange, throttle: Int, at instant: TimePoint) {
        timedActions.append((instant, .stateChanged(change)))
    }

    /// Not kept (see ``wantsSamples``).
    public func sampled(_ loads: [ThrottleLoad], at instant: TimePoint) {}

    /// Keeps the scaling decision.
    public mutating func scaled(_ record: ScalingRecord, throttle: Int, at instant: TimePoint) {
        timedActions.append((instant, .scaled(record)))
    }

    /// Keeps the task.
    public mutating func taskEnded(_ task: SimulatedTask) {
        tasks.append(
            TraceTask(
                id: task.id, throttle: names[task.throttle], arrival: task.arrival, start: task.start, end: task.end))
    }

    /// The run so far as a trace (state-change rows, so grant order is checked from the tasks' records).
    public var trace: ThrottleTrace {
        ThrottleTrace(
            registrations: registrations, timedActions: timedActions, tasks: tasks.sorted { $0.id < $1.id },
            recordsWaiterDecisions: false)
    }
}

extension ThrottleTrace {
    /// Runs `scenario` in virtual time and returns its trace.
    ///
    /// - Parameter seed: Replaces the scenario's seed.
    /// - Throws: What ``Simulator`` throws for a workload or configuration that cannot run.
    public init(simulating scenario: Scenario, seed: UInt64? = nil) throws {
        var recorder = SimulationTraceRecorder(scenario: scenario)
        var simulator = try Simulator(scenario: scenario, seed: seed)
        _ = try simulator.run(into: &recorder)
        self = recorder.trace
    }
}
