/// A mistake on the command line: an unknown option, a missing argument, a bad value.
///
/// Reported on stderr as `Error: <message>`, a blank line and the command's usage, with exit status 64.
/// Commands throw it from ``Command/run(_:context:)`` for checks the parser cannot make (say, a malformed
/// `--vary` setting).
struct UsageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong, in lower case without a final period: `unknown option '--colour'`.
    var message: String

    /// Creates a usage error.
    init(_ message: String) {
        self.message = message
    }

    /// The message.
    var description: String { message }
}
