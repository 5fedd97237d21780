import Foundation
import FoundationXML
import GrmgrSimulation
import XCTest

/// Helpers for the report tests: a written sweep and run, SVG parsing, Markdown tables and CSV rows.
enum ReportTestSupport {
    /// Runs the small sweep (hold × down, 3 replications) and writes it completely into `directory`.
    @discardableResult
    static func writeSweep(to directory: URL) throws -> SweepAnalysis {
        let plan = try SweepTestSupport.plan(replications: 3)
        let manifest = SweepManifest(plan: plan, scenarioFile: "small.json5", rankBy: .waitP99, shard: nil)
        return try SweepFiles.writeComplete(
            SweepResult(manifest: manifest, records: try SweepRunner.run(plan, jobs: 2)), to: directory)
    }

    /// Runs the small scenario as `grmgr-sim run` does into `directory`.
    static func writeRun(to directory: URL) throws {
        _ = try ScenarioRunner.run(try SweepTestSupport.scenario(), writingTo: directory)
    }

    /// Parses an SVG document with FoundationXML and returns its root, failing the test if it is not
    /// well-formed XML with an `svg` root in the SVG namespace.
    static func parseSVG(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> XMLElement {
        let document = try XMLDocument(xmlString: text, options: [])
        let root = try XCTUnwrap(document.rootElement(), file: file, line: line)
        XCTAssertEqual(root.name, "svg", file: file, line: line)
        XCTAssertEqual(root.uri, "http://www.w3.org/2000/svg", file: file, line: line)
        return root
    }

    /// Every `<svg …>…</svg>` inlined in an HTML page, in order.
    static func inlineSVGs(_ html: String) -> [String] {
        html.components(separatedBy: "<svg ").dropFirst().map { part in
            "<svg " + part.components(separatedBy: "</svg>")[0] + "</svg>"
        }
    }

    /// The text of every element named `name` below `element` whose `class` ancestor is `group` (or any).
    static func texts(in element: XMLElement, group: String? = nil) throws -> [String] {
        let path = group.map { "//*[@class='\($0)']//*[local-name()='text']" } ?? "//*[local-name()='text']"
        return try element.nodes(forXPath: path).compactMap(\.stringValue)
    }

    /// The rows of the Markdown table that follows the heading starting with `heading`, as cell texts
    /// (header first).
    static func markdownTable(after heading: String, in markdown: String) -> [[String]] {
        let lines = markdown.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix(heading) }) else { return [] }
        let table = lines[start...].drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }
        return table.enumerated().filter { $0.offset != 1 }.map { _, line in
            line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// A CSV file's rows as dictionaries by column name (fields without quotes only).
    static func csvRows(_ url: URL) throws -> [[String: String]] {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].components(separatedBy: ",")
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.components(separatedBy: ",")))
        }
    }

    /// A table figure as a number: `+0.123 *` is 0.123.
    static func number(_ text: String) -> Double? {
        Double(text.replacingOccurrences(of: " *", with: ""))
    }
}
