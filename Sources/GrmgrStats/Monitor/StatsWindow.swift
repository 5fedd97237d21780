#if WithStats
public import Grmgr

/// One of the rolling windows the monitor averages over, named as the Go original's table columns.
public struct StatsWindow: Hashable, Sendable, CustomStringConvertible {
    /// The column name: `s10`, `m1`, `h2`, …
    public let name: String
    /// How far back the window reaches.
    public let length: TimeAmount

    /// Creates a window.
    public init(name: String, length: TimeAmount) {
        self.name = name
        self.length = length
    }

    /// The Go original's twelve windows, shortest first: 10s, 20s, 40s, 1m, 2m, 3m, 5m, 10m, 20m, 40m, 1h, 2h.
    public static let all: [StatsWindow] = [
        StatsWindow(name: "s10", length: .seconds(10)),
        StatsWindow(name: "s20", length: .seconds(20)),
        StatsWindow(name: "s40", length: .seconds(40)),
        StatsWindow(name: "m1", length: .minutes(1)),
        StatsWindow(name: "m2", length: .minutes(2)),
        StatsWindow(name: "m3", length: .minutes(3)),
        StatsWindow(name: "m5", length: .minutes(5)),
        StatsWindow(name: "m10", length: .minutes(10)),
        StatsWindow(name: "m20", length: .minutes(20)),
        StatsWindow(name: "m40", length: .minutes(40)),
        StatsWindow(name: "h1", length: .hours(1)),
        StatsWindow(name: "h2", length: .hours(2)),
    ]

    /// The column name.
    public var description: String { name }
}
#endif
