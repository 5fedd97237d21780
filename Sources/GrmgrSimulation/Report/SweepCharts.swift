/// The four charts of a sweep report.
struct SweepCharts {
    let analysis: SweepAnalysis

    private var result: SweepResult { analysis.result }

    /// p99 wait against hold (or the first numeric varied setting), one line per combination of the other
    /// settings (the step sizes), with 95% intervals; the baseline is marked.
    ///
    /// - Parameter paired: Plot the paired difference from the baseline instead of the mean: with common
    ///   random numbers its interval is narrow, so the settings' effect shows where the means' intervals overlap.
    func waitAgainstSetting(paired: Bool = false) -> Chart {
        let id = paired ? "p99-diff-vs-hold" : "p99-vs-hold"
        func estimate(_ summary: SweepCellSummary) -> SweepEstimate {
            paired ? summary.difference(.waitP99) : summary[.waitP99]
        }
        let settings = result.settings
        let metric = SweepMetric.waitP99
        let gridCells = result.cells.filter(\.isInGrid)
        let numericIndex = settings.indices.first { index in
            gridCells.allSatisfy { $0.values[index].numericValue != nil }
        }
        let xIndex = settings.firstIndex(of: .hold) ?? numericIndex ?? (settings.isEmpty ? nil : 0)
        guard let xIndex else {
            let only = estimate(analysis.baseline)
            let axis = ChartAxis.categories(title: "cell", names: ["baseline"])
            return Chart(
                id: id, title: "p99 wait of the scenario's own settings", x: axis,
                y: yAxis(for: metric, [only], paired: paired), series: [baselineSeries(at: 0, only)])
        }
        let setting = settings[xIndex]
        let isNumeric = result.cells.allSatisfy { $0.values[xIndex].numericValue != nil }
        var categories: [String] = []
        for cell in result.cells where !categories.contains(cell.values[xIndex].description) {
            categories.append(cell.values[xIndex].description)
        }
        func xValue(_ cell: SweepCell) -> Double {
            isNumeric
                ? cell.values[xIndex].numericValue!
                : Double(categories.firstIndex(of: cell.values[xIndex].description)!)
        }
        var groups: [(label: String, cells: [SweepCell])] = []
        for cell in gridCells {
            let others = zip(settings, cell.values).enumerated().filter { $0.offset != xIndex }
            let label = others.map { "\($0.element.0.rawValue)=\($0.element.1)" }.joined(separator: " ")
            if let position = groups.firstIndex(where: { $0.label == label }) {
                groups[position].cells.append(cell)
            } else {
                groups.append((label, [cell]))
            }
        }
        let shapes: [ChartSeries.Marker] = [.circle, .square, .triangle, .diamond]
        var series: [ChartSeries] = []
        for (position, group) in groups.enumerated() {
            let cells = group.cells.sorted { xValue($0) < xValue($1) }
            var line = ChartSeries(
                name: group.label.isEmpty ? metric.title : group.label,
                color: Chart.palette[position % Chart.palette.count], style: .lineWithMarkers, points: [])
            line.dashed = position >= Chart.palette.count
            line.marker = shapes[position % shapes.count]
            for cell in cells {
                let figure = estimate(analysis.summaries[cell.index])
                guard let mean = figure.mean else { continue }
                line.points.append(ChartPoint(x: xValue(cell), y: mean))
                if let width = figure.halfWidth {
                    line.errorBars.append(ChartErrorBar(x: xValue(cell), low: mean - width, high: mean + width))
                }
            }
            series.append(line)
        }
        series.append(baselineSeries(at: xValue(result.baseline), estimate(analysis.baseline)))
        let xAxis =
            isNumeric
            ? ChartAxis.linear(title: axisTitle(setting), data: result.cells.map(xValue))
            : ChartAxis.categories(title: axisTitle(setting), names: categories)
        let others = settings.enumerated().filter { $0.offset != xIndex }.map(\.element.rawValue)
        let by = others.isEmpty ? "" : ", one line per " + others.joined(separator: " × ")
        let title = paired ? "p99 wait minus the baseline's (paired)" : "p99 wait"
        return Chart(
            id: id, title: "\(title) against \(setting.rawValue)\(by)", x: xAxis,
            y: yAxis(for: metric, analysis.summaries.map(estimate), paired: paired), series: series)
    }

    /// Mean dop against p99 wait for every cell: the trade-off, with the Pareto front joined and labelled.
    func dopAgainstWait() -> Chart {
        let front = analysis.paretoFront
        let frontSet = Set(front)
        func point(_ index: Int) -> ChartPoint? {
            let summary = analysis.summaries[index]
            guard let dop = summary[.meanCeiling].mean, let wait = summary[.waitP99].mean else { return nil }
            return ChartPoint(x: dop, y: wait)
        }
        var others = ChartSeries(
            name: "cell", color: "#7F7F7F", style: .markers,
            points: result.cells.indices.filter { !frontSet.contains($0) }.compactMap(point))
        others.hollow = true
        // Cells with the same figures share a point: label it once, with how many more it stands for.
        var frontPoints: [ChartPoint] = []
        var frontLabels: [String] = []
        var sharing: [Int] = []
        for index in front {
            guard let spot = point(index) else { continue }
            if frontPoints.last == spot {
                sharing[sharing.count - 1] += 1
            } else {
                frontPoints.append(spot)
                frontLabels.append(result.settings.isEmpty ? "baseline" : result.cells[index].label(result.settings))
                sharing.append(0)
            }
        }
        var frontSeries = ChartSeries(
            name: "Pareto front (no cell has both a lower mean dop and a lower p99 wait)", color: Chart.palette[0],
            style: .lineWithMarkers, points: frontPoints)
        frontSeries.pointLabels = zip(frontLabels, sharing).map { label, more in
            more == 0 ? label : "\(label) (+\(more) alike)"
        }
        var series = [others, frontSeries]
        if let bestIndex = analysis.ranking.first, let best = point(bestIndex) {
            var marker = ChartSeries(
                name: "best by \(result.rankBy.title)", color: Chart.palette[4], style: .markers, points: [best])
            marker.marker = .triangle
            marker.markerSize = 6
            series.append(marker)
        }
        if let base = point(result.baseline.index) {
            series.append(baselineSeries(at: base.x, analysis.baseline[.waitP99], y: base.y))
        }
        let points = result.cells.indices.compactMap(point)
        return Chart(
            id: "dop-vs-p99", title: "Mean dop against p99 wait: the trade-off",
            x: .linear(title: "mean dop (time-weighted mean ceiling)", data: points.map(\.x), includeZero: false),
            y: .linear(title: "p99 wait (s)", data: points.map(\.y)), series: series)
    }

    /// The ceiling (steps) and running tasks (dashed) over time in replication 1 of the best cell and the
    /// baseline.
    func dopTrace() -> Chart {
        let best = analysis.ranking.first ?? result.baseline.index
        let cells = best == result.baseline.index ? [best] : [best, result.baseline.index]
        var series: [ChartSeries] = []
        var times: [Double] = []
        var values: [Double] = []
        for (position, cell) in cells.enumerated() {
            let trace = result.records.traces[cell]
            let label =
                cell == result.baseline.index ? "baseline" : "best (\(result.cells[cell].label(result.settings)))"
            let color = cell == result.baseline.index ? "#000000" : Chart.palette[position]
            let ceiling = trace.points.map { ChartPoint(x: Double($0.time) / 1e9, y: Double($0.ceiling)) }
            let running = trace.points.compactMap { point in
                point.running.map { ChartPoint(x: Double(point.time) / 1e9, y: Double($0)) }
            }
            var ceilingSeries = ChartSeries(name: "\(label): ceiling", color: color, style: .step, points: ceiling)
            ceilingSeries.lineWidth = 2.5
            var runningSeries = ChartSeries(name: "\(label): running", color: color, style: .line, points: running)
            runningSeries.dashed = true
            runningSeries.lineWidth = 1
            runningSeries.opacity = 0.45
            series += [ceilingSeries, runningSeries]
            times += ceiling.map(\.x)
            values += ceiling.map(\.y) + running.map(\.y)
        }
        return Chart(
            id: "dop-trace", title: "dop over time in replication 1 (seed \(result.manifest.seed))",
            x: .clock(title: "time (m:ss)", data: times), y: .linear(title: "tasks", data: values), series: series)
    }

    private func yAxis(for metric: SweepMetric, _ estimates: [SweepEstimate], paired: Bool = false) -> ChartAxis {
        var data: [Double] = []
        // A latency is never negative: an interval reaching below zero is cut at the axis, not the axis moved.
        let floor = !paired && estimates.allSatisfy { ($0.mean ?? 0) >= 0 } ? 0 : -Double.infinity
        for estimate in estimates {
            guard let mean = estimate.mean else { continue }
            data += [mean, mean + (estimate.halfWidth ?? 0), Swift.max(mean - (estimate.halfWidth ?? 0), floor)]
        }
        return .linear(
            title: paired ? "Δ \(metric.titleWithUnit) against the baseline" : metric.titleWithUnit, data: data)
    }

    private func baselineSeries(at x: Double, _ estimate: SweepEstimate, y: Double? = nil) -> ChartSeries {
        var series = ChartSeries(
            name: "baseline (the scenario's settings)", color: "#000000", style: .markers,
            points: (y ?? estimate.mean).map { [ChartPoint(x: x, y: $0)] } ?? [])
        series.marker = .diamond
        series.markerSize = 6
        series.hollow = true
        return series
    }

    private func axisTitle(_ setting: SweepSetting) -> String {
        switch setting {
        case .hold: return "hold (s)"
        case .up: return "up step"
        case .down: return "down step"
        case .min: return "min (floor)"
        case .dop: return "dop (max)"
        case .profile: return "recovery profile"
        }
    }
}
