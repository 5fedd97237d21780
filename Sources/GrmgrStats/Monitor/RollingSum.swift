#if WithStats
/// The sum of the latest `n` values of a series, for any `n` up to a fixed capacity, in O(1).
///
/// It keeps prefix sums in a ring: the sum of the latest `n` values is the difference of two of them, so
/// every window of the monitor is answered without walking its samples.
struct RollingSum {
    /// Prefix sums: `prefix[i % ring.count]` is the total of the first `i` values, for the latest `i`s.
    private var prefix: [Int64]
    /// How many values were added.
    private(set) var count = 0

    /// A sum that can answer windows of up to `capacity` values.
    init(capacity: Int) {
        prefix = Array(repeating: 0, count: Swift.max(capacity, 1) + 1)
    }

    /// The largest window it can answer.
    var capacity: Int { prefix.count - 1 }

    /// Adds the next value.
    mutating func append(_ value: Int) {
        let total = prefix[count % prefix.count] + Int64(value)
        count += 1
        prefix[count % prefix.count] = total
    }

    /// The sum of the latest `min(n, count)` values, and how many that is.
    ///
    /// - Precondition: `n <= capacity`.
    func sumOfLatest(_ n: Int) -> (sum: Int64, values: Int) {
        precondition(n <= capacity, "a window longer than the ring")
        let values = Swift.min(n, count)
        let sum = prefix[count % prefix.count] - prefix[(count - values) % prefix.count]
        return (sum, values)
    }
}
#endif
