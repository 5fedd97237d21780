/// A fetched page: its URL and the HTTP status the site answered with.
public struct Page: Hashable, Sendable {
    /// The page's URL.
    public var url: String
    /// The HTTP status: 200 for a page, 503 when the site is overloaded.
    public var status: Int

    /// Creates a page.
    public init(url: String, status: Int) {
        self.url = url
        self.status = status
    }
}

/// Fetches pages: over HTTP in production, from a simulated site in tests.
public protocol PageFetcher: Sendable {
    /// Fetches one page; an overloaded site answers with status 503.
    func fetch(_ url: String) async throws -> Page
}
