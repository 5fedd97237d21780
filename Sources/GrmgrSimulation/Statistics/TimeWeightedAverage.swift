public import Grmgr

/// The exact time integral and average of an integer step function of time, such as running tasks or a
/// throttle's ceiling, from a window start (the end of the warmup) on.
///
/// The value holds from one ``update(to:at:)`` to the next. The integral is kept in value·nanoseconds as an
/// `Int128`, so it is exact while it stays below 2¹²⁷ ≈ 1.7·10³⁸ (a value of a million held for a million
/// years is about 3·10²⁸); only ``average(until:)``'s final division rounds.
///
/// To measure the time spent in a state (say, at the minimum ceiling), track its indicator, 0 or 1: the
/// integral is then the time in nanoseconds.
public struct TimeWeightedAverage: Hashable, Sendable {
    /// Where the averaging window begins; time before it (the warmup) is left out.
    public let windowStart: TimePoint
    /// The current value of the step function.
    public private(set) var value: Int
    /// When the value last changed (or the initial instant).
    public private(set) var lastChange: TimePoint
    /// The integral over `[windowStart, lastChange)`.
    private var settledIntegral: Int128 = 0

    /// Starts tracking `value` from `time`, integrating only from `windowStart` (by default `time`) on.
    public init(value: Int, at time: TimePoint, windowStart: TimePoint? = nil) {
        self.value = value
        self.lastChange = time
        self.windowStart = windowStart ?? time
    }

    /// The function steps to `value` at `time`.
    ///
    /// - Precondition: `time` is not before the last change: time never runs backwards.
    /// - Complexity: O(1).
    @inline(__always)
    public mutating func update(to value: Int, at time: TimePoint) {
        precondition(time >= lastChange, "time went backwards: \(time.nanoseconds) ns < \(lastChange.nanoseconds) ns")
        settledIntegral += pendingIntegral(until: time)
        lastChange = time
        self.value = value
    }

    /// Adds 1 held over `[start, end)` (the part inside the window) to the integral: for a step function that
    /// is a count of intervals, such as running tasks, each interval can be added once it is known, in any
    /// order, instead of stepping the function at both of its ends.
    ///
    /// - Complexity: O(1).
    @inline(__always)
    public mutating func addInterval(from start: TimePoint, to end: TimePoint) {
        let from = Swift.max(start, windowStart)
        guard end > from else { return }
        settledIntegral += Int128(end.nanoseconds) - Int128(from.nanoseconds)
    }

    /// The exact integral, in value·nanoseconds, over `[windowStart, end)`.
    ///
    /// - Precondition: `end` is not before the last change.
    public func integral(until end: TimePoint) -> Int128 {
        precondition(end >= lastChange, "cannot integrate up to \(end.nanoseconds) ns, before the last change")
        return settledIntegral + pendingIntegral(until: end)
    }

    /// The time-weighted mean over `[windowStart, end)`: the integral divided by the window's length, rounded
    /// once (the integer part is exact, the remainder adds at most half a unit in the last place); `nil` for
    /// an empty window.
    ///
    /// - Precondition: `end` is not before the last change.
    public func average(until end: TimePoint) -> Double? {
        let span = Int128(end.nanoseconds) - Int128(windowStart.nanoseconds)
        guard span > 0 else { return nil }
        let (quotient, remainder) = integral(until: end).quotientAndRemainder(dividingBy: span)
        return Double(quotient) + Double(remainder) / Double(span)
    }

    /// The current value held over `[max(lastChange, windowStart), end)`.
    @inline(__always)
    private func pendingIntegral(until end: TimePoint) -> Int128 {
        let from = Swift.max(lastChange, windowStart)
        guard end > from else { return 0 }
        return Int128(value) * (Int128(end.nanoseconds) - Int128(from.nanoseconds))
    }
}
