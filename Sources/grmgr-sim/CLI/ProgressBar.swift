import Synchronization

/// A progress bar with percentage and ETA on standard error, drawn only when standard error is a terminal.
///
/// Redraws are throttled (ten a second by default), so calling ``advance(by:)`` once per work item is cheap;
/// when the bar is disabled (output piped, in CI, in tests) every call returns at once and nothing is written.
/// Safe to share between threads: parallel sweep jobs advance the same bar.
///
/// ```
/// sweep [#############.................]  43% ETA 1:05
/// ```
final class ProgressBar: Sendable {
    private struct State {
        var completed = 0
        var lastDraw: ContinuousClock.Instant?
        var finished = false
    }

    /// The number of work items.
    let total: Int
    /// The text before the bar.
    let label: String
    /// Whether anything is drawn at all.
    let isEnabled: Bool

    private let console: Console
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let minimumInterval: Duration
    private let state = Mutex(State())

    /// Width of the bar between its brackets.
    static let barWidth = 30

    /// A bar for `total` items, enabled when the console's standard error is a terminal (unless overridden).
    init(
        total: Int,
        label: String,
        console: Console = .standard,
        isEnabled: Bool? = nil,
        minimumInterval: Duration = .milliseconds(100)
    ) {
        self.total = total
        self.label = label
        self.console = console
        self.isEnabled = isEnabled ?? console.isErrorTerminal
        self.minimumInterval = minimumInterval
        self.start = clock.now
    }

    /// Records `count` more finished items and redraws if the last redraw is old enough.
    func advance(by count: Int = 1) {
        guard isEnabled else { return }
        redraw { $0 += count }
    }

    /// Records that `completed` items are finished and redraws if the last redraw is old enough.
    func update(completed: Int) {
        guard isEnabled else { return }
        redraw { $0 = completed }
    }

    /// Draws the final, complete bar with the elapsed time and ends its line. Later calls do nothing.
    func finish() {
        guard isEnabled else { return }
        let line: String? = state.withLock { state in
            guard !state.finished else { return nil }
            state.finished = true
            return Self.render(
                label: label,
                completed: total,
                total: total,
                elapsed: clock.now - start,
                finished: true
            )
        }
        if let line { console.writeToError(line) }
    }

    private func redraw(_ change: (inout Int) -> Void) {
        let now = clock.now
        let line: String? = state.withLock { state in
            guard !state.finished else { return nil }
            change(&state.completed)
            if let lastDraw = state.lastDraw, now - lastDraw < minimumInterval, state.completed < total {
                return nil
            }
            state.lastDraw = now
            return Self.render(
                label: label,
                completed: state.completed,
                total: total,
                elapsed: now - start,
                finished: false
            )
        }
        if let line { console.writeToError(line) }
    }

    /// One frame: a carriage return, the label, the bar, the percentage and the ETA (or, when finished, the
    /// elapsed time and a newline), and an erase-to-end-of-line so a shorter frame leaves no debris.
    static func render(label: String, completed: Int, total: Int, elapsed: Duration, finished: Bool) -> String {
        let done = total > 0 ? Swift.min(Swift.max(completed, 0), total) : 0
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
        let percent = String(Int((fraction * 100).rounded(.down)))
        let paddedPercent = String(repeating: " ", count: 3 - percent.count) + percent
        let elapsedSeconds = seconds(elapsed)
        let tail: String
        if finished {
            tail = "in \(clockText(elapsedSeconds))\u{1B}[K\n"
        } else if done > 0 {
            let remaining = elapsedSeconds / Double(done) * Double(total - done)
            tail = "ETA \(clockText(remaining))\u{1B}[K"
        } else {
            tail = "ETA --:--\u{1B}[K"
        }
        return "\r\(label) [\(bar)] \(paddedPercent)% \(tail)"
    }

    /// `m:ss` below an hour, `h:mm:ss` from an hour on, rounded up to whole seconds.
    static func clockText(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up).clamped(to: 0...359_999_999))
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(secs))" : "\(minutes):\(twoDigits(secs))"
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

extension Double {
    /// The value limited to `range`; not-a-number becomes the lower bound.
    fileprivate func clamped(to range: ClosedRange<Double>) -> Double {
        guard !isNaN else { return range.lowerBound }
        return Swift.min(Swift.max(self, range.lowerBound), range.upperBound)
    }
}
