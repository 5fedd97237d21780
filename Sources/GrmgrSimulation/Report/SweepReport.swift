/// The report of a complete sweep: report.md (the ranked table, the best setting per metric, the baseline
/// comparison), report.html (the same with inline SVG charts) and the charts as SVG files.
///
/// Every figure in the tables is a number of sweep.csv shown with three decimals.
public struct SweepReport: Sendable {
    /// The statistics shown.
    public let analysis: SweepAnalysis

    /// Rows of the ranked table at most; a larger sweep's full table is sweep.csv.
    static let maximumRankedRows = 100

    /// The metrics beside the ranking metric in the ranked table.
    static let rankedColumns: [SweepMetric] = [
        .waitP99, .waitMean, .sojournP99, .meanCeiling, .throughput, .utilisation, .changesRefused, .recoveryTime,
    ]

    /// The metrics of the baseline comparison.
    static let comparedMetrics: [SweepMetric] = [.waitP99, .sojournP99, .meanCeiling, .throughput]

    /// Creates the report of `analysis`.
    public init(_ analysis: SweepAnalysis) {
        self.analysis = analysis
    }

    private var result: SweepResult { analysis.result }

    // MARK: Documents

    /// report.md.
    public func markdown() -> String {
        var text = "# \(title)\n\n\(introduction())\n\n"
        text += "## Ranking by \(result.rankBy.title) (\(preferenceText(result.rankBy)))\n\n"
        text += "\(rankingNote())\n\n\(rankingTable().markdown())\n"
        text += "## Best setting per metric\n\n\(bestTable().markdown())\n"
        text += "## Against the baseline\n\n\(comparisonNote())\n\n\(comparisonTable().markdown())\n"
        text += "## Files\n\n" + files().map { "- \($0)\n" }.joined()
        return text
    }

    /// report.html: one self-contained page.
    public func html() -> String {
        var page = HTMLPage(title: title)
        page.heading(title, level: 1)
        page.paragraph(introduction())
        let charts = SweepCharts(analysis: analysis)
        page.heading("Charts")
        page.figure(
            charts.waitAgainstSetting(),
            caption: "Mean p99 wait over replications with its 95% interval, for each setting; "
                + "the hollow diamond is the baseline.")
        page.figure(
            charts.waitAgainstSetting(paired: true),
            caption: "The same cells as differences from the baseline, paired by replication (every cell saw the "
                + "same arrivals and durations in replication k): the intervals are much narrower than those of "
                + "the means, so an interval clear of 0 is an effect of the settings.")
        page.figure(
            charts.dopAgainstWait(),
            caption: "Each cell's mean dop (what the throttle allowed, time-weighted) against its p99 wait. "
                + "Cells on the Pareto front are joined and labelled: no other cell is better on both.")
        page.figure(
            charts.dopTrace(),
            caption: "The ceiling (solid steps) and running tasks (dashed) over time in replication 1 of "
                + "the best cell and the baseline: the same arrivals and durations, different settings.")
        page.heading("Ranking by \(result.rankBy.title) (\(preferenceText(result.rankBy)))")
        page.paragraph(rankingNote())
        page.table(rankingTable())
        page.heading("Best setting per metric")
        page.table(bestTable())
        page.heading("Against the baseline")
        page.paragraph(comparisonNote())
        page.table(comparisonTable())
        page.heading("Files")
        page.list(files())
        return page.render()
    }

    /// The charts as standalone SVG files.
    public func charts() -> [ReportChart] {
        let charts = SweepCharts(analysis: analysis)
        return [
            ("chart-p99-wait-vs-hold.svg", charts.waitAgainstSetting()),
            ("chart-p99-wait-diff-vs-hold.svg", charts.waitAgainstSetting(paired: true)),
            ("chart-dop-vs-p99-wait.svg", charts.dopAgainstWait()),
            ("chart-dop-trace.svg", charts.dopTrace()),
        ].map { ReportChart(fileName: $0.0, title: $0.1.title, svg: $0.1.svg()) }
    }

    // MARK: Text

    private var title: String { "Sweep of \(result.manifest.scenario): \(result.manifest.throttle)" }

    private func introduction() -> String {
        let manifest = result.manifest
        let settings = result.settings.map(\.rawValue).joined(separator: " × ")
        let gridCells = result.cells.filter(\.isInGrid).count
        let extra = result.cells.count > gridCells ? " and the baseline" : ""
        let seeds =
            manifest.replications == 1
            ? "seed \(manifest.seed)"
            : "seeds \(manifest.seed) to \(manifest.seed &+ UInt64(manifest.replications - 1))"
        return "Scenario \(manifest.scenarioFile) (\(manifest.scenario)), throttle \(manifest.throttle), varying "
            + "\(settings.isEmpty ? "nothing" : settings): \(gridCells) cells\(extra), \(manifest.replications) "
            + "replication\(manifest.replications == 1 ? "" : "s") each (\(seeds)). Replication k of every cell "
            + "runs with the same seed (common random numbers), so all cells see the same arrivals and durations "
            + "and differ only by their settings. Intervals are 95% Student-t intervals over replications; "
            + "differences are paired, replication by replication, against the baseline, the scenario's own "
            + "settings (\(label(result.baseline)))."
    }

    private func rankingNote() -> String {
        let shown = Swift.min(result.cells.count, Self.maximumRankedRows)
        let more =
            result.cells.count > shown
            ? " The first \(shown) of \(result.cells.count) cells; all are in sweep.csv." : ""
        return "Ties go to the lower mean dop. Δ is the paired difference from the baseline; "
            + "* marks a difference whose 95% interval excludes 0.\(more)"
    }

    private func comparisonNote() -> String {
        let significant = analysis.summaries.filter { summary in
            !summary.cell.isBaseline && Self.comparedMetrics.contains { summary.difference($0).excludesZero }
        }.count
        return "Each cell minus the baseline, paired by replication, with the 95% interval of the difference. "
            + "\(significant) of \(result.cells.count - 1) other cells differ from the baseline on at least one "
            + "of these metrics (* : the interval excludes 0)."
    }

    private func files() -> [String] {
        [
            "sweep.csv: a row per cell: rank, settings, and per metric the mean, the 95% half-width, the paired "
                + "difference from the baseline and its half-width",
            "replications.csv: every replication's figures; traces.csv: replication 1's dop trace of every cell",
            "sweep.json: the sweep's settings, for grmgr-sim merge",
            "chart-p99-wait-vs-hold.svg, chart-p99-wait-diff-vs-hold.svg, chart-dop-vs-p99-wait.svg, "
                + "chart-dop-trace.svg: the charts of report.html",
        ]
    }

    // MARK: Tables

    private func rankingTable() -> ReportTable {
        let metric = result.rankBy
        let others = Self.rankedColumns.filter { $0 != metric }
        var table = ReportTable(
            [("rank", true)] + result.settings.map { ($0.rawValue, false) } + [("note", false)]
                + [(metric.titleWithUnit, true), ("±95%", true), ("Δ baseline", true), ("±95% Δ", true)]
                + others.map { ($0.titleWithUnit, true) })
        let front = Set(analysis.paretoFront)
        for (position, index) in analysis.ranking.prefix(Self.maximumRankedRows).enumerated() {
            let summary = analysis.summaries[index]
            let cell = summary.cell
            var notes: [String] = []
            if cell.isBaseline { notes.append("baseline") }
            if front.contains(index) { notes.append("Pareto") }
            let difference = summary.difference(metric)
            let row =
                ["\(position + 1)"] + cell.values.map(\.description) + [notes.joined(separator: ", ")]
                + [
                    ReportFormat.figure(summary[metric].mean), ReportFormat.figure(summary[metric].halfWidth),
                    differenceText(difference), ReportFormat.figure(difference.halfWidth),
                ] + others.map { ReportFormat.figure(summary[$0].mean) }
            table.append(row, class: cell.isBaseline ? "baseline" : position == 0 ? "best" : "")
        }
        return table
    }

    private func bestTable() -> ReportTable {
        var table = ReportTable(
            [
                ("metric", false), ("better", false), ("best cell", false), ("mean", true), ("±95%", true),
                ("baseline", true), ("Δ baseline", true), ("±95% Δ", true),
            ])
        for metric in SweepMetric.allCases {
            guard let index = analysis.best(metric) else { continue }
            let summary = analysis.summaries[index]
            let difference = summary.difference(metric)
            table.append([
                metric.titleWithUnit, metric.preference == .lower ? "lower" : "higher", label(summary.cell),
                ReportFormat.figure(summary[metric].mean), ReportFormat.figure(summary[metric].halfWidth),
                ReportFormat.figure(analysis.baseline[metric].mean), differenceText(difference),
                ReportFormat.figure(difference.halfWidth),
            ])
        }
        return table
    }

    private func comparisonTable() -> ReportTable {
        var columns: [(String, Bool)] = result.settings.map { ($0.rawValue, false) }
        for metric in Self.comparedMetrics {
            columns += [("Δ \(metric.titleWithUnit)", true), ("±95%", true)]
        }
        var table = ReportTable(columns)
        for index in analysis.ranking.prefix(Self.maximumRankedRows) {
            let summary = analysis.summaries[index]
            var row = summary.cell.values.map(\.description)
            for metric in Self.comparedMetrics {
                row += [
                    differenceText(summary.difference(metric)),
                    ReportFormat.figure(summary.difference(metric).halfWidth),
                ]
            }
            table.append(row, class: summary.cell.isBaseline ? "baseline" : "")
        }
        return table
    }

    private func differenceText(_ estimate: SweepEstimate) -> String {
        guard let mean = estimate.mean else { return "–" }
        return ReportFormat.signed(mean, 3) + (estimate.excludesZero ? " *" : "")
    }

    private func label(_ cell: SweepCell) -> String {
        result.settings.isEmpty ? "baseline" : cell.label(result.settings)
    }

    private func preferenceText(_ metric: SweepMetric) -> String {
        switch metric.preference {
        case .lower: return "lower is better"
        case .higher: return "higher is better"
        case .neither: return "ascending"
        }
    }
}
