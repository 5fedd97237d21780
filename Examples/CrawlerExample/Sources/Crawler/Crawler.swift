public import Grmgr
internal import Synchronization

/// Fetches a list of pages with at most the throttle's ceiling of fetches at once, and answers a site's
/// overload (HTTP 503) by stepping its throttle down and recovering through a profile.
///
/// The crawler takes its clock as a parameter, so that tests run it in virtual time.
public struct Crawler<C: Clock>: Sendable where C.Duration == Duration {
    /// The throttle's settings: 8 fetches at once, down to 4 on overload, back up by 2, at most one
    /// change every 20 seconds.
    public static var settings: ThrottleConfig {
        // Constant, valid settings: the initialiser cannot throw for them.
        try! ThrottleConfig(name: "crawler", dop: 8, down: 4, up: 2, min: 4, hold: .seconds(20))
    }

    /// The recovery after an overload: up 2 after 20 seconds, and 2 more after 40.
    public static var recovery: ScalingProfile {
        try! ScalingProfile(
            name: "crawler-recovery",
            steps: [.init(after: .seconds(20), action: .up()), .init(after: .seconds(40), action: .up())])
    }

    /// The crawler's throttle.
    public let throttle: Throttle
    private let fetcher: any PageFetcher
    private let clock: C
    private let retryDelay: Duration

    /// Registers the crawler's throttle and recovery profile with `service`.
    ///
    /// - Parameters:
    ///   - service: The throttle service; a test passes a `VirtualTimeHarness`'s service.
    ///   - fetcher: Where pages come from.
    ///   - clock: The clock for backing off after an overload; the service's clock.
    ///   - retryDelay: How long to back off before fetching an overloaded page again.
    /// - Throws: `ThrottleError` when the service has a throttle or profile of the same name.
    public init(
        service: ThrottleService<C>, fetcher: any PageFetcher, clock: C, retryDelay: Duration = .seconds(1)
    ) throws {
        try service.registerProfile(Self.recovery)
        throttle = try service.makeThrottle(Self.settings)
        self.fetcher = fetcher
        self.clock = clock
        self.retryDelay = retryDelay
    }

    /// Fetches every page of `urls`, at most the throttle's ceiling at once.
    ///
    /// - Returns: The pages, sorted by URL.
    public func crawl(_ urls: [String]) async throws -> [Page] {
        let pages = Mutex<[Page]>([])
        try await throttle.concurrentForEach(urls) { url in
            let page = try await fetch(url)
            pages.withLock { $0.append(page) }
        }
        return pages.withLock { $0 }.sorted { $0.url < $1.url }
    }

    /// Fetches one page in its slot; on an overload, steps down and backs off before trying again.
    private func fetch(_ url: String) async throws -> Page {
        while true {
            let page = try await fetcher.fetch(url)
            guard page.status == 503 else { return page }
            try overloaded()
            try await Task.sleep(for: retryDelay, clock: clock)
        }
    }

    /// Steps the throttle down and starts the recovery over. Within the hold the throttle refuses the
    /// down(), but a refused request still cancels a running profile (a newer event supersedes it), so
    /// the recovery is started again after every signal: it runs from the last overload.
    private func overloaded() throws {
        try throttle.down()
        try throttle.startProfile(named: Self.recovery.name)
    }
}
