#if WithStats
public import Grmgr

/// How often the monitor snapshots its throttles and how often it writes their averages.
///
/// The defaults are the Go original's: a snapshot every 2 s, a flush every 10 s. A window of the twelve
/// ``StatsWindow/all`` holds `window / snapshotInterval` samples (rounded down, at least one).
public struct StatsConfiguration: Hashable, Sendable {
    /// Time between two snapshots.
    public let snapshotInterval: TimeAmount
    /// Time between two writes of the averages; a whole number of snapshot intervals.
    public let flushInterval: TimeAmount

    /// Validates and creates a configuration.
    ///
    /// - Throws: ``StatsConfigurationError`` when an interval is not positive or the flush interval is not
    ///   a whole number of snapshot intervals.
    public init(
        snapshotInterval: TimeAmount = .seconds(2), flushInterval: TimeAmount = .seconds(10)
    ) throws(StatsConfigurationError) {
        guard snapshotInterval > .zero else {
            throw StatsConfigurationError("the snapshot interval must be positive, got \(snapshotInterval.goSyntax)")
        }
        guard flushInterval >= snapshotInterval, flushInterval.nanoseconds % snapshotInterval.nanoseconds == 0 else {
            throw StatsConfigurationError(
                "the flush interval (\(flushInterval.goSyntax)) must be a whole number of snapshot intervals "
                    + "(\(snapshotInterval.goSyntax))")
        }
        self.snapshotInterval = snapshotInterval
        self.flushInterval = flushInterval
    }

    /// The Go original's 2 s snapshots and 10 s flushes.
    public static let standard = try! StatsConfiguration()

    /// The configuration for a simulated run sampled every `sampleInterval`: snapshots on the smallest
    /// multiple of the sample interval that is at least the standard 2 s, flushes on the smallest multiple of
    /// that which is at least 10 s. Every snapshot is then a row of `dop_sampled.csv`.
    public static func aligned(toSampleInterval sampleInterval: TimeAmount) -> StatsConfiguration {
        let sample = Swift.max(sampleInterval.nanoseconds, 1)
        let snapshot = roundUp(standard.snapshotInterval.nanoseconds, toMultipleOf: sample)
        let flush = roundUp(standard.flushInterval.nanoseconds, toMultipleOf: snapshot)
        return try! StatsConfiguration(snapshotInterval: .nanoseconds(snapshot), flushInterval: .nanoseconds(flush))
    }

    /// How many snapshots one flush interval spans.
    public var snapshotsPerFlush: Int { Int(flushInterval.nanoseconds / snapshotInterval.nanoseconds) }

    /// How many samples `window` averages once it has filled: its length over the snapshot interval, at least 1.
    public func capacity(of window: StatsWindow) -> Int {
        Swift.max(1, Int(window.length.nanoseconds / snapshotInterval.nanoseconds))
    }

    private static func roundUp(_ value: Int64, toMultipleOf step: Int64) -> Int64 {
        ((value + step - 1) / step) * step
    }
}

/// A ``StatsConfiguration`` that cannot work, with the reason.
public struct StatsConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
#endif
