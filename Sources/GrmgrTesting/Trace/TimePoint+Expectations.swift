public import Grmgr

extension TimePoint {
    /// The instant `seconds` after the epoch, for writing expectations: `.seconds(5)...(.seconds(30))`.
    public static func seconds(_ seconds: Int64) -> TimePoint {
        .zero + .seconds(seconds)
    }

    /// The instant `milliseconds` after the epoch, for writing expectations.
    public static func milliseconds(_ milliseconds: Int64) -> TimePoint {
        .zero + .milliseconds(milliseconds)
    }
}
