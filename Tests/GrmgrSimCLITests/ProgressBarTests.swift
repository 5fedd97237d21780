import XCTest

@testable import grmgr_sim

final class ProgressBarTests: XCTestCase {
    func testFramesShowBarPercentageAndETA() {
        XCTAssertEqual(
            ProgressBar.render(label: "sweep", completed: 0, total: 10, elapsed: .seconds(1), finished: false),
            "\rsweep [..............................]   0% ETA --:--\u{1B}[K"
        )
        XCTAssertEqual(
            ProgressBar.render(label: "sweep", completed: 5, total: 10, elapsed: .seconds(30), finished: false),
            "\rsweep [###############...............]  50% ETA 0:30\u{1B}[K"
        )
        XCTAssertEqual(
            ProgressBar.render(label: "run", completed: 1, total: 3, elapsed: .seconds(1_800), finished: false),
            "\rrun [##########....................]  33% ETA 1:00:00\u{1B}[K"
        )
        XCTAssertEqual(
            ProgressBar.render(label: "run", completed: 3, total: 3, elapsed: .milliseconds(65_200), finished: true),
            "\rrun [##############################] 100% in 1:06\u{1B}[K\n"
        )
    }

    func testClockText() {
        XCTAssertEqual(ProgressBar.clockText(0), "0:00")
        XCTAssertEqual(ProgressBar.clockText(59.2), "1:00")
        XCTAssertEqual(ProgressBar.clockText(3_725), "1:02:05")
        XCTAssertEqual(ProgressBar.clockText(.nan), "0:00")
        XCTAssertEqual(ProgressBar.clockText(.infinity), "99999:59:59")
    }

    func testSilentWhenStandardErrorIsNotATerminal() {
        let console = TestConsole(isErrorTerminal: false)
        let bar = ProgressBar(total: 100, label: "run", console: console.console)
        XCTAssertFalse(bar.isEnabled)
        for _ in 0..<100 { bar.advance() }
        bar.finish()
        XCTAssertEqual(console.standardError, "")
        XCTAssertEqual(console.standardOutput, "")
    }

    func testDrawsOnATerminalThrottlesRedrawsAndFinishesOnce() {
        let console = TestConsole(isErrorTerminal: true)
        let bar = ProgressBar(total: 1_000, label: "run", console: console.console, minimumInterval: .seconds(3_600))
        XCTAssertTrue(bar.isEnabled)
        for _ in 0..<999 { bar.advance() }
        XCTAssertEqual(console.standardError.filter { $0 == "\r" }.count, 1, "only the first frame within the hour")
        bar.update(completed: 1_000)
        XCTAssertEqual(console.standardError.filter { $0 == "\r" }.count, 2, "completion always draws")
        bar.finish()
        bar.finish()
        bar.advance()
        let finalFrame = console.standardError.split(separator: "\r").last.map(String.init) ?? ""
        XCTAssertTrue(finalFrame.hasPrefix("run [##############################] 100% in 0:0"), finalFrame)
        XCTAssertTrue(finalFrame.hasSuffix("\u{1B}[K\n"), finalFrame)
        XCTAssertEqual(console.standardError.filter { $0 == "\n" }.count, 1)
        XCTAssertEqual(console.standardOutput, "")
    }

    func testParallelAdvancesAreAllCounted() {
        let console = TestConsole(isErrorTerminal: true)
        let bar = ProgressBar(total: 8_000, label: "sweep", console: console.console, minimumInterval: .seconds(3_600))
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<1_000 { bar.advance() }
        }
        XCTAssertTrue(console.standardError.contains("100% ETA 0:00"), "the last advance completes the bar")
    }
}
