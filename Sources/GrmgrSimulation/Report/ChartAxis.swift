/// One axis of a chart: its title, its domain and its ticks with their labels.
struct ChartAxis: Hashable, Sendable {
    /// The title with its unit: `p99 wait (s)`.
    var title: String
    /// The smallest value shown.
    var lower: Double
    /// The largest value shown.
    var upper: Double
    /// Tick positions, in data units.
    var ticks: [Double]
    /// One label per tick.
    var labels: [String]

    /// A linear axis with "nice" ticks (steps of 1, 2, 2.5 or 5 times a power of ten) covering `data`.
    ///
    /// - Parameters:
    ///   - includeZero: Start the axis at zero (for counts and latencies), rather than near the smallest value.
    static func linear(title: String, data: [Double], includeZero: Bool = true) -> ChartAxis {
        let finite = data.filter(\.isFinite)
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        if includeZero {
            low = Swift.min(low, 0)
            high = Swift.max(high, 0)
        }
        if high - low <= 0 {
            let pad = high == 0 ? 1 : high.magnitude / 2
            (low, high) = includeZero && low >= 0 ? (0, high + pad) : (low - pad, high + pad)
        }
        let (step, exponent, isQuarter) = niceStep(span: high - low, targetIntervals: 5)
        let first = (low / step).rounded(.down)
        let last = (high / step).rounded(.up)
        let ticks = stride(from: first, through: last, by: 1).map { $0 * step }
        let digits = Swift.max(0, -exponent) + (isQuarter ? 1 : 0)
        return ChartAxis(
            title: title, lower: first * step, upper: last * step, ticks: ticks,
            labels: ticks.map { ReportFormat.fixed($0, digits) })
    }

    /// A time axis in seconds from the start of a run, labelled as a clock (`2:30`), with ticks at round
    /// seconds, minutes or hours.
    static func clock(title: String, data: [Double]) -> ChartAxis {
        let finite = data.filter(\.isFinite)
        let low = Swift.min(finite.min() ?? 0, 0)
        let high = Swift.max(finite.max() ?? 1, low + 1)
        let steps: [Double] = [
            1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
        ]
        guard let step = steps.first(where: { (high - low) / $0 <= 8 }), high - low >= 8 else {
            return linear(title: title.replacingClockUnit(), data: finite + [low])
        }
        let first = (low / step).rounded(.down)
        let last = (high / step).rounded(.up)
        let ticks = stride(from: first, through: last, by: 1).map { $0 * step }
        return ChartAxis(
            title: title, lower: first * step, upper: last * step, ticks: ticks, labels: ticks.map(ReportFormat.clock))
    }

    /// An axis of named categories at positions 0, 1, 2, …
    static func categories(title: String, names: [String]) -> ChartAxis {
        ChartAxis(
            title: title, lower: -0.5, upper: Double(Swift.max(names.count, 1)) - 0.5,
            ticks: names.indices.map(Double.init), labels: names)
    }

    /// The step between ticks for about `targetIntervals` intervals over `span`, its power of ten, and
    /// whether it is 2.5 times that power (one more decimal in labels). Powers of ten come from exact
    /// multiplications rather than `pow`, so ticks are the same on every machine.
    private static func niceStep(span: Double, targetIntervals: Int) -> (Double, Int, Bool) {
        let raw = span / Double(targetIntervals)
        var exponent = 0
        var magnitude = 1.0
        while magnitude * 10 <= raw {
            magnitude *= 10
            exponent += 1
        }
        while magnitude > raw && exponent > -12 {
            exponent -= 1
            magnitude = exponent >= 0 ? magnitude / 10 : 1 / power10(-exponent)
        }
        let residual = raw / magnitude
        let factor: Double = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10
        if factor == 10 { return (magnitude * 10, exponent + 1, false) }
        return (factor * magnitude, exponent, factor == 2.5)
    }

    private static func power10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// Maps a value of the axis's domain to a pixel between `start` and `end`.
    func position(_ value: Double, from start: Double, to end: Double) -> Double {
        guard upper > lower else { return start }
        return start + (value - lower) / (upper - lower) * (end - start)
    }
}

extension String {
    /// A clock axis too short for clock labels is labelled in seconds.
    fileprivate func replacingClockUnit() -> String {
        hasSuffix("(m:ss)") ? String(dropLast(6)) + "(s)" : self
    }
}
