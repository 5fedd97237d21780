import Crawler
import Grmgr
import GrmgrTesting
import XCTest

/// The crawler under an overload, in XCTest.
final class CrawlerTests: XCTestCase {
    func testTheCrawlerStepsDownOnOverloadAndRecoversThroughItsProfile() async throws {
        let harness = VirtualTimeHarness()
        let site = SimulatedSite(clock: harness.clock, overloads: [.seconds(5)..<(.seconds(6))])
        let crawler = try Crawler(service: harness.service, fetcher: site, clock: harness.clock)
        let crawl = harness.spawn { try await crawler.crawl(siteURLs) }
        harness.advance(by: .seconds(120))
        let pages = try await crawl.value

        XCTAssertEqual(pages.map(\.url), siteURLs)
        XCTAssertEqual(Set(pages.map(\.status)), [200])
        let trace = harness.trace
        XCTAssertThrottleInvariants(trace)
        XCTAssertNoLostTasks(trace)
        XCTAssertDop(trace, of: "crawler", staysWithin: 8...8, during: .zero...(.milliseconds(4_999)))
        XCTAssertDop(trace, of: "crawler", staysWithin: 4...8)
        XCTAssertDop(trace, of: "crawler", reaches: 4, within: .milliseconds(50), after: .seconds(5))
        XCTAssertRecovery(trace, of: "crawler", toMaxWithin: .seconds(40))
        XCTAssertWait(trace, of: "crawler", quantile: 0.99, atMost: .milliseconds(250))
        XCTAssertThroughput(trace, of: "crawler", atLeast: 15, during: .zero...(.seconds(30)))
    }

    func testAnOverloadWithinTheHoldStartsTheRecoveryOver() async throws {
        let (pages, trace) = try await crawlSite(overloads: [
            .seconds(5)..<(.seconds(6)), .seconds(20)..<(.seconds(21)),
        ])
        XCTAssertEqual(pages.count, siteURLs.count)
        XCTAssertThrottleInvariants(trace)
        // From 20s the site answers 503 again: the last of those answers comes at 20.1s. Its down() is
        // refused by the hold (the first came at 5.05s), but the recovery starts over from it: still at 4
        // until 40.1s, 6 then, and 8 at 60.1s.
        let lastSignal = TimePoint.milliseconds(20_100)
        XCTAssertDop(
            trace, of: "crawler", staysWithin: 4...4,
            during: .seconds(6)...(lastSignal + .seconds(20) - .nanoseconds(1)))
        XCTAssertDop(trace, of: "crawler", reaches: 6, within: .seconds(20), after: lastSignal)
        XCTAssertDop(trace, of: "crawler", reaches: 8, within: .seconds(40), after: lastSignal)
        XCTAssertRecovery(trace, of: "crawler", toMaxWithin: .seconds(56))
    }

    func testTheSameCrawlGivesTheSameTrace() async throws {
        let first = try await crawlSite(overloads: [.seconds(5)..<(.seconds(6))])
        let second = try await crawlSite(overloads: [.seconds(5)..<(.seconds(6))])
        XCTAssertEqual(first.trace, second.trace)
        XCTAssertEqual(first.pages, second.pages)
    }
}
