import Crawler
import Grmgr
import GrmgrTesting
import Testing

/// The crawler under overloads, in Swift Testing.
@Suite("Crawler in virtual time")
struct CrawlerSwiftTestingTests {
    @Test(
        "Every page is fetched once and the throttle keeps its invariants",
        arguments: [
            [],
            [VirtualClock.Instant.seconds(5)..<(.seconds(6))],
            [.seconds(2)..<(.seconds(4)), .seconds(12)..<(.seconds(13)), .seconds(27)..<(.seconds(28))],
        ] as [[Range<VirtualClock.Instant>]])
    func everyPageOnceWithinTheInvariants(overloads: [Range<VirtualClock.Instant>]) async throws {
        let (pages, trace) = try await crawlSite(overloads: overloads)
        #expect(pages.map(\.url) == siteURLs)
        #expect(pages.allSatisfy { $0.status == 200 })
        expectThrottleInvariants(trace)
        expectNoLostTasks(trace)
        expectDop(trace, of: "crawler", staysWithin: 4...8)
        expectWait(trace, of: "crawler", quantile: 0.99, atMost: .seconds(1))
    }

    @Test("An overload steps the dop down at once, and the profile brings it back to max")
    func overloadAndRecovery() async throws {
        let (_, trace) = try await crawlSite(overloads: [.seconds(5)..<(.seconds(6))])
        expectDop(trace, of: "crawler", reaches: 4, within: .milliseconds(50), after: .seconds(5))
        expectRecovery(trace, of: "crawler", toMaxWithin: .seconds(40))
        expectThroughput(trace, of: "crawler", atLeast: 15, during: .zero...(.seconds(30)))
    }

    @Test("Without an overload the dop never moves")
    func noOverload() async throws {
        let (_, trace) = try await crawlSite(overloads: [])
        expectDop(trace, of: "crawler", staysWithin: 8...8)
        withKnownIssue("nothing to recover from: the expectation says so rather than passing vacuously") {
            expectRecovery(trace, of: "crawler", toMaxWithin: .seconds(40))
        }
    }
}
