/// One replication of one cell: the target throttle's figures, one per ``SweepMetric`` in declaration order.
public struct SweepObservation: Hashable, Sendable {
    /// The cell's index.
    public var cell: Int
    /// The replication, from 1.
    public var replication: Int
    /// The seed it ran with.
    public var seed: UInt64
    /// One value per ``SweepMetric/allCases``; `nil` where the run had none.
    public var values: [Double?]

    /// Creates an observation.
    public init(cell: Int, replication: Int, seed: UInt64, values: [Double?]) {
        precondition(values.count == SweepMetric.allCases.count, "one value per metric")
        self.cell = cell
        self.replication = replication
        self.seed = seed
        self.values = values
    }

    /// The value of one metric.
    public subscript(metric: SweepMetric) -> Double? {
        values[SweepMetric.allCases.firstIndex(of: metric)!]
    }
}

/// One point of a cell's dop trace: the throttle's state on the sampling grid, or a ceiling change at the
/// exact instant it happened (then without running and waiting).
public struct SweepTracePoint: Hashable, Sendable {
    /// Nanoseconds from the start of the run.
    public var time: Int64
    /// The ceiling (dop).
    public var ceiling: Int
    /// Tasks running, on the sampling grid.
    public var running: Int?
    /// Tasks waiting, on the sampling grid.
    public var waiting: Int?

    /// Creates a point.
    public init(time: Int64, ceiling: Int, running: Int?, waiting: Int?) {
        self.time = time
        self.ceiling = ceiling
        self.running = running
        self.waiting = waiting
    }
}

/// The dop trace of replication 1 of one cell, for the report's chart.
public struct SweepTrace: Hashable, Sendable {
    /// The cell's index.
    public var cell: Int
    /// The points, in the order the run produced them (time order).
    public var points: [SweepTracePoint]

    /// Creates a trace.
    public init(cell: Int, points: [SweepTracePoint]) {
        self.cell = cell
        self.points = points
    }
}

/// What a sweep, or one shard of it, measured: observations ordered by cell then replication, traces by cell.
public struct SweepRecords: Hashable, Sendable {
    /// Every replication of every cell run.
    public var observations: [SweepObservation]
    /// Replication 1's trace of every cell run.
    public var traces: [SweepTrace]

    /// Creates records.
    public init(observations: [SweepObservation], traces: [SweepTrace]) {
        self.observations = observations
        self.traces = traces
    }
}
