import Foundation
import FoundationXML
import XCTest

@testable import GrmgrSimulation

/// The charts as a reader gets them: well-formed SVG with a title, axes, ticks, units and a legend.
final class ReportSVGTests: XCTestCase {
    private var scratch: OutputTestDirectory!

    override func setUpWithError() throws {
        scratch = try OutputTestDirectory()
    }

    override func tearDown() {
        scratch = nil
    }

    func testEverySweepChartIsWellFormedSVGWithTitledAxesTicksAndALegend() throws {
        let directory = scratch.url.appendingPathComponent("sweep")
        try ReportTestSupport.writeSweep(to: directory)
        let expected: [(file: String, x: String, y: String, legend: [String])] = [
            (
                "chart-p99-wait-vs-hold.svg", "hold (s)", "p99 wait (s)",
                ["down=1", "down=2", "baseline (the scenario's settings)"]
            ),
            (
                "chart-p99-wait-diff-vs-hold.svg", "hold (s)", "Δ p99 wait (s) against the baseline",
                ["down=1", "down=2", "baseline (the scenario's settings)"]
            ),
            (
                "chart-dop-vs-p99-wait.svg", "mean dop (time-weighted mean ceiling)", "p99 wait (s)",
                [
                    "cell", "Pareto front (no cell has both a lower mean dop and a lower p99 wait)", "best by p99 wait",
                    "baseline (the scenario's settings)",
                ]
            ),
            ("chart-dop-trace.svg", "time (m:ss)", "tasks", ["baseline: ceiling", "baseline: running"]),
        ]
        for chart in expected {
            let text = try String(contentsOf: directory.appendingPathComponent(chart.file), encoding: .utf8)
            let svg = try ReportTestSupport.parseSVG(text)
            XCTAssertEqual(try svg.nodes(forXPath: "//*[local-name()='title']").first?.stringValue?.isEmpty, false)
            let all = try ReportTestSupport.texts(in: svg)
            XCTAssertTrue(all.contains(chart.x), "\(chart.file): x title \(chart.x) in \(all)")
            XCTAssertTrue(all.contains(chart.y), "\(chart.file): y title \(chart.y)")
            XCTAssertGreaterThanOrEqual(try ReportTestSupport.texts(in: svg, group: "x-ticks").count, 3, chart.file)
            XCTAssertGreaterThanOrEqual(try ReportTestSupport.texts(in: svg, group: "y-ticks").count, 3, chart.file)
            let legend = try ReportTestSupport.texts(in: svg, group: "legend")
            for name in chart.legend {
                XCTAssertTrue(
                    legend.contains { $0 == name || $0.hasPrefix(name) }, "\(chart.file): \(name) in \(legend)")
            }
            XCTAssertFalse(try svg.nodes(forXPath: "//*[local-name()='clipPath']").isEmpty, chart.file)
        }
        let html = try String(contentsOf: directory.appendingPathComponent("report.html"), encoding: .utf8)
        let inline = ReportTestSupport.inlineSVGs(html)
        XCTAssertEqual(inline.count, 4)
        for svg in inline { _ = try ReportTestSupport.parseSVG(svg) }
        XCTAssertFalse(html.contains("<script"), "self-contained, no scripts")
        XCTAssertFalse(html.contains("http://") && !html.contains("http://www.w3.org/2000/svg"))
    }

    func testTheP99ChartPlotsEachCellsMeanAtItsHold() throws {
        let analysis = try ReportTestSupport.writeSweep(to: scratch.url.appendingPathComponent("sweep"))
        let chart = SweepCharts(analysis: analysis).waitAgainstSetting()
        let down1 = try XCTUnwrap(chart.series.first { $0.name == "down=1" })
        XCTAssertEqual(down1.points.map(\.x), [0, 20, 40])
        for (point, cell) in zip(down1.points, analysis.result.cells.filter { $0.values[1] == .integer(1) }) {
            XCTAssertEqual(point.y, analysis.summaries[cell.index][.waitP99].mean)
        }
        XCTAssertEqual(down1.errorBars.count, 3)
        XCTAssertEqual(chart.x.title, "hold (s)")
        let paired = SweepCharts(analysis: analysis).waitAgainstSetting(paired: true)
        let baseline = try XCTUnwrap(paired.series.last)
        XCTAssertEqual(baseline.points, [ChartPoint(x: 20, y: 0)], "the baseline minus itself")
        let pairedDown1 = try XCTUnwrap(paired.series.first { $0.name == "down=1" })
        for (point, cell) in zip(pairedDown1.points, analysis.result.cells.filter { $0.values[1] == .integer(1) }) {
            XCTAssertEqual(point.y, analysis.summaries[cell.index].difference(.waitP99).mean)
        }
    }

    func testAxesHaveNiceTicksThatCoverTheData() {
        let waits = ChartAxis.linear(title: "p99 wait (s)", data: [0.12, 0.364])
        XCTAssertEqual(waits.labels, ["0.0", "0.1", "0.2", "0.3", "0.4"])
        XCTAssertEqual(waits.upper, 0.4, accuracy: 1e-12)
        let dop = ChartAxis.linear(title: "mean dop", data: [8.44, 9.27], includeZero: false)
        XCTAssertLessThanOrEqual(dop.lower, 8.44)
        XCTAssertGreaterThanOrEqual(dop.upper, 9.27)
        XCTAssertEqual(dop.labels.first, "8.4")
        let flat = ChartAxis.linear(title: "tasks", data: [0, 0])
        XCTAssertEqual([flat.lower, flat.upper], [0, 1])
        let time = ChartAxis.clock(title: "time (m:ss)", data: [0, 601])
        XCTAssertEqual(time.labels, ["0:00", "2:00", "4:00", "6:00", "8:00", "10:00", "12:00"])
        let hours = ChartAxis.clock(title: "time (m:ss)", data: [0, 7200])
        XCTAssertEqual(hours.labels.last, "2:00:00")
        XCTAssertEqual(ChartAxis.categories(title: "profile", names: ["a", "b"]).ticks, [0, 1])
    }

    func testTextIsEscapedSoThatAnyNameKeepsTheSVGWellFormed() throws {
        let chart = Chart(
            id: "c", title: "a <b> & \"c\" 'd'", x: .linear(title: "x & y", data: [0, 1]),
            y: .linear(title: "<y>", data: [0, 1]),
            series: [
                ChartSeries(
                    name: "s & <t>", color: "#000000", style: .line, points: [.init(x: 0, y: 0), .init(x: 1, y: 1)])
            ],
            events: [ChartEventLine(x: 0.5, label: "down 6→4 & more", color: "#009E73")])
        let svg = try ReportTestSupport.parseSVG(chart.svg())
        XCTAssertTrue(try ReportTestSupport.texts(in: svg).contains("a <b> & \"c\" 'd'"))
        XCTAssertEqual(chart.svg(), chart.svg(), "the same chart gives the same bytes")
    }
}
