/// Why a sweep cannot run, or why shard outputs cannot be merged or read.
///
/// The message says what was expected and what was found, like the scenario loader's errors:
/// `--vary hold=10: expected a Go duration such as "30s", got "10"`.
public struct SweepError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong, in lower case without a final period.
    public var message: String
    /// Whether the mistake is in how the sweep was asked for (a malformed `--vary` or `--shard`), as
    /// opposed to a sweep that does not fit its scenario or files that cannot be merged.
    public var isCommandLineMistake: Bool

    /// Creates an error.
    public init(_ message: String, isCommandLineMistake: Bool = false) {
        self.message = message
        self.isCommandLineMistake = isCommandLineMistake
    }

    /// The message.
    public var description: String { message }
}
