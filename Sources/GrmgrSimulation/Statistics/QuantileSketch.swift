public import Grmgr

/// Quantiles of non-negative nanosecond values in fixed memory: a log-linear histogram in the style of
/// HdrHistogram, with exact count, sum, mean, minimum and maximum.
///
/// Layout: values below 1,024 ns each have their own bucket; above that, every power-of-two range
/// [2ᵏ, 2ᵏ⁺¹) is cut into 512 equal buckets. A value lies in its bucket, and ``quantile(_:)`` answers with the
/// bucket's midpoint (the lowest and highest ranks answer with the exact ``min`` and ``max``), so:
///
/// - **Error bound:** the answer is within 1/1,024 (0.098 %) of the exact nearest-rank quantile, relative to
///   that exact value; below 1,024 ns it is exact. The answer is also clamped to the exact ``min`` and
///   ``max``, and `quantile(0)` and `quantile(1)` are exactly ``min`` and ``max``.
/// - **Memory:** 28,160 counters (220 KiB) cover every `Int64` value, allocated once in `init`; inserting never
///   allocates (unless the sketch was copied, when the first insert copies it once).
/// - **Determinism:** integer buckets and the nearest-rank rule give the same answer for the same values in
///   any order, on any machine; ``merge(_:)`` of parts equals the sketch of the whole, exactly.
///
/// Nearest rank: `quantile(p)` is the value of rank ⌈*p*·*n*⌉ (at least 1) among the *n* values in ascending
/// order, with *p*·*n* computed in `Double`.
public struct QuantileSketch: Hashable, Sendable {
    /// Buckets per power of two above the linear range; 512 gives a half-bucket of at most 1/1,024.
    private static let subBucketBits = 9
    /// Values below this have one bucket each.
    private static let linearLimit: UInt64 = 1 << (subBucketBits + 1)
    /// Bucket count for every value up to `Int64.max`: the largest shift is 63 − 10 = 53, and shift *s* uses
    /// indices up to (*s* + 2)·512 − 1.
    static let bucketCount = (63 - (subBucketBits + 1) + 2) << subBucketBits

    private var counts: ContiguousArray<UInt64>
    /// How many values were inserted.
    public private(set) var count: Int = 0
    /// The exact sum of the inserted values, in nanoseconds.
    public private(set) var sumNanoseconds: Int128 = 0
    private var smallest: Int64 = .max
    private var largest: Int64 = 0

    /// An empty sketch; allocates its 220 KiB of counters.
    public init() {
        counts = ContiguousArray(repeating: 0, count: Self.bucketCount)
    }

    /// Records a value.
    ///
    /// - Precondition: `value` is not negative (waits, services and sojourns never are).
    /// - Complexity: O(1), without allocation.
    @inline(__always)
    public mutating func insert(_ value: TimeAmount) {
        insert(nanoseconds: value.nanoseconds)
    }

    /// Records a value given in nanoseconds.
    ///
    /// - Precondition: `nanoseconds` is not negative.
    /// - Complexity: O(1), without allocation.
    @inline(__always)
    public mutating func insert(nanoseconds: Int64) {
        precondition(nanoseconds >= 0, "QuantileSketch takes non-negative values, got \(nanoseconds) ns")
        counts[Self.bucketIndex(UInt64(nanoseconds))] &+= 1
        count &+= 1
        sumNanoseconds &+= Int128(nanoseconds)
        if nanoseconds < smallest { smallest = nanoseconds }
        if nanoseconds > largest { largest = nanoseconds }
    }

    /// Adds every value that `other` recorded; the result equals a sketch of all the values.
    ///
    /// - Complexity: O(number of buckets), about 28,000 additions.
    public mutating func merge(_ other: QuantileSketch) {
        guard other.count > 0 else { return }
        counts.withUnsafeMutableBufferPointer { mine in
            other.counts.withUnsafeBufferPointer { theirs in
                for index in mine.indices { mine[index] &+= theirs[index] }
            }
        }
        count += other.count
        sumNanoseconds += other.sumNanoseconds
        smallest = Swift.min(smallest, other.smallest)
        largest = Swift.max(largest, other.largest)
    }

    /// The smallest value, exactly, or `nil` when the sketch is empty.
    public var min: TimeAmount? { count > 0 ? TimeAmount(nanoseconds: smallest) : nil }

    /// The largest value, exactly, or `nil` when the sketch is empty.
    public var max: TimeAmount? { count > 0 ? TimeAmount(nanoseconds: largest) : nil }

    /// The mean, from the exact sum, rounded to the nearest nanosecond (halves up); `nil` when empty.
    public var mean: TimeAmount? {
        guard count > 0 else { return nil }
        let divisor = Int128(count)
        let (quotient, remainder) = sumNanoseconds.quotientAndRemainder(dividingBy: divisor)
        let rounded = 2 * remainder >= divisor ? quotient + 1 : quotient
        return TimeAmount(nanoseconds: Int64(rounded))
    }

    /// The nearest-rank quantile `p`, within 0.098 % of the exact value; `nil` when the sketch is empty.
    ///
    /// - Parameter p: a probability in `0...1`; 0 gives ``min`` and 1 gives ``max``, exactly.
    /// - Complexity: O(number of buckets between ``min`` and ``max``).
    public func quantile(_ p: Double) -> TimeAmount? {
        precondition(p >= 0 && p <= 1, "a quantile's probability must be in 0...1, got \(p)")
        guard count > 0 else { return nil }
        let rank = Swift.max(1, UInt64((p * Double(count)).rounded(.up)))
        // The extreme ranks are known exactly: no need for a bucket's midpoint.
        if rank == 1 { return TimeAmount(nanoseconds: smallest) }
        if rank >= UInt64(count) { return TimeAmount(nanoseconds: largest) }
        let first = Self.bucketIndex(UInt64(smallest))
        let last = Self.bucketIndex(UInt64(largest))
        var seen: UInt64 = 0
        var index = first
        while index < last {
            seen &+= counts[index]
            if seen >= rank { break }
            index += 1
        }
        let (lower, width) = Self.bucketBounds(index)
        let middle = Int64(lower + (width - 1) / 2)
        return TimeAmount(nanoseconds: Swift.min(Swift.max(middle, smallest), largest))
    }

    /// The bucket of a value: its own below ``linearLimit``, else one of 512 in its power of two.
    @inline(__always)
    static func bucketIndex(_ value: UInt64) -> Int {
        let significantBits = 64 - value.leadingZeroBitCount
        let shift = Swift.max(0, significantBits - (subBucketBits + 1))
        return (shift << subBucketBits) + Int(truncatingIfNeeded: value >> UInt64(shift))
    }

    /// The smallest value in a bucket and how many values it spans.
    static func bucketBounds(_ index: Int) -> (lower: UInt64, width: UInt64) {
        guard UInt64(index) >= linearLimit else { return (UInt64(index), 1) }
        let shift = (index >> subBucketBits) - 1
        let mantissa = UInt64(index - (shift << subBucketBits))
        return (mantissa << UInt64(shift), 1 << UInt64(shift))
    }
}
