/// A complete sweep: its manifest and every replication of every cell, checked for completeness. What
/// ``SweepAnalysis`` and the reports are built from, whether it came from one run or from merged shards.
public struct SweepResult: Hashable, Sendable {
    /// The manifest, without a shard.
    public let manifest: SweepManifest
    /// The varied settings.
    public let settings: [SweepSetting]
    /// The cells.
    public let cells: [SweepCell]
    /// The metric the report ranks by.
    public let rankBy: SweepMetric
    /// The observations by cell then replication, and one trace per cell.
    public let records: SweepRecords

    /// Puts a sweep together from its manifest and records, in any order.
    ///
    /// - Throws: ``SweepError`` when a cell's replication is missing or present twice, or a trace is missing.
    public init(manifest: SweepManifest, records: SweepRecords) throws(SweepError) {
        var manifest = manifest
        manifest.shard = nil
        self.manifest = manifest
        settings = try manifest.sweepSettings()
        cells = try manifest.sweepCells()
        rankBy = try manifest.rankingMetric()
        let observations = records.observations.sorted { ($0.cell, $0.replication) < ($1.cell, $1.replication) }
        let traces = records.traces.sorted { $0.cell < $1.cell }
        var expected: [(cell: Int, replication: Int)] = []
        for cell in cells.indices {
            for replication in 1...Swift.max(manifest.replications, 1) { expected.append((cell, replication)) }
        }
        for (index, slot) in expected.enumerated() {
            guard index < observations.count,
                observations[index].cell == slot.cell, observations[index].replication == slot.replication
            else {
                let label = cells[slot.cell].label(settings)
                let found =
                    index < observations.count
                    ? "cell \(observations[index].cell) replication \(observations[index].replication)" : "nothing"
                throw SweepError(
                    "incomplete sweep: expected cell \(slot.cell) (\(label)) replication \(slot.replication), "
                        + "got \(found); are all shards given, each once?")
            }
        }
        guard observations.count == expected.count else {
            throw SweepError("incomplete sweep: expected \(expected.count) replications, got \(observations.count)")
        }
        guard traces.map(\.cell) == Array(cells.indices) else {
            throw SweepError(
                "incomplete sweep: expected a trace for each of the \(cells.count) cells, got \(traces.count)")
        }
        self.records = SweepRecords(observations: observations, traces: traces)
    }

    /// The observations of one cell, in replication order.
    public func observations(of cell: Int) -> ArraySlice<SweepObservation> {
        let count = manifest.replications
        return records.observations[cell * count..<(cell + 1) * count]
    }

    /// The baseline cell.
    public var baseline: SweepCell { cells.first(where: \.isBaseline) ?? cells[0] }
}
