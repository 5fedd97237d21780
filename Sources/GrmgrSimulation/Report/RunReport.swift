public import Foundation

/// The report of a single run, from the files `grmgr-sim run` writes: for each throttle the dop (ceiling,
/// running, waiting) over time with the scaling events marked and the distribution of waits, with the
/// summary and events as tables.
///
/// ```swift
/// let report = try RunReport(directory: URL(fileURLWithPath: "reports/quickstart"))
/// try AtomicFile.write(report.html(), to: URL(fileURLWithPath: "reports/quickstart/report.html"))
/// ```
public struct RunReport: Sendable {
    /// The run's name: its directory's name.
    public let name: String
    private let data: RunData

    /// Events listed in the table at most.
    static let maximumEventRows = 200
    /// Event lines drawn on a chart at most (ceiling changes and refusals first).
    static let maximumEventLines = 60
    /// Points per series at most; longer traces keep the largest value of each bucket.
    static let maximumPoints = 1_500

    /// The summary columns shown, with their headings.
    static let summaryColumns: [(column: String, title: String)] = [
        ("tasks", "tasks"), ("throughput", "throughput (tasks/s)"), ("wait_mean", "mean wait (s)"),
        ("wait_p50", "p50 wait (s)"), ("wait_p90", "p90 wait (s)"), ("wait_p99", "p99 wait (s)"),
        ("wait_max", "max wait (s)"), ("sojourn_p99", "p99 sojourn (s)"), ("mean_running", "mean running"),
        ("mean_ceiling", "mean dop"), ("utilisation", "utilisation"), ("changes_applied", "applied"),
        ("changes_refused", "refused"), ("time_at_min", "time at min (s)"), ("recovery_time", "recovery (s)"),
    ]

    /// Reads a run's directory.
    ///
    /// - Throws: ``CSVReadError`` when summary.csv, events.csv, dop_sampled.csv or tasks.csv is missing or
    ///   malformed.
    public init(directory: URL) throws {
        name = directory.standardizedFileURL.lastPathComponent
        data = try RunData(directory: directory)
    }

    // MARK: Documents

    /// report.md.
    public func markdown() -> String {
        var text = "# Run report: \(name)\n\n\(introduction())\n\n"
        text += "## Summary\n\n\(summaryNote())\n\n\(summaryTable().markdown())\n"
        text += "## Waits\n\n\(waitNote())\n\n\(waitTable().markdown())\n"
        text += "## Scaling events\n\n\(eventNote())\n\n\(eventTable().markdown())"
        return text
    }

    /// report.html: one self-contained page with the charts.
    public func html() -> String {
        var page = HTMLPage(title: "Run report: \(name)")
        page.heading("Run report: \(name)", level: 1)
        page.paragraph(introduction())
        page.heading("Summary")
        page.paragraph(summaryNote())
        page.table(summaryTable())
        for (index, throttle) in data.throttles.enumerated() {
            page.heading("Throttle \(throttle)")
            page.figure(
                dopChart(index, throttle),
                caption: "The ceiling (steps) and running tasks on the sampling grid; vertical lines are scaling "
                    + "events: green applied, red dashed refused by the hold, grey otherwise.")
            page.figure(waitingChart(index, throttle), caption: "Tasks waiting for a slot, on the same grid.")
            page.figure(
                waitChart(index, throttle),
                caption: "The share of tasks that waited at most a given time (all tasks of the run, warmup "
                    + "included), with the 50th, 90th and 99th percentiles marked.")
        }
        page.heading("Waits")
        page.paragraph(waitNote())
        page.table(waitTable())
        page.heading("Scaling events")
        page.paragraph(eventNote())
        page.table(eventTable())
        return page.render()
    }

    // MARK: Text and tables

    private func introduction() -> String {
        let count = data.throttles.count
        return "The \(count) throttle\(count == 1 ? "" : "s") of the run \(name) "
            + "(\(data.throttles.joined(separator: ", "))), read from the summary.csv, events.csv, dop_sampled.csv "
            + "and tasks.csv that grmgr-sim run wrote. Times are in seconds of simulated time."
    }

    private func summaryNote() -> String {
        "As summary.csv gives them, with three decimals: latencies cover the tasks that arrived after the warmup; "
            + "mean running and mean dop are time-weighted."
    }

    private func waitNote() -> String {
        "From tasks.csv: every task of the run that started, warmup included (summary.csv leaves the warmup out)."
    }

    private func eventNote() -> String {
        let shown = Swift.min(data.events.count, Self.maximumEventRows)
        return data.events.count > shown
            ? "The first \(shown) of \(data.events.count) rows of events.csv." : "Every row of events.csv."
    }

    private func summaryTable() -> ReportTable {
        let columns = Self.summaryColumns.filter { data.summaryColumns.contains($0.column) }
        var table = ReportTable([("throttle", false)] + columns.map { ($0.title, true) })
        for index in data.throttles.indices {
            let row = columns.map { column -> String in
                let text = data.summary(index, column.column) ?? ""
                guard !text.isEmpty else { return "–" }
                if column.column == "tasks" || column.column.hasPrefix("changes_") { return text }
                return Double(text).map { ReportFormat.fixed($0, 3) } ?? text
            }
            table.append([data.throttles[index]] + row)
        }
        return table
    }

    private func waitTable() -> ReportTable {
        var table = ReportTable(
            [
                ("throttle", false), ("started", true), ("never started", true), ("waited at all", true),
                ("p50 (s)", true), ("p90 (s)", true), ("p99 (s)", true), ("max (s)", true),
            ])
        for throttle in data.throttles {
            let waits = data.waits[throttle] ?? []
            let waited = waits.filter { $0 > 0 }.count
            let share = waits.isEmpty ? "–" : ReportFormat.fixed(Double(waited) / Double(waits.count) * 100, 1) + "%"
            table.append(
                [throttle, "\(waits.count)", "\(data.unstarted[throttle] ?? 0)", share]
                    + [0.5, 0.9, 0.99].map { ReportFormat.figure(Self.quantile(waits, $0)) }
                    + [ReportFormat.figure(waits.last)])
        }
        return table
    }

    private func eventTable() -> ReportTable {
        var table = ReportTable(
            [
                ("time (s)", true), ("time", true), ("throttle", false), ("action", false), ("outcome", false),
                ("ceiling before", true), ("ceiling after", true),
            ])
        for event in data.events.prefix(Self.maximumEventRows) {
            table.append(
                [
                    ReportFormat.fixed(event.time, 3), ReportFormat.clock(event.time), event.throttle, event.action,
                    event.outcome, "\(event.before)", "\(event.after)",
                ], class: event.outcome == "refused-hold" ? "baseline" : "")
        }
        return table
    }

    // MARK: Charts

    private func dopChart(_ index: Int, _ throttle: String) -> Chart {
        let samples = data.samples[throttle] ?? []
        let events = data.events.filter { $0.throttle == throttle }
        let changes = events.filter { $0.outcome == "applied" || $0.outcome == "clamped" }
        let end = Swift.max(samples.last?.time ?? 0, events.last?.time ?? 0)
        let start = changes.first?.before ?? samples.first?.ceiling ?? 0
        var ceiling = [ChartPoint(x: 0, y: Double(start))]
        ceiling += changes.map { ChartPoint(x: $0.time, y: Double($0.after)) }
        ceiling.append(ChartPoint(x: end, y: ceiling.last!.y))
        let running = Self.thinned(samples.map { ChartPoint(x: $0.time, y: Double($0.running)) })
        var ceilingSeries = ChartSeries(name: "ceiling (dop)", color: Chart.palette[0], style: .step, points: ceiling)
        ceilingSeries.lineWidth = 2.5
        var runningSeries = ChartSeries(name: "running", color: Chart.palette[4], style: .line, points: running)
        runningSeries.lineWidth = 1.2
        return Chart(
            id: "dop-\(index)", title: "\(throttle): dop and running tasks over time",
            x: .clock(title: "time (m:ss)", data: [0, end]),
            y: .linear(title: "tasks", data: ceiling.map(\.y) + running.map(\.y)),
            series: [ceilingSeries, runningSeries], events: eventLines(events))
    }

    private func waitingChart(_ index: Int, _ throttle: String) -> Chart {
        let samples = data.samples[throttle] ?? []
        let events = data.events.filter { $0.throttle == throttle }
        let end = Swift.max(samples.last?.time ?? 0, events.last?.time ?? 0)
        let waiting = Self.thinned(samples.map { ChartPoint(x: $0.time, y: Double($0.waiting)) })
        var series = ChartSeries(name: "waiting", color: Chart.palette[1], style: .line, points: waiting)
        series.lineWidth = 1.5
        return Chart(
            id: "waiting-\(index)", title: "\(throttle): tasks waiting over time",
            x: .clock(title: "time (m:ss)", data: [0, end]), y: .linear(title: "tasks waiting", data: waiting.map(\.y)),
            series: [series], events: eventLines(events), plotHeight: 180)
    }

    private func waitChart(_ index: Int, _ throttle: String) -> Chart {
        let waits = data.waits[throttle] ?? []
        var points: [ChartPoint] = []
        if !waits.isEmpty {
            let count = waits.count
            let steps = Swift.min(count, 600)
            points.append(ChartPoint(x: 0, y: 0))
            for step in 0..<steps {
                let position = steps == 1 ? count - 1 : step * (count - 1) / (steps - 1)
                // Every task with the same wait counts: the share at this wait is past its last copy.
                var last = position
                while last + 1 < count && waits[last + 1] == waits[position] { last += 1 }
                points.append(ChartPoint(x: waits[position], y: Double(last + 1) / Double(count) * 100))
            }
        }
        let marks = [(0.5, "p50"), (0.9, "p90"), (0.99, "p99")].compactMap { probability, label -> ChartEventLine? in
            guard let value = Self.quantile(waits, probability) else { return nil }
            return ChartEventLine(
                x: value, label: "\(label) \(ReportFormat.fixed(value, 3)) s", color: "#7F7F7F", dashed: true)
        }
        var series = ChartSeries(
            name: "tasks that waited at most x", color: Chart.palette[0], style: .line, points: points)
        series.lineWidth = 2
        return Chart(
            id: "wait-\(index)", title: "\(throttle): distribution of waits",
            x: .linear(title: "wait (s)", data: waits.isEmpty ? [0, 1] : [0, waits.last!]),
            y: ChartAxis(
                title: "tasks (%)", lower: 0, upper: 100, ticks: [0, 25, 50, 75, 100],
                labels: ["0", "25", "50", "75", "100"]),
            series: [series], events: marks, plotHeight: 240)
    }

    private func eventLines(_ events: [RunData.Event]) -> [ChartEventLine] {
        // Changes and refusals matter most; with many events the rest are left off.
        let important = events.filter { $0.outcome != "unchanged" && $0.outcome != "profile-cancelled" }
        return important.prefix(Self.maximumEventLines).map { event in
            let change = event.before == event.after ? "" : " \(event.before)→\(event.after)"
            switch event.outcome {
            case "applied", "clamped":
                return ChartEventLine(x: event.time, label: "\(event.action)\(change)", color: "#009E73")
            case "refused-hold":
                return ChartEventLine(x: event.time, label: "\(event.action) refused", color: "#D55E00", dashed: true)
            default:
                return ChartEventLine(x: event.time, label: "\(event.action)", color: "#7F7F7F", dashed: true)
            }
        }
    }

    /// At most ``maximumPoints`` points: consecutive points grouped into buckets, each keeping its first
    /// time and its largest value, so that peaks stay visible.
    static func thinned(_ points: [ChartPoint]) -> [ChartPoint] {
        guard points.count > maximumPoints else { return points }
        let size = (points.count + maximumPoints - 1) / maximumPoints
        return stride(from: 0, to: points.count, by: size).map { start in
            let bucket = points[start..<Swift.min(start + size, points.count)]
            return ChartPoint(x: bucket.first!.x, y: bucket.map(\.y).max()!)
        }
    }

    /// The empirical `probability` quantile of sorted values (the smallest value with at least that share
    /// at or below it), `nil` without values.
    static func quantile(_ sorted: [Double], _ probability: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((probability * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
    }
}
