#if WithStats
import Grmgr

/// Exponential backoff: the first delay, then double each time up to a ceiling; reset on success.
struct Backoff {
    let initial: TimeAmount
    let maximum: TimeAmount
    private var next: TimeAmount

    init(initial: TimeAmount, maximum: TimeAmount) {
        self.initial = initial
        self.maximum = maximum
        next = initial
    }

    /// The delay before the next attempt.
    mutating func delay() -> TimeAmount {
        defer { next = Swift.min(next * 2, maximum) }
        return next
    }

    mutating func reset() {
        next = initial
    }
}
#endif
