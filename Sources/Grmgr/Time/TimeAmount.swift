/// A span of time in whole nanoseconds.
///
/// The core and the simulator count time in integers, never in floating point, so that the same
/// scenario gives the same instants on every machine. Arithmetic saturates instead of trapping: a hold
/// of "2562047h" added to a late instant stays at the far end of time rather than crashing.
public struct TimeAmount: Hashable, Comparable, Sendable {
    /// The span in nanoseconds; negative spans are allowed (they arise from subtraction).
    public var nanoseconds: Int64

    /// Creates a span of the given number of nanoseconds.
    @inlinable
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// The empty span.
    public static let zero = TimeAmount(nanoseconds: 0)

    /// A span of `amount` nanoseconds.
    @inlinable
    public static func nanoseconds(_ amount: Int64) -> TimeAmount {
        TimeAmount(nanoseconds: amount)
    }

    /// A span of `amount` microseconds, saturated at the bounds of `Int64` nanoseconds.
    @inlinable
    public static func microseconds(_ amount: Int64) -> TimeAmount {
        TimeAmount(nanoseconds: amount.saturatingMultiplied(by: 1_000))
    }

    /// A span of `amount` milliseconds, saturated at the bounds of `Int64` nanoseconds.
    @inlinable
    public static func milliseconds(_ amount: Int64) -> TimeAmount {
        TimeAmount(nanoseconds: amount.saturatingMultiplied(by: 1_000_000))
    }

    /// A span of `amount` seconds, saturated at the bounds of `Int64` nanoseconds.
    @inlinable
    public static func seconds(_ amount: Int64) -> TimeAmount {
        TimeAmount(nanoseconds: amount.saturatingMultiplied(by: 1_000_000_000))
    }

    /// A span of `amount` minutes, saturated at the bounds of `Int64` nanoseconds.
    @inlinable
    public static func minutes(_ amount: Int64) -> TimeAmount {
        TimeAmount(nanoseconds: amount.saturatingMultiplied(by: 60_000_000_000))
    }

    /// A span of `amount` hours, saturated at the bounds of `Int64` nanoseconds.
    @inlinable
    public static func hours(_ amount: Int64) -> TimeAmount {
        TimeAmount(nanoseconds: amount.saturatingMultiplied(by: 3_600_000_000_000))
    }

    /// The span closest to `seconds` seconds, rounded to the nearest nanosecond and saturated.
    ///
    /// Used where a distribution draws a duration in floating point; the result is an integer from then on.
    /// Not-a-number gives zero.
    @inlinable
    public init(seconds: Double) {
        let nanoseconds = (seconds * 1e9).rounded()
        if nanoseconds.isNaN {
            self.init(nanoseconds: 0)
        } else if !(nanoseconds < 9.223_372_036_854_775e18) {
            self.init(nanoseconds: .max)
        } else if !(nanoseconds > -9.223_372_036_854_775e18) {
            self.init(nanoseconds: .min)
        } else {
            self.init(nanoseconds: Int64(nanoseconds))
        }
    }

    /// The span as a Swift `Duration`.
    @inlinable
    public var duration: Duration { .nanoseconds(nanoseconds) }

    /// The span in seconds as a `Double`, for statistics and display only.
    @inlinable
    public var seconds: Double { Double(nanoseconds) / 1e9 }

    /// Creates a span from a Swift `Duration`, dropping attoseconds below a nanosecond and saturating.
    public init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let whole = seconds.saturatingMultiplied(by: 1_000_000_000)
        self.init(nanoseconds: whole.saturatingAdded(attoseconds / 1_000_000_000))
    }

    /// Orders by nanoseconds.
    @inlinable
    public static func < (lhs: TimeAmount, rhs: TimeAmount) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// The saturated sum of two spans.
    @inlinable
    public static func + (lhs: TimeAmount, rhs: TimeAmount) -> TimeAmount {
        TimeAmount(nanoseconds: lhs.nanoseconds.saturatingAdded(rhs.nanoseconds))
    }

    /// The saturated difference of two spans.
    @inlinable
    public static func - (lhs: TimeAmount, rhs: TimeAmount) -> TimeAmount {
        TimeAmount(nanoseconds: lhs.nanoseconds.saturatingSubtracted(rhs.nanoseconds))
    }

    /// The span repeated `factor` times, saturated.
    @inlinable
    public static func * (lhs: TimeAmount, factor: Int64) -> TimeAmount {
        TimeAmount(nanoseconds: lhs.nanoseconds.saturatingMultiplied(by: factor))
    }
}

extension Int64 {
    @inlinable
    func saturatingAdded(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }

    @inlinable
    func saturatingSubtracted(_ other: Int64) -> Int64 {
        let (difference, overflow) = subtractingReportingOverflow(other)
        guard overflow else { return difference }
        return other < 0 ? .max : .min
    }

    @inlinable
    func saturatingMultiplied(by other: Int64) -> Int64 {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        guard overflow else { return product }
        return (self < 0) == (other < 0) ? .max : .min
    }
}
