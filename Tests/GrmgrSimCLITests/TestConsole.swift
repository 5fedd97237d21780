import Synchronization

@testable import grmgr_sim

/// A console that keeps what commands print, for in-process tests of the command-line framework.
final class TestConsole: Sendable {
    /// Text collected from one stream.
    private final class Buffer: Sendable {
        let text = Mutex("")
    }

    private let output = Buffer()
    private let error = Buffer()
    let console: Console

    init(isErrorTerminal: Bool = false) {
        let output = output
        let error = error
        console = Console(
            isErrorTerminal: isErrorTerminal,
            output: { text in output.text.withLock { $0 += text } },
            error: { text in error.text.withLock { $0 += text } }
        )
    }

    /// Everything printed to standard output so far.
    var standardOutput: String { output.text.withLock { $0 } }
    /// Everything printed to standard error so far.
    var standardError: String { error.text.withLock { $0 } }
}
