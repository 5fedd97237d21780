/// A process exit status, following swift-argument-parser: 0 success, 1 failure, 64 usage error.
///
/// Throwing an `ExitCode` from ``Command/run(_:context:)`` ends the process with that status and prints nothing
/// more (for commands that have already explained the failure).
struct ExitCode: Error, Hashable, Sendable {
    /// The status the process exits with.
    var rawValue: Int32

    /// Creates an exit code.
    init(_ rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The command did what was asked.
    static let success = ExitCode(0)
    /// The command ran and failed (a bad scenario, an I/O error).
    static let failure = ExitCode(1)
    /// The command line itself was wrong (`EX_USAGE` from `sysexits.h`).
    static let usageError = ExitCode(64)
}
