import Grmgr

/// A sweep ready to run: its cells (every combination of the varied settings, and the baseline), the
/// scenario each cell runs, and the seed of each replication.
///
/// Common random numbers: replication *k* of every cell runs with the same seed, `scenario.seed + k - 1`,
/// and the simulator derives each throttle's streams from the seed and the throttle's name, so every cell
/// sees the same arrivals and durations in replication *k*; cells differ only by their settings. (So
/// replication 1 of the baseline is exactly what `grmgr-sim run` gives.)
///
/// ```swift
/// let plan = try SweepPlan(
///     scenario: scenario,
///     dimensions: [try SweepDimension(parsing: "hold=0s,10s,30s"), try SweepDimension(parsing: "up=1,2")],
///     replications: 10)
/// let records = try SweepRunner.run(plan, jobs: 2)
/// ```
public struct SweepPlan: Sendable {
    /// The scenario as loaded: the baseline's settings.
    public let scenario: Scenario
    /// The position of the varied throttle in the scenario.
    public let throttleIndex: Int
    /// The varied settings, in `--vary` order.
    public let dimensions: [SweepDimension]
    /// Replications per cell.
    public let replications: Int
    /// The cells: the grid (the last dimension changing fastest), then the baseline if no grid cell matches it.
    public let cells: [SweepCell]

    private let cellScenarios: [Scenario]

    /// Builds the cells of a sweep and checks that each one is a valid configuration.
    ///
    /// - Parameters:
    ///   - dimensions: The varied settings, each at most once; none gives a single cell, the baseline.
    ///   - throttle: The throttle whose settings vary and whose figures are compared; may be left out when
    ///     the scenario has one throttle.
    ///   - replications: Runs per cell, at least 1 (at least 2 for confidence intervals).
    /// - Throws: ``SweepError`` for a repeated setting, an unknown throttle or profile, a profile sweep over
    ///   a scenario that starts no profile, or a cell whose settings are invalid (say `min` above `dop`).
    public init(
        scenario: Scenario, dimensions: [SweepDimension], throttle: String? = nil, replications: Int
    ) throws(SweepError) {
        guard replications >= 1 else {
            throw SweepError(
                "--replications: expected a whole number of at least 1, got \(replications)",
                isCommandLineMistake: true)
        }
        var seen: Set<SweepSetting> = []
        for dimension in dimensions where !seen.insert(dimension.setting).inserted {
            throw SweepError(
                "--vary \(dimension.setting.rawValue): expected each setting once, got it twice",
                isCommandLineMistake: true)
        }
        let names = scenario.throttles.map(\.config.name)
        let index: Int
        if let throttle {
            guard let found = names.firstIndex(of: throttle) else {
                throw SweepError(
                    "--throttle: expected one of the scenario's throttles (\(names.joined(separator: ", "))), "
                        + "got \"\(throttle)\"")
            }
            index = found
        } else {
            guard names.count == 1 else {
                throw SweepError(
                    "the scenario has \(names.count) throttles (\(names.joined(separator: ", "))); "
                        + "name the one to vary with --throttle")
            }
            index = 0
        }
        self.scenario = scenario
        self.throttleIndex = index
        self.dimensions = dimensions
        self.replications = replications

        let baselineValues = try dimensions.map { dimension throws(SweepError) in
            try Self.baselineValue(of: dimension, in: scenario, throttle: index)
        }
        var cells: [SweepCell] = []
        var scenarios: [Scenario] = []
        for values in Self.grid(dimensions) {
            let cellScenario = try Self.apply(values, of: dimensions, to: scenario, throttle: index)
            cells.append(
                SweepCell(index: cells.count, values: values, isBaseline: values == baselineValues, isInGrid: true))
            scenarios.append(cellScenario)
        }
        if !cells.contains(where: \.isBaseline) {
            cells.append(SweepCell(index: cells.count, values: baselineValues, isBaseline: true, isInGrid: false))
            scenarios.append(scenario)
        }
        self.cells = cells
        self.cellScenarios = scenarios
    }

    /// The name of the varied throttle.
    public var throttle: String { scenario.throttles[throttleIndex].config.name }

    /// The varied settings, in `--vary` order.
    public var settings: [SweepSetting] { dimensions.map(\.setting) }

    /// The cell with the scenario's own settings.
    public var baseline: SweepCell { cells.first(where: \.isBaseline)! }

    /// The scenario that `cell` runs.
    public func scenario(for cell: SweepCell) -> Scenario {
        cellScenarios[cell.index]
    }

    /// The seed of replication `replication` (from 1) of every cell.
    public func seed(replication: Int) -> UInt64 {
        scenario.seed &+ UInt64(replication - 1)
    }

    // MARK: Building cells

    /// Every combination of the dimensions' values, the last dimension changing fastest.
    private static func grid(_ dimensions: [SweepDimension]) -> [[SweepValue]] {
        dimensions.reduce([[]]) { combinations, dimension in
            combinations.flatMap { prefix in dimension.values.map { prefix + [$0] } }
        }
    }

    /// The scenario's own value of a varied setting.
    private static func baselineValue(
        of dimension: SweepDimension, in scenario: Scenario, throttle: Int
    ) throws(SweepError) -> SweepValue {
        let config = scenario.throttles[throttle].config
        if let value = dimension.setting.value(in: config) { return value }
        let known = Set(scenario.profiles.map(\.name))
        for value in dimension.values {
            guard case .name(let name) = value, known.contains(name) else {
                let names = scenario.profiles.map(\.name).joined(separator: ", ")
                throw SweepError(
                    "--vary profile: expected profiles of the scenario (\(names.isEmpty ? "it has none" : names)), "
                        + "got \"\(value)\"")
            }
        }
        var started: [String] = []
        for timed in scenario.events where affects(timed.event, config.name) {
            if case .profile(let name) = timed.event.action, !started.contains(name) { started.append(name) }
        }
        guard started.count == 1 else {
            throw SweepError(
                "--vary profile: expected the scenario's events to start one profile on \"\(config.name)\", "
                    + (started.isEmpty ? "got none" : "got \(started.joined(separator: ", "))"))
        }
        return .name(started[0])
    }

    /// The scenario with one cell's settings applied to the varied throttle (and to its profile events).
    private static func apply(
        _ values: [SweepValue], of dimensions: [SweepDimension], to scenario: Scenario, throttle: Int
    ) throws(SweepError) -> Scenario {
        var result = scenario
        let name = scenario.throttles[throttle].config.name
        for (dimension, value) in zip(dimensions, values) {
            switch (dimension.setting, value) {
            case (.hold, .duration(let amount)): result.throttles[throttle].config.hold = amount
            case (.up, .integer(let step)): result.throttles[throttle].config.up = step
            case (.down, .integer(let step)): result.throttles[throttle].config.down = step
            case (.min, .integer(let floor)): result.throttles[throttle].config.min = floor
            case (.dop, .integer(let ceiling)): result.throttles[throttle].config.dop = ceiling
            case (.profile, .name(let profile)):
                for index in result.events.indices where affects(result.events[index].event, name) {
                    if case .profile = result.events[index].event.action {
                        result.events[index].event.action = .profile(profile)
                    }
                }
            default:
                preconditionFailure("a \(dimension.setting) value parsed as \(value)")
            }
        }
        do {
            try result.throttles[throttle].config.validate()
        } catch {
            let label = zip(dimensions, values).map { "\($0.setting.rawValue)=\($1)" }.joined(separator: " ")
            throw SweepError("cell \(label): \(error)")
        }
        return result
    }

    /// Whether an event reaches the named throttle: it names it, or names none (every throttle).
    private static func affects(_ event: ScalingEvent, _ throttle: String) -> Bool {
        event.throttle == nil || event.throttle == throttle
    }
}
