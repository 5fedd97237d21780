/// sweep.json: what a sweep's output directory holds, enough to check that shards belong together and to
/// rebuild the cells without the scenario file.
///
/// Written with sorted keys, and with nothing that depends on the machine, the time or `--jobs`, so that a
/// merged sweep's manifest is byte-identical to a single run's.
public struct SweepManifest: Hashable, Sendable, Codable {
    /// One cell: its values as text, in ``settings`` order.
    public struct Cell: Hashable, Sendable, Codable {
        /// The values, as `--vary` writes them.
        public var values: [String]
        /// Whether the cell has the scenario's own settings.
        public var baseline: Bool
        /// Whether the cell is part of the grid (the baseline may be added after it).
        public var inGrid: Bool

        /// Creates a cell.
        public init(values: [String], baseline: Bool, inGrid: Bool) {
            self.values = values
            self.baseline = baseline
            self.inGrid = inGrid
        }
    }

    /// The file's format version.
    public var format: Int
    /// The scenario's name.
    public var scenario: String
    /// The scenario file as given on the command line (for people; shards are matched by ``fingerprint``).
    public var scenarioFile: String
    /// A hash of the loaded scenario (FNV-1a, 64 bits): shards of different scenarios do not merge.
    public var fingerprint: String
    /// The scenario's seed: replication *k* runs with `seed + k - 1`.
    public var seed: UInt64
    /// The varied throttle.
    public var throttle: String
    /// Replications per cell.
    public var replications: Int
    /// The varied settings, in `--vary` order.
    public var settings: [String]
    /// Every cell of the sweep, in order.
    public var cells: [Cell]
    /// The metric the report ranks cells by.
    public var rankBy: String
    /// `I/N` for a shard's output; absent for a complete sweep.
    public var shard: String?

    /// The version this build writes and reads.
    public static let currentFormat = 1

    /// The manifest of `plan`, for its shard `shard` (`nil` for a complete sweep).
    public init(plan: SweepPlan, scenarioFile: String, rankBy: SweepMetric, shard: SweepShard?) {
        format = Self.currentFormat
        scenario = plan.scenario.name
        self.scenarioFile = scenarioFile
        fingerprint = Self.fingerprint(of: plan.scenario)
        seed = plan.scenario.seed
        throttle = plan.throttle
        replications = plan.replications
        settings = plan.settings.map(\.rawValue)
        cells = plan.cells.map {
            Cell(values: $0.values.map(\.description), baseline: $0.isBaseline, inGrid: $0.isInGrid)
        }
        self.rankBy = rankBy.rawValue
        self.shard = shard.map(\.description)
    }

    /// The varied settings.
    ///
    /// - Throws: ``SweepError`` for a setting this build does not know.
    public func sweepSettings() throws(SweepError) -> [SweepSetting] {
        try settings.map { name throws(SweepError) in
            guard let setting = SweepSetting(rawValue: name) else {
                throw SweepError("sweep.json: unknown setting \"\(name)\"")
            }
            return setting
        }
    }

    /// The cells, with their values parsed back.
    ///
    /// - Throws: ``SweepError`` for a value that does not parse or a cell with the wrong number of values.
    public func sweepCells() throws(SweepError) -> [SweepCell] {
        let settings = try sweepSettings()
        return try cells.enumerated().map { index, cell throws(SweepError) in
            guard cell.values.count == settings.count else {
                throw SweepError(
                    "sweep.json: cell \(index) has \(cell.values.count) values for \(settings.count) settings")
            }
            let values = try zip(settings, cell.values).map { setting, text throws(SweepError) in
                try setting.value(parsing: text)
            }
            return SweepCell(index: index, values: values, isBaseline: cell.baseline, isInGrid: cell.inGrid)
        }
    }

    /// The ranking metric.
    ///
    /// - Throws: ``SweepError`` for a metric this build does not know.
    public func rankingMetric() throws(SweepError) -> SweepMetric {
        guard let metric = SweepMetric(rawValue: rankBy) else {
            throw SweepError("sweep.json: unknown metric \"\(rankBy)\"")
        }
        return metric
    }

    /// FNV-1a (64 bits) of the scenario's full reflection: every setting, distribution and event. Swift's
    /// `Hasher` is seeded per process, so it cannot say whether two machines ran the same scenario.
    public static func fingerprint(of scenario: Scenario) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in String(reflecting: scenario).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
