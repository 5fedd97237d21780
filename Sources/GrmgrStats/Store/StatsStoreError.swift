#if WithStats
/// A database operation that failed, with a message that says which database and why.
public struct StatsStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, for a person: `cannot open SQLite database /x/stats.db: directory /x does not exist`.
    public let description: String

    /// Creates an error.
    public init(_ description: String) {
        self.description = description
    }
}
#endif
