/// sweep.csv: a row per cell, in cell order, with its rank, its settings, and for every metric the mean over
/// replications, the 95% half-width, the paired difference from the baseline and that difference's half-width.
///
/// Figures have six decimals; a missing figure (one replication, so no interval) is an empty field.
public enum SweepSummaryCSV {
    /// The suffixes of each metric's four columns: `wait_p99_mean`, `wait_p99_ci95`, …
    public static let statisticSuffixes = ["mean", "ci95", "diff", "diff_ci95"]

    /// The header for a sweep over `settings`.
    public static func columns(settings: [String]) -> [String] {
        ["rank", "cell", "baseline", "pareto"] + settings + ["replications", "recovered"]
            + SweepMetric.allCases.flatMap { metric in statisticSuffixes.map { "\(metric.rawValue)_\($0)" } }
    }

    /// Writes the header and a row per cell.
    public static func write(_ analysis: SweepAnalysis, to writer: CSVWriter) {
        let result = analysis.result
        writer.writeHeader(columns(settings: result.manifest.settings))
        var ranks = Array(repeating: 0, count: result.cells.count)
        for (position, cell) in analysis.ranking.enumerated() { ranks[cell] = position + 1 }
        let front = Set(analysis.paretoFront)
        for summary in analysis.summaries {
            let cell = summary.cell
            writer.write(integer: ranks[cell.index])
            writer.write(integer: cell.index)
            writer.write(field: cell.isBaseline ? "true" : "false")
            writer.write(field: front.contains(cell.index) ? "true" : "false")
            for value in cell.values { writer.write(field: value.description) }
            writer.write(integer: result.manifest.replications)
            writer.write(integer: summary.recovered)
            for metric in SweepMetric.allCases {
                for estimate in [summary[metric], summary.difference(metric)] {
                    write(estimate.mean, to: writer)
                    write(estimate.halfWidth, to: writer)
                }
            }
            writer.endRow()
        }
    }

    private static func write(_ value: Double?, to writer: CSVWriter) {
        if let value { writer.write(decimal: value) } else { writer.writeEmpty() }
    }
}
