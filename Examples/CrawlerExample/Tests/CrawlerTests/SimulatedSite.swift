import Crawler
import Grmgr
import GrmgrTesting

/// A site in virtual time: a page takes `latency` to fetch, and during its `overloads` the site answers every
/// request with 503 after 50 milliseconds.
struct SimulatedSite: PageFetcher {
    let clock: VirtualClock
    var latency: Duration = .milliseconds(250)
    var overloads: [Range<VirtualClock.Instant>] = []

    func fetch(_ url: String) async throws -> Page {
        let now = clock.now
        if overloads.contains(where: { $0.contains(now) }) {
            try await Task.sleep(for: .milliseconds(50), clock: clock)
            return Page(url: url, status: 503)
        }
        try await Task.sleep(for: latency, clock: clock)
        return Page(url: url, status: 200)
    }
}

/// The pages of the test site, `page-000` to `page-599`.
let siteURLs = (0..<600).map { index in "https://example.com/page-\(String(1_000 + index).dropFirst())" }

/// Crawls the test site in virtual time, with the site overloaded during `overloads`, for two minutes.
///
/// - Returns: The pages fetched and the trace of the crawler's throttle service.
func crawlSite(overloads: [Range<VirtualClock.Instant>]) async throws -> (pages: [Page], trace: ThrottleTrace) {
    let harness = VirtualTimeHarness()
    let site = SimulatedSite(clock: harness.clock, overloads: overloads)
    let crawler = try Crawler(service: harness.service, fetcher: site, clock: harness.clock)
    let crawl = harness.spawn { try await crawler.crawl(siteURLs) }
    harness.advance(by: .seconds(120))
    return (try await crawl.value, harness.trace)
}
