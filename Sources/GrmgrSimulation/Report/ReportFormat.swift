/// Number and text formatting for reports, by hand so that the same figures give the same bytes on every
/// machine (no locale, no platform formatter).
enum ReportFormat {
    /// `value` with exactly `digits` decimals, rounded half away from zero: `fixed(0.36449, 3)` is `0.364`.
    /// Not-a-number and infinities give `–`.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (value.magnitude * scale).rounded()
        guard scaled < 9e15 else { return "\(value)" }
        let units = Int64(scaled)
        let divisor = Int64(scale)
        let whole = String(units / divisor)
        let sign = value < 0 && units != 0 ? "-" : ""
        guard digits > 0 else { return sign + whole }
        let fraction = String(units % divisor)
        return sign + whole + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// Like ``fixed(_:_:)`` with a `+` in front of positive values, for differences.
    static func signed(_ value: Double, _ digits: Int) -> String {
        let text = fixed(value, digits)
        return value > 0 && text != fixed(0, digits) ? "+" + text : text
    }

    /// An optional figure with three decimals, `–` when missing.
    static func figure(_ value: Double?) -> String {
        value.map { fixed($0, 3) } ?? "–"
    }

    /// Seconds as a clock: `m:ss` under an hour, `h:mm:ss` from an hour on (whole seconds, rounded).
    static func clock(_ seconds: Double) -> String {
        let total = Int64(seconds.rounded())
        let sign = total < 0 ? "-" : ""
        let magnitude = total.magnitude
        let (hours, minutes, rest) = (magnitude / 3600, magnitude / 60 % 60, magnitude % 60)
        func two(_ value: UInt64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(sign)\(hours):\(two(minutes)):\(two(rest))" : "\(sign)\(minutes):\(two(rest))"
    }

    /// Text made safe inside XML and HTML elements and attributes.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Text made safe inside a Markdown table cell: pipes escaped, line breaks flattened.
    static func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

extension String {
    /// Every occurrence of `target` replaced (a small stand-in so this module's reports need no Foundation).
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
