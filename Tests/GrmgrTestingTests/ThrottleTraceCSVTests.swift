import Foundation
import Grmgr
import GrmgrTesting
import XCTest

final class ThrottleTraceCSVTests: XCTestCase {
    func testARunLoadsIntoATraceThatPassesEveryCheck() throws {
        let trace = try ThrottleTrace(
            dopCSV: RunFixture.dop, eventsCSV: RunFixture.events, tasksCSV: RunFixture.tasks,
            configs: [RunFixture.config])
        XCTAssertEqual(trace.registrations.map(\.name), ["crawler"])
        XCTAssertEqual(trace.registrations[0].config, RunFixture.config)
        XCTAssertFalse(trace.recordsWaiterDecisions)
        XCTAssertEqual(trace.tasks?.map(\.wait), [.zero, .zero, .milliseconds(500)])
        // One entry per instant; the scaling record comes just before the state change it caused.
        XCTAssertEqual(
            trace.entries.map(\.instant),
            [0, 0.5, 1, 1.5, 2, 3, 4, 10].map { TimePoint(nanoseconds: Int64($0 * 1e9)) })
        let id = trace.registrations[0].id
        XCTAssertEqual(
            trace.entries[4].actions,
            [
                .scaled(
                    ScalingRecord(
                        throttle: id, action: .down(), origin: .request, outcome: .applied, ceilingBefore: 2,
                        ceilingAfter: 1)),
                .stateChanged(StateChange(throttle: id, cause: .scaled, ceiling: 1, running: 2, waiting: 0)),
            ])
        XCTAssertEqual(InvariantChecker().violations(in: trace), [])
    }

    func testARunLoadsFromItsDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("grmgr-run-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try RunFixture.dop.write(to: directory.appendingPathComponent("dop.csv"), atomically: true, encoding: .utf8)
        try RunFixture.tasks.write(to: directory.appendingPathComponent("tasks.csv"), atomically: true, encoding: .utf8)
        let trace = try ThrottleTrace(contentsOfRunAt: directory, configs: [RunFixture.config])
        XCTAssertEqual(trace.tasks?.count, 3)
        XCTAssertEqual(trace.entries.count, 7, "events.csv is optional")
        XCTAssertThrowsError(try ThrottleTrace(contentsOfRunAt: directory.appendingPathComponent("missing"))) {
            XCTAssertTrue("\($0)".hasPrefix("dop.csv: cannot read "), "\($0)")
        }
    }

    func testTimesAreReadAsExactNanosecondsNotThroughDouble() throws {
        // 9007199.254740993 s is 2^53 + 1 ns, which a Double cannot hold.
        let dop = "time,throttle,ceiling,running,waiting,cause\n9007199.254740993,a,1,0,0,register\n1e3,a,1,0,0,grant\n"
        XCTAssertThrowsError(try ThrottleTrace(dopCSV: dop)) {
            XCTAssertEqual(
                "\($0)", #"dop.csv:3: column "time": expected seconds with at most 9 decimals, found "1e3""#)
        }
        let trace = try ThrottleTrace(
            dopCSV: "time,throttle,ceiling,running,waiting,cause\n9007199.254740993,a,1,0,0,register\n")
        XCTAssertEqual(trace.entries[0].instant, TimePoint(nanoseconds: 9_007_199_254_740_993))
        for bad in ["1.0000000001", "1.", ".5", "-", "12s", "99999999999.0"] {
            let text = "time,throttle,ceiling,running,waiting,cause\n\(bad),a,1,0,0,register\n"
            XCTAssertThrowsError(try ThrottleTrace(dopCSV: text), bad)
        }
        let short = try ThrottleTrace(dopCSV: "time,throttle,ceiling,running,waiting,cause\n-0.5,a,1,0,0,register\n")
        XCTAssertEqual(short.entries[0].instant, TimePoint(nanoseconds: -500_000_000))
    }

    func testEveryActionOfEventsCSVIsRead() throws {
        let events = """
            time,throttle,action,outcome,ceiling_before,ceiling_after
            1.0,a,up,unchanged,4,4
            1.0,a,up 2,unchanged,4,4
            1.0,a,down 2,applied,4,2
            1.0,a,set 3,applied,2,3
            1.0,a,percent 50,clamped,3,2
            1.0,a,"profile gentle, recovery",profile-started,2,2
            """
        let trace = try ThrottleTrace(
            dopCSV: "time,throttle,ceiling,running,waiting,cause\n0,a,4,0,0,register\n", eventsCSV: events)
        let actions = trace.entries.flatMap(\.actions).compactMap { action -> ScalingAction? in
            if case .scaled(let record) = action { return record.action }
            return nil
        }
        XCTAssertEqual(
            actions, [.up(), .up(by: 2), .down(by: 2), .set(dop: 3), .percent(50), .profile("gentle, recovery")])
    }

    func testBadFilesAreReportedWithFileLineAndColumn() {
        let cases: [(dop: String, events: String?, tasks: String?, message: String)] = [
            (
                "time,throttle,dop\n", nil, nil,
                #"dop.csv:1: expected the header "time,throttle,ceiling,running,waiting,cause", found "time,throttle,dop""#
            ),
            (
                "time,throttle,ceiling,running,waiting,cause\n0,a,1,0,0,boom\n", nil, nil,
                #"dop.csv:2: column "cause": expected one of register, grant, queue, grant-waiter, done, cancel, fail, scale, delete, found "boom""#
            ),
            (
                "time,throttle,ceiling,running,waiting,cause\n0,a,x,0,0,grant\n", nil, nil,
                #"dop.csv:2: column "ceiling": expected an integer, found "x""#
            ),
            (
                "time,throttle,ceiling,running,waiting,cause\n2,a,1,0,0,register\n1,a,1,1,0,grant\n", nil, nil,
                #"dop.csv:3: column "time": 1.000000000s comes after 2.000000000s: rows must be in time order"#
            ),
            (
                "time,throttle,ceiling,running,waiting,cause\n0,a,1,0,0\n", nil, nil,
                "dop.csv:2: expected 6 fields, found 5"
            ),
            (
                "time,throttle,ceiling,running,waiting,cause\n0,\"a,1,0,0,grant\n", nil, nil,
                "dop.csv:2: a quoted field is never closed"
            ),
            (
                // The quoted name spans lines 2 and 3, so the bad row is on line 4.
                "time,throttle,ceiling,running,waiting,cause\n0,\"a\nb\",1,0,0,register\n1,a\"b,1,0,0,grant\n",
                nil, nil,
                "dop.csv:4: a quote inside an unquoted field"
            ),
            ("", nil, nil, "dop.csv:1: expected a header row, got an empty file"),
            (
                RunFixture.dop,
                "time,throttle,action,outcome,ceiling_before,ceiling_after\n0,crawler,jump,applied,1,2\n", nil,
                #"events.csv:2: column "action": expected up, down, set, percent or profile ("down 2", "set 5"), found "jump""#
            ),
            (
                RunFixture.dop, nil,
                "task,throttle,arrival,start,end,wait,service,sojourn\n0,crawler,0.0,1.0,2.0,0.5,1.0,2.0\n",
                #"tasks.csv:2: column "wait": found "0.5", but the task's times give 1.000000000"#
            ),
            (
                RunFixture.dop, nil, "task,throttle,arrival,start,end,wait,service,sojourn\n0,crawler,0.0,,,,,1.0\n",
                #"tasks.csv:2: column "sojourn": found "1.0", but the task's times give an empty field"#
            ),
        ]
        for (dop, events, tasks, message) in cases {
            XCTAssertThrowsError(try ThrottleTrace(dopCSV: dop, eventsCSV: events, tasksCSV: tasks)) {
                XCTAssertEqual("\($0)", message)
            }
        }
    }

    func testFaultsInALoadedRunAreCaught() throws {
        // Task 3 arrived after task 2 but was granted first: a FIFO breach only tasks.csv can show.
        let dop = """
            time,throttle,ceiling,running,waiting,cause
            0,crawler,2,0,0,register
            0,crawler,2,1,0,grant
            0.5,crawler,2,2,0,grant
            1.0,crawler,2,2,1,queue
            1.2,crawler,2,2,2,queue
            1.5,crawler,2,1,2,done
            1.5,crawler,2,2,1,grant-waiter
            3.0,crawler,2,1,1,done
            3.0,crawler,2,2,0,grant-waiter
            4.0,crawler,2,1,0,done
            4.5,crawler,2,0,0,done
            """
        let tasks = """
            task,throttle,arrival,start,end,wait,service,sojourn
            0,crawler,0,0,1.5,0,1.5,1.5
            1,crawler,0.5,0.5,3.0,0,2.5,2.5
            2,crawler,1.0,3.0,4.5,2.0,1.5,3.5
            3,crawler,1.2,1.5,4.0,0.3,2.5,2.8
            """
        let unordered = try ThrottleTrace(dopCSV: dop, tasksCSV: tasks, configs: [RunFixture.config])
        let violations = InvariantChecker().violations(in: unordered)
        XCTAssertEqual(violations.map(\.invariant), [.fifo])
        XCTAssertEqual(
            violations.first?.message,
            "task 2 arrived at 1.000000000s and started at 3.000000000s, after task 3, which arrived later "
                + "(1.200000000s) and started at 1.500000000s (tasks)")

        // A task missing from tasks.csv is lost.
        let lost = try ThrottleTrace(
            dopCSV: RunFixture.dop,
            tasksCSV: String(RunFixture.tasks.split(separator: "\n").dropLast().joined(separator: "\n")),
            configs: [RunFixture.config])
        XCTAssertEqual(InvariantChecker().violations(in: lost).map(\.invariant), [.conservation])

        // Without the config, max comes from the ceiling at registration.
        let overMax = try ThrottleTrace(
            dopCSV: RunFixture.dop + "5.000000000,crawler,3,0,0,scale\n")
        let overMaxViolations = InvariantChecker().violations(in: overMax)
        XCTAssertEqual(overMaxViolations.map(\.invariant), [.ceilingWithinBounds])
        XCTAssertEqual(overMaxViolations.first?.message, #"the ceiling after "scale" is 3, outside [?, 2]"#)
    }

    func testANameReusedAfterDeleteGetsANewIdentifier() throws {
        let dop = """
            time,throttle,ceiling,running,waiting,cause
            0,a,1,0,0,register
            1,a,1,0,0,delete
            1,a,3,0,0,register
            2,a,3,1,0,grant
            """
        let trace = try ThrottleTrace(dopCSV: dop)
        XCTAssertEqual(trace.ids(named: "a"), [ThrottleID(slot: 0, generation: 0), ThrottleID(slot: 0, generation: 1)])
        XCTAssertEqual(InvariantChecker(end: .inProgress).violations(in: trace), [])
    }
}
