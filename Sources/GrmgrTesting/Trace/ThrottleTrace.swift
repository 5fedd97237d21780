public import Grmgr

/// What a throttle core decided, command by command, with the instant of each command: the evidence
/// that ``InvariantChecker`` and the expectations examine.
///
/// A trace comes from three places, all in the same form:
/// - a real `ThrottleService` under test, through a ``TraceRecorder`` attached as its observer
///   (``VirtualTimeHarness`` does this for you);
/// - a simulated run in memory: the simulator appends one ``Entry`` per core command (or hands over
///   its rows to ``init(registrations:timedActions:tasks:recordsWaiterDecisions:)``), and the task records it kept;
/// - a simulated run on disk: ``init(contentsOfRunAt:configs:)`` loads dop.csv, events.csv and tasks.csv.
///
/// Two traces of the same deterministic run compare equal, which is how a test proves it is reproducible.
public struct ThrottleTrace: Hashable, Sendable {
    /// A throttle that was registered, with its settings when they are known.
    public struct Registration: Hashable, Sendable {
        /// The identifier the core gave it; identifiers are never reused within one core.
        public var id: ThrottleID
        /// The throttle's name; names may be reused after a delete, by a new identifier.
        public var name: String
        /// The settings, or `nil` when the trace does not know them (a CSV run loaded without them):
        /// checks that need `min` or the hold are skipped then, and `max` is taken from the first ceiling.
        public var config: ThrottleConfig?
        /// When it was registered.
        public var instant: TimePoint

        /// Creates a registration with known settings.
        public init(id: ThrottleID, config: ThrottleConfig, instant: TimePoint) {
            self.id = id
            self.name = config.name
            self.config = config
            self.instant = instant
        }

        /// Creates a registration whose settings are not known.
        public init(id: ThrottleID, name: String, instant: TimePoint) {
            self.id = id
            self.name = name
            self.config = nil
            self.instant = instant
        }
    }

    /// The decisions of one core command (or, for traces built from rows, of one instant).
    public struct Entry: Hashable, Sendable {
        /// When the command ran, since the epoch of the driver's clock.
        public var instant: TimePoint
        /// What the core decided, in order, as it appended them to `ThrottleCore/actions`.
        public var actions: [ThrottleAction]

        /// Creates an entry.
        public init(instant: TimePoint, actions: [ThrottleAction]) {
            self.instant = instant
            self.actions = actions
        }
    }

    /// Every registration, in the order the throttles were registered.
    public var registrations: [Registration]
    /// Every command that decided something, in the order the core ran them.
    public var entries: [Entry]
    /// Per-task records (tasks.csv, or a simulator's own), when the source kept them; the expectations
    /// about waits and lost tasks use them, and otherwise derive what they need from the entries.
    public var tasks: [TraceTask]?
    /// Whether the entries carry the core's waiter decisions, `ThrottleAction/grant(_:)` and
    /// `ThrottleAction/fail(_:_:)`, beside the state changes (a recorder's or a core driver's trace);
    /// `false` for a trace rebuilt from state-change rows, such as dop.csv. With them, grant order is
    /// checked ticket by ticket, and every grant-waiter and fail state change must pair with a decision.
    public var recordsWaiterDecisions: Bool

    /// Creates a trace from its parts; an empty trace by default.
    public init(
        registrations: [Registration] = [], entries: [Entry] = [], tasks: [TraceTask]? = nil,
        recordsWaiterDecisions: Bool = true
    ) {
        self.registrations = registrations
        self.entries = entries
        self.tasks = tasks
        self.recordsWaiterDecisions = recordsWaiterDecisions
    }

    /// Creates a trace from individual timed actions, such as the rows a simulator's sink receives,
    /// grouping consecutive actions of the same instant into one entry. Pass `recordsWaiterDecisions`
    /// when the actions include the core's grant and fail decisions.
    ///
    /// Grouping matters for the work-conservation check, which looks at the state at the end of each
    /// entry: within one command a `done` row comes before the `grant-waiter` row it causes.
    ///
    /// - Complexity: O(*n*) in the number of actions.
    public init(
        registrations: [Registration], timedActions: [(instant: TimePoint, action: ThrottleAction)],
        tasks: [TraceTask]? = nil, recordsWaiterDecisions: Bool = false
    ) {
        self.init(registrations: registrations, tasks: tasks, recordsWaiterDecisions: recordsWaiterDecisions)
        for (instant, action) in timedActions {
            if let last = entries.indices.last, entries[last].instant == instant {
                entries[last].actions.append(action)
            } else {
                entries.append(Entry(instant: instant, actions: [action]))
            }
        }
    }

    /// Appends the decisions of one command; an empty list is not recorded.
    ///
    /// - Complexity: O(1) amortised.
    public mutating func append(_ actions: [ThrottleAction], at instant: TimePoint) {
        guard !actions.isEmpty else { return }
        entries.append(Entry(instant: instant, actions: actions))
    }

    /// Records a registration; call it before appending the registration's actions.
    public mutating func register(_ config: ThrottleConfig, as id: ThrottleID, at instant: TimePoint) {
        registrations.append(Registration(id: id, config: config, instant: instant))
    }

    /// The instant of the last entry, or of the last registration when there are no entries.
    public var endInstant: TimePoint? {
        entries.last?.instant ?? registrations.last?.instant
    }

    /// The registration of a throttle, if the trace has it.
    ///
    /// - Complexity: O(*n*) in the number of registrations.
    public func registration(of id: ThrottleID) -> Registration? {
        registrations.first { $0.id == id }
    }

    /// The identifiers that carried this name, in order of registration (more than one when the name
    /// was reused after a delete).
    public func ids(named name: String) -> [ThrottleID] {
        registrations.filter { $0.name == name }.map(\.id)
    }

    /// The names of the registered throttles, each once, in order of first registration.
    public var throttleNames: [String] {
        var seen: Set<String> = []
        return registrations.compactMap { seen.insert($0.name).inserted ? $0.name : nil }
    }
}

/// One task of a run: when it arrived, started and ended; a row of tasks.csv.
public struct TraceTask: Hashable, Sendable {
    /// The task's number, unique within the run, in order of arrival.
    public var id: Int
    /// The name of its throttle.
    public var throttle: String
    /// When it asked for a slot.
    public var arrival: TimePoint
    /// When it was granted, if it was.
    public var start: TimePoint?
    /// When it finished, if it did.
    public var end: TimePoint?

    /// Creates a task record.
    public init(id: Int, throttle: String, arrival: TimePoint, start: TimePoint? = nil, end: TimePoint? = nil) {
        self.id = id
        self.throttle = throttle
        self.arrival = arrival
        self.start = start
        self.end = end
    }

    /// Time spent waiting for a slot, once granted.
    public var wait: TimeAmount? { start.map { $0 - arrival } }
}
