import Grmgr
import GrmgrTesting
import Testing

/// The Swift Testing forms of the expectations: an issue at the caller's source location on failure.
@Suite("Swift Testing expectations")
struct SwiftTestingExpectationsTests {
    let trace: ThrottleTrace

    init() throws {
        trace = try ThrottleTrace(
            dopCSV: RunFixture.dop, eventsCSV: RunFixture.events, tasksCSV: RunFixture.tasks,
            configs: [RunFixture.config])
    }

    @Test("Expectations that hold record no issue")
    func passingExpectations() {
        #expect(expectThrottleInvariants(trace))
        #expect(expectDop(trace, of: "crawler", staysWithin: 1...2))
        #expect(expectDop(trace, of: "crawler", reaches: 1, within: .seconds(1), after: .seconds(1)))
        #expect(expectWait(trace, of: "crawler", quantile: 0.99, atMost: .seconds(1)))
        #expect(expectThroughput(trace, atLeast: 0.3))
        #expect(expectNoLostTasks(trace))
    }

    @Test("A failing expectation records an issue at the caller's line, with the failure's text")
    func failingExpectationPointsAtTheCaller() {
        let line = #line + 2
        withKnownIssue {
            expectDop(trace, of: "crawler", staysWithin: 2...2)
        } matching: { issue in
            issue.sourceLocation?.line == line
                && issue.comments.contains { $0.rawValue.contains(#"to stay within 2...2"#) }
        }
    }

    @Test("Every expectation records its failure")
    func everyExpectationRecords() throws {
        let unfinished = try ThrottleTrace(dopCSV: "time,throttle,ceiling,running,waiting,cause\n0,a,1,1,0,grant\n")
        withKnownIssue {
            #expect(!expectDop(trace, of: "crawler", reaches: 0, within: .seconds(1), after: .zero))
            #expect(!expectRecovery(trace, of: "crawler", toMaxWithin: .seconds(5)))
            #expect(!expectWait(trace, quantile: 1, atMost: .zero))
            #expect(!expectThroughput(trace, of: "crawler", atLeast: 100))
            #expect(!expectThrottleInvariants(unfinished))
            #expect(!expectNoLostTasks(unfinished))
        } matching: { issue in
            issue.comments.contains { $0.rawValue.hasPrefix("expected ") }
        }
    }
}
