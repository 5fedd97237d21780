import Grmgr
import GrmgrTesting
import XCTest

/// The throwing expectations, on a loaded run and on a core's own trace, and the XCTest assertions that
/// wrap them: each failure is reported at the caller's line.
final class ThrottleTraceExpectationsTests: XCTestCase {
    private var fixture: ThrottleTrace {
        get throws {
            try ThrottleTrace(
                dopCSV: RunFixture.dop, eventsCSV: RunFixture.events, tasksCSV: RunFixture.tasks,
                configs: [RunFixture.config])
        }
    }

    func testDopWithinBoundsLooksAtTheCeilingInForceAndEveryChangeInTheInterval() throws {
        let trace = try fixture
        try trace.expectDop(of: "crawler", staysWithin: 1...2)
        try trace.expectDop(of: "crawler", staysWithin: 1...1, during: .seconds(2)...(.seconds(10)))
        XCTAssertThrowsError(
            try trace.expectDop(of: "crawler", staysWithin: 1...1, during: .seconds(1)...(.seconds(3)))
        ) {
            XCTAssertEqual(
                "\($0)",
                #"expected the dop of "crawler" to stay within 1...1 from 1.000000000s to 3.000000000s: it was 2 "#
                    + #"from 1.000000000s (after "register")"#)
        }
        XCTAssertThrowsError(try trace.expectDop(of: "missing", staysWithin: 1...2)) {
            XCTAssertTrue("\($0)".hasSuffix(#"no throttle "missing" in the trace (or no state changes)"#), "\($0)")
        }
    }

    func testDopReachesAValueWithinATimeAfterAnEvent() throws {
        let trace = try fixture
        try trace.expectDop(of: "crawler", reaches: 1, within: .seconds(1), after: .seconds(1))
        XCTAssertThrowsError(
            try trace.expectDop(of: "crawler", reaches: 1, within: .milliseconds(500), after: .seconds(1))
        ) {
            XCTAssertEqual(
                "\($0)",
                #"expected the dop of "crawler" to reach 1 within 500ms after 1.000000000s: by 1.500000000s it "#
                    + "was 2 from 0.000000000s; it reached 1 only at 2.000000000s")
        }
    }

    func testRecoveryToMaxIsMeasuredFromTheLastStepDown() throws {
        var driver = CoreDriver()
        let id = try driver.register(ThrottleConfig(name: "crawler", dop: 4, down: 2, hold: .seconds(5)))
        try driver.scale(id, .down())
        driver.advance(seconds: 10)
        try driver.scale(id, .down())
        driver.advance(seconds: 10)
        try driver.scale(id, .up(by: 2))
        driver.advance(seconds: 10)
        try driver.scale(id, .up(by: 2))
        try driver.trace.expectRecovery(of: "crawler", toMaxWithin: .seconds(20))
        XCTAssertThrowsError(try driver.trace.expectRecovery(of: "crawler", toMaxWithin: .seconds(19))) {
            XCTAssertEqual(
                "\($0)",
                #"expected the dop of "crawler" to recover to its max within 19s of its last step down: after "#
                    + "down (2 -> 1) at 10.000000000s, it was at most 3 of 4 by 29.000000000s; it got back to 4 "
                    + "only at 30.000000000s")
        }
        var calm = CoreDriver()
        _ = try calm.register(ThrottleConfig(name: "calm", dop: 4))
        XCTAssertThrowsError(try calm.trace.expectRecovery(of: "calm", toMaxWithin: .seconds(1))) {
            XCTAssertTrue("\($0)".hasSuffix(#""calm" never stepped down, so nothing recovered"#), "\($0)")
        }
    }

    func testWaitQuantilesComeFromTaskRecordsOrFromTheCoresGrants() throws {
        let trace = try fixture
        try trace.expectWait(of: "crawler", quantile: 0.99, atMost: .milliseconds(500))
        try trace.expectWait(quantile: 0.5, atMost: .zero)
        XCTAssertThrowsError(try trace.expectWait(of: "crawler", quantile: 0.99, atMost: .milliseconds(499))) {
            XCTAssertEqual(
                "\($0)",
                #"expected the p99 wait of "crawler" to be at most 499ms: it is 0.500000000s over 3 task(s); "#
                    + "the longest wait is 0.500000000s")
        }

        var driver = CoreDriver()
        let id = try driver.register(ThrottleConfig(name: "queue", dop: 1))
        _ = try driver.ask(id)
        for _ in 0..<3 { _ = try driver.ask(id) }
        for _ in 0..<2 {
            driver.advance(seconds: 2)
            try driver.done(id)
        }
        // Waits 0, 2s, 4s, and 4s so far for the caller still queued at the end.
        try driver.trace.expectWait(of: "queue", quantile: 0.5, atMost: .seconds(2))
        XCTAssertThrowsError(try driver.trace.expectWait(of: "queue", quantile: 1, atMost: .seconds(3))) {
            XCTAssertTrue("\($0)".hasSuffix("it is 4.000000000s over 4 task(s); the longest wait is 4.000000000s"))
        }
        XCTAssertThrowsError(try driver.trace.expectWait(quantile: 1.5, atMost: .seconds(3)))
    }

    func testThroughputCountsTheTasksDoneInTheInterval() throws {
        let trace = try fixture
        try trace.expectThroughput(of: "crawler", atLeast: 0.3)
        try trace.expectThroughput(atLeast: 1, during: .seconds(1)...(.seconds(4)))
        XCTAssertThrowsError(try trace.expectThroughput(of: "crawler", atLeast: 0.31)) {
            XCTAssertEqual(
                "\($0)",
                #"expected a throughput of "crawler" of at least 0.31/s from 0.000000000s to 10.000000000s: 3 "#
                    + "task(s) were done in 10.000000000s, 0.3/s")
        }
        XCTAssertThrowsError(try trace.expectThroughput(atLeast: 1, during: .seconds(1)...(.seconds(1))))
    }

    func testNoLostTasksNeedsEveryTaskAccountedForAtTheEnd() throws {
        try fixture.expectNoLostTasks()
        var driver = CoreDriver()
        let id = try driver.register(ThrottleConfig(name: "leaky", dop: 2))
        _ = try driver.ask(id)
        XCTAssertThrowsError(try driver.trace.expectNoLostTasks()) { error in
            let failure = error as? ThrottleExpectationFailure
            XCTAssertEqual(failure?.violations.map(\.invariant), [.noLostTask])
        }
    }

    func testInvariantsExpectationListsTheViolations() throws {
        var driver = CoreDriver()
        let id = try driver.register(ThrottleConfig(name: "crawler", dop: 1))
        _ = try driver.ask(id)
        XCTAssertThrowsError(try driver.trace.expectInvariants()) {
            XCTAssertTrue("\($0)".hasPrefix("expected the throttle invariants to hold: 1 violation(s)\n\ninvariant 5"))
        }
        try driver.trace.expectInvariants(InvariantChecker(end: .inProgress))
    }

    // MARK: XCTest wrappers

    private var recorded: [(description: String, line: Int)] = []
    private var capturing = false

    override func recordFailure(
        withDescription description: String, inFile filePath: String, atLine lineNumber: Int, expected: Bool
    ) {
        guard capturing else {
            return super.recordFailure(
                withDescription: description, inFile: filePath, atLine: lineNumber, expected: expected)
        }
        recorded.append((description, lineNumber))
    }

    func testTheXCTestAssertionsReportAtTheCallersLine() throws {
        let trace = try fixture
        XCTAssertTrue(XCTAssertThrottleInvariants(trace))
        XCTAssertTrue(XCTAssertDop(trace, of: "crawler", staysWithin: 1...2))
        XCTAssertTrue(XCTAssertDop(trace, of: "crawler", reaches: 1, within: .seconds(1), after: .seconds(1)))
        XCTAssertTrue(XCTAssertWait(trace, of: "crawler", quantile: 0.99, atMost: .seconds(1)))
        XCTAssertTrue(XCTAssertThroughput(trace, atLeast: 0.3))
        XCTAssertTrue(XCTAssertNoLostTasks(trace))

        capturing = true
        let line = #line
        XCTAssertDop(trace, of: "crawler", staysWithin: 2...2)
        XCTAssertDop(trace, of: "crawler", reaches: 0, within: .seconds(1), after: .zero)
        XCTAssertRecovery(trace, of: "crawler", toMaxWithin: .seconds(5))
        XCTAssertWait(trace, quantile: 1, atMost: .zero)
        XCTAssertThroughput(trace, of: "crawler", atLeast: 100)
        XCTAssertThrottleInvariants(trace, InvariantChecker(invariants: []))  // Checks nothing: no failure.
        XCTAssertNoLostTasks(
            try ThrottleTrace(dopCSV: "time,throttle,ceiling,running,waiting,cause\n0,a,1,1,0,grant\n"))
        capturing = false

        XCTAssertEqual(recorded.map(\.line), [1, 2, 3, 4, 5, 7].map { line + $0 })
        XCTAssertTrue(recorded.allSatisfy { $0.description.contains("expected ") }, "\(recorded)")
    }
}
