import Foundation
import GrmgrSimulation
import XCTest

/// The HTML reports as a browser shows them: headless Chromium parses the page (its DOM keeps the three
/// charts and their text) and screenshots it to a PNG of the requested size with far more in it than a blank
/// page. Skipped, saying how to install it, where no Chromium is installed.
final class ReportChromiumTests: XCTestCase {
    private var scratch: OutputTestDirectory!

    override func setUpWithError() throws {
        scratch = try OutputTestDirectory()
    }

    override func tearDown() {
        scratch = nil
    }

    /// The browser: `CHROMIUM` if set, else `chromium`, `chromium-browser` or `google-chrome` on the `PATH`.
    private func browser() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["CHROMIUM"] { return URL(fileURLWithPath: path) }
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in directories {
                let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        throw XCTSkip(
            "no headless browser: install the Debian package chromium (make deps does) or set CHROMIUM to run "
                + "the rendering check of the HTML reports")
    }

    /// Runs the browser headless on `page` with `arguments`; returns its standard output.
    private func runBrowser(_ arguments: [String], page: URL) throws -> String {
        let process = Process()
        process.executableURL = try browser()
        let profile = scratch.url.appendingPathComponent("profile-\(UUID().uuidString)")
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--user-data-dir=\(profile.path)",
            ] + arguments + [page.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "\(arguments)")
        return String(decoding: data, as: UTF8.self)
    }

    /// The width and height in a PNG's IHDR chunk; fails unless the file starts with the PNG signature.
    private func pngSize(_ data: Data) throws -> (width: Int, height: Int) {
        let bytes = [UInt8](data)
        XCTAssertEqual(Array(bytes.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG signature")
        XCTAssertGreaterThan(bytes.count, 24)
        func word(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (word(16), word(20))
    }

    private func screenshot(_ page: URL, name: String) throws -> Data {
        let png = scratch.url.appendingPathComponent(name)
        _ = try runBrowser(["--window-size=1100,1600", "--screenshot=\(png.path)"], page: page)
        let data = try Data(contentsOf: png)
        let size = try pngSize(data)
        XCTAssertEqual(size.width, 1100)
        XCTAssertEqual(size.height, 1600)
        return data
    }

    func testTheSweepReportRendersItsChartsInHeadlessChromium() throws {
        _ = try browser()
        let directory = scratch.url.appendingPathComponent("sweep")
        try ReportTestSupport.writeSweep(to: directory)
        let page = directory.appendingPathComponent("report.html")

        let dom = try runBrowser(["--dump-dom"], page: page)
        XCTAssertEqual(dom.components(separatedBy: "<svg ").count - 1, 4, "four charts in the browser's DOM")
        for title in ["p99 wait against hold, one line per down", "Mean dop against p99 wait: the trade-off"] {
            XCTAssertTrue(dom.contains(title), title)
        }

        let blank = scratch.url.appendingPathComponent("blank.html")
        try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(to: blank)
        let empty = try screenshot(blank, name: "blank.png")
        let report = try screenshot(page, name: "report.png")
        // A blank page compresses to almost nothing; text, tables and charts do not.
        XCTAssertGreaterThan(report.count, 8 * empty.count, "report \(report.count) bytes, blank \(empty.count)")
    }

    func testTheRunReportRendersInHeadlessChromium() throws {
        _ = try browser()
        let directory = scratch.url.appendingPathComponent("run")
        try ReportTestSupport.writeRun(to: directory)
        let page = directory.appendingPathComponent("report.html")
        try Data(try RunReport(directory: directory).html().utf8).write(to: page)
        let dom = try runBrowser(["--dump-dom"], page: page)
        XCTAssertEqual(dom.components(separatedBy: "<svg ").count - 1, 3)
        XCTAssertTrue(dom.contains("api: dop and running tasks over time"))
        XCTAssertGreaterThan(try screenshot(page, name: "run.png").count, 20_000)
    }
}
