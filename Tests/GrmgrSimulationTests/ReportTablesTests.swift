import Foundation
import XCTest

@testable import GrmgrSimulation

/// The numbers in the reports' tables are the numbers of the CSV files.
final class ReportTablesTests: XCTestCase {
    private var scratch: OutputTestDirectory!

    override func setUpWithError() throws {
        scratch = try OutputTestDirectory()
    }

    override func tearDown() {
        scratch = nil
    }

    func testTheRankedTableShowsSweepCSVFiguresInRankOrder() throws {
        let directory = scratch.url.appendingPathComponent("sweep")
        try ReportTestSupport.writeSweep(to: directory)
        let markdown = try String(contentsOf: directory.appendingPathComponent("report.md"), encoding: .utf8)
        let csv = try ReportTestSupport.csvRows(directory.appendingPathComponent("sweep.csv"))
        let table = ReportTestSupport.markdownTable(after: "## Ranking", in: markdown)
        let header = table[0]
        XCTAssertEqual(
            Array(header.prefix(8)), ["rank", "hold", "down", "note", "p99 wait (s)", "±95%", "Δ baseline", "±95% Δ"])
        XCTAssertEqual(table.count - 1, csv.count)
        let columns: [(String, String)] = [
            ("p99 wait (s)", "wait_p99_mean"), ("±95%", "wait_p99_ci95"), ("Δ baseline", "wait_p99_diff"),
            ("±95% Δ", "wait_p99_diff_ci95"), ("mean wait (s)", "wait_mean_mean"),
            ("p99 sojourn (s)", "sojourn_p99_mean"),
            ("mean dop", "mean_ceiling_mean"), ("throughput (tasks/s)", "throughput_mean"),
            ("utilisation", "utilisation_mean"), ("changes refused", "changes_refused_mean"),
        ]
        var checked = 0
        for row in table.dropFirst() {
            let line = try XCTUnwrap(csv.first { $0["hold"] == row[1] && $0["down"] == row[2] })
            XCTAssertEqual(line["rank"], row[0])
            XCTAssertEqual(line["baseline"] == "true", row[3].contains("baseline"))
            XCTAssertEqual(line["pareto"] == "true", row[3].contains("Pareto"))
            for (title, column) in columns {
                let shown = try XCTUnwrap(ReportTestSupport.number(row[header.firstIndex(of: title)!]), title)
                let exact = try XCTUnwrap(Double(line[column]!), column)
                XCTAssertEqual(shown, exact, accuracy: 0.0005 + 1e-9, "\(column) of \(row[1]) \(row[2])")
                checked += 1
            }
        }
        XCTAssertEqual(checked, csv.count * columns.count)
        XCTAssertEqual(table.dropFirst().map { $0[0] }, (1...csv.count).map(String.init))
    }

    func testTheBestTableNamesTheCellWithTheBestMeanOfEachMetric() throws {
        let directory = scratch.url.appendingPathComponent("sweep")
        try ReportTestSupport.writeSweep(to: directory)
        let markdown = try String(contentsOf: directory.appendingPathComponent("report.md"), encoding: .utf8)
        let csv = try ReportTestSupport.csvRows(directory.appendingPathComponent("sweep.csv"))
        let table = ReportTestSupport.markdownTable(after: "## Best setting", in: markdown)
        XCTAssertEqual(table[0], ["metric", "better", "best cell", "mean", "±95%", "baseline", "Δ baseline", "±95% Δ"])
        let metrics = SweepMetric.allCases.filter { $0.preference != .neither }
        XCTAssertEqual(table.dropFirst().map { $0[0] }, metrics.map(\.titleWithUnit))
        for (row, metric) in zip(table.dropFirst(), metrics) {
            let values = csv.compactMap { line in Double(line["\(metric.rawValue)_mean"]!) }
            let best = metric.preference == .lower ? values.min()! : values.max()!
            XCTAssertEqual(ReportTestSupport.number(row[3])!, best, accuracy: 0.0005 + 1e-9, metric.rawValue)
            let named = try XCTUnwrap(csv.first { "hold=\($0["hold"]!) down=\($0["down"]!)" == row[2] })
            XCTAssertEqual(Double(named["\(metric.rawValue)_mean"]!)!, best, accuracy: 1e-6, metric.rawValue)
            let baseline = try XCTUnwrap(csv.first { $0["baseline"] == "true" })
            XCTAssertEqual(
                ReportTestSupport.number(row[5])!, Double(baseline["\(metric.rawValue)_mean"]!)!,
                accuracy: 0.0005 + 1e-9)
        }
    }

    func testTheRunReportsSummaryTableShowsSummaryCSV() throws {
        let directory = scratch.url.appendingPathComponent("run")
        try ReportTestSupport.writeRun(to: directory)
        let report = try RunReport(directory: directory)
        let table = ReportTestSupport.markdownTable(after: "## Summary", in: report.markdown())
        let summary = try ReportTestSupport.csvRows(directory.appendingPathComponent("summary.csv"))
        XCTAssertEqual(table.count, 2)
        XCTAssertEqual(table[1][0], "api")
        for (column, title) in RunReport.summaryColumns {
            let shown = table[1][table[0].firstIndex(of: title)!]
            let exact = summary[0][column]!
            if exact.isEmpty {
                XCTAssertEqual(shown, "–", column)
            } else {
                XCTAssertEqual(Double(shown)!, Double(exact)!, accuracy: 0.0005 + 1e-9, column)
            }
        }
        let events = ReportTestSupport.markdownTable(after: "## Scaling events", in: report.markdown())
        let csvEvents = try ReportTestSupport.csvRows(directory.appendingPathComponent("events.csv"))
        XCTAssertEqual(events.count - 1, csvEvents.count)
        for (row, line) in zip(events.dropFirst(), csvEvents) {
            XCTAssertEqual(Double(row[0])!, Double(line["time"]!)!, accuracy: 0.0005)
            XCTAssertEqual(
                [row[3], row[4], row[5], row[6]],
                [line["action"]!, line["outcome"]!, line["ceiling_before"]!, line["ceiling_after"]!])
        }
    }

    func testTheRunReportDrawsDopWaitingAndWaitChartsWithTheEventsMarked() throws {
        let directory = scratch.url.appendingPathComponent("run")
        try ReportTestSupport.writeRun(to: directory)
        let html = try RunReport(directory: directory).html()
        let charts = ReportTestSupport.inlineSVGs(html)
        XCTAssertEqual(charts.count, 3)
        let dop = try ReportTestSupport.parseSVG(charts[0])
        let marks = try ReportTestSupport.texts(in: dop, group: "events")
        // events.csv: down applied at 20s, down refused at 35s, the profile's start and its steps.
        XCTAssertEqual(marks.prefix(3), ["down 6→4", "down refused", "profile recover"])
        XCTAssertTrue(marks.contains("up 4→5"))
        XCTAssertTrue(marks.contains("up refused"))
        let wait = try ReportTestSupport.parseSVG(charts[2])
        XCTAssertEqual(
            try ReportTestSupport.texts(in: wait, group: "events").map { String($0.prefix(4)) },
            ["p50 ", "p90 ", "p99 "])
        XCTAssertEqual(RunReport.quantile([1, 2, 3, 4], 0.5), 2)
        XCTAssertEqual(RunReport.quantile([1, 2, 3, 4], 0.99), 4)
        XCTAssertNil(RunReport.quantile([], 0.5))
    }
}
