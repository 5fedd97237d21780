/// A point in time: whole nanoseconds since the epoch of the driver that owns the clock.
///
/// The simulator's epoch is the start of the scenario; the real-time service's epoch is the instant
/// the service was created. A point and a span are different types so that adding two points, a
/// classic clock bug, does not compile.
public struct TimePoint: Hashable, Comparable, Sendable {
    /// Nanoseconds since the epoch.
    public var nanoseconds: Int64

    /// Creates the point `nanoseconds` after the epoch.
    @inlinable
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// The epoch itself.
    public static let zero = TimePoint(nanoseconds: 0)

    /// The latest representable point, used as "never".
    public static let distantFuture = TimePoint(nanoseconds: .max)

    /// The span since the epoch.
    @inlinable
    public var sinceEpoch: TimeAmount { TimeAmount(nanoseconds: nanoseconds) }

    /// Seconds since the epoch as a `Double`, for statistics and display only.
    @inlinable
    public var seconds: Double { Double(nanoseconds) / 1e9 }

    /// Orders by nanoseconds.
    @inlinable
    public static func < (lhs: TimePoint, rhs: TimePoint) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// The point `amount` later, saturated at the ends of time.
    @inlinable
    public static func + (lhs: TimePoint, amount: TimeAmount) -> TimePoint {
        TimePoint(nanoseconds: lhs.nanoseconds.saturatingAdded(amount.nanoseconds))
    }

    /// The point `amount` earlier, saturated at the ends of time.
    @inlinable
    public static func - (lhs: TimePoint, amount: TimeAmount) -> TimePoint {
        TimePoint(nanoseconds: lhs.nanoseconds.saturatingSubtracted(amount.nanoseconds))
    }

    /// The span from `rhs` to `lhs`, saturated.
    @inlinable
    public static func - (lhs: TimePoint, rhs: TimePoint) -> TimeAmount {
        TimeAmount(nanoseconds: lhs.nanoseconds.saturatingSubtracted(rhs.nanoseconds))
    }
}
