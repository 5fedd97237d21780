#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command's output (stdout) and diagnostics (stderr) go; tests substitute closures that capture.
///
/// Help and results go to standard output, errors and progress to standard error, as swift-argument-parser
/// does, so that `grmgr-sim run … > table.txt` captures only the results.
final class Console: Sendable {
    private let writeOutput: @Sendable (String) -> Void
    private let writeError: @Sendable (String) -> Void
    /// Whether standard error is a terminal: progress bars draw only then.
    let isErrorTerminal: Bool

    /// A console with the given sinks.
    init(
        isErrorTerminal: Bool = false,
        output: @escaping @Sendable (String) -> Void,
        error: @escaping @Sendable (String) -> Void
    ) {
        self.isErrorTerminal = isErrorTerminal
        self.writeOutput = output
        self.writeError = error
    }

    /// The process's standard output and standard error.
    static let standard = Console(
        isErrorTerminal: isatty(2) != 0,
        output: { text in Swift.print(text, terminator: "") },
        error: { text in writeAll(text, to: 2) }
    )

    /// Writes `text` and a newline to standard output.
    func print(_ text: String) {
        writeOutput(text + "\n")
    }

    /// Writes `text` and a newline to standard error.
    func printError(_ text: String) {
        writeError(text + "\n")
    }

    /// Writes `text` as is to standard error (for a progress bar's carriage-return redraws).
    func writeToError(_ text: String) {
        writeError(text)
    }
}

/// Writes all of `text` to a file descriptor, unbuffered, so that it is never lost in a buffer at exit.
private func writeAll(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}
