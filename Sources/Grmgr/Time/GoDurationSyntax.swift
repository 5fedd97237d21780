/// A string that is not a Go duration, with the reason.
///
/// The message follows Go's `time.ParseDuration` (`time: invalid duration "5 seconds"`), so a value
/// copied from a Go configuration reads the same here.
public struct GoDurationSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong with the text.
    public enum Reason: Hashable, Sendable {
        /// The text is not of the form `[-+]?([0-9]*(\.[0-9]*)?unit)+`.
        case invalid
        /// A number has no unit after it, as in `"30"`.
        case missingUnit
        /// The unit is none of `ns`, `us`, `µs`, `μs`, `ms`, `s`, `m`, `h`.
        case unknownUnit(String)
        /// The value does not fit in 64-bit nanoseconds (about 292 years).
        case overflow
    }

    /// The text that failed to parse.
    public var text: String
    /// Why it failed.
    public var reason: Reason

    /// Creates an error for `text`.
    public init(text: String, reason: Reason) {
        self.text = text
        self.reason = reason
    }

    /// Go's wording of the error.
    public var description: String {
        let quoted = "\"\(text)\""
        switch reason {
        case .invalid: return "time: invalid duration \(quoted)"
        case .missingUnit: return "time: missing unit in duration \(quoted)"
        case .unknownUnit(let unit): return "time: unknown unit \"\(unit)\" in duration \(quoted)"
        case .overflow: return "time: invalid duration \(quoted) (out of range)"
        }
    }
}

extension TimeAmount {
    /// Parses a Go duration string such as `"300ms"`, `"-1.5h"` or `"2h45m"`.
    ///
    /// Accepts exactly what Go's `time.ParseDuration` accepts: an optional sign, then one or more
    /// decimal numbers with optional fraction, each followed by a unit (`ns`, `us`, `µs`, `μs`, `ms`,
    /// `s`, `m`, `h`); `"0"` alone needs no unit.
    ///
    /// - Throws: ``GoDurationSyntaxError`` naming the text and what is wrong with it.
    /// - Complexity: O(*n*) in the length of `text`.
    public init(goSyntax text: String) throws(GoDurationSyntaxError) {
        var parser = GoDurationParser(text)
        self.init(nanoseconds: try parser.parse())
    }

    /// The span in Go's `Duration.String()` form: `"1h2m3.5s"`, `"1.5µs"`, `"0s"`.
    ///
    /// `TimeAmount(goSyntax: amount.goSyntax)` gives `amount` back for every value.
    public var goSyntax: String {
        var magnitude = nanoseconds.magnitude
        var text = ""
        if magnitude < 1_000_000_000 {
            let precision: Int
            let unit: String
            switch magnitude {
            case 0: return "0s"
            case ..<1_000: (precision, unit) = (0, "ns")
            case ..<1_000_000: (precision, unit) = (3, "µs")
            default: (precision, unit) = (6, "ms")
            }
            text = Self.formatted(&magnitude, fractionDigits: precision) + unit
        } else {
            let seconds = Self.formatted(&magnitude, fractionDigits: 9)
            let wholeSeconds = magnitude % 60
            magnitude /= 60
            text = "\(wholeSeconds)\(seconds)s"
            if magnitude > 0 {
                text = "\(magnitude % 60)m" + text
                magnitude /= 60
                if magnitude > 0 { text = "\(magnitude)h" + text }
            }
        }
        return nanoseconds < 0 ? "-" + text : text
    }

    /// Splits off `fractionDigits` decimal digits of `value`: returns the fraction as `".5"` (no
    /// trailing zeros, empty when zero) and leaves the integer part in `value`. For the sub-second case
    /// the integer part is written in front by the caller, so it is appended here.
    private static func formatted(_ value: inout UInt64, fractionDigits: Int) -> String {
        var digits: [Character] = []
        var printing = false
        for _ in 0..<fractionDigits {
            let digit = value % 10
            printing = printing || digit != 0
            if printing { digits.append(Character(String(digit))) }
            value /= 10
        }
        let fraction = digits.isEmpty ? "" : "." + String(digits.reversed())
        if fractionDigits < 9 {
            // Sub-second: the caller wants integer part and fraction together.
            let whole = "\(value)"
            value = 0
            return whole + fraction
        }
        return fraction
    }
}

/// A byte-level scanner over a Go duration string.
private struct GoDurationParser {
    let text: String
    let bytes: [UInt8]
    var position = 0

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    func error(_ reason: GoDurationSyntaxError.Reason) -> GoDurationSyntaxError {
        GoDurationSyntaxError(text: text, reason: reason)
    }

    mutating func parse() throws(GoDurationSyntaxError) -> Int64 {
        var negative = false
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") {
            negative = bytes[position] == UInt8(ascii: "-")
            position += 1
        }
        if bytes[position...].elementsEqual("0".utf8) { return 0 }
        if position == bytes.count { throw error(.invalid) }
        var total: UInt64 = 0
        while position < bytes.count {
            total = try addChecked(total, try component())
        }
        if negative {
            guard total <= UInt64(Int64.max) + 1 else { throw error(.overflow) }
            return total == UInt64(Int64.max) + 1 ? .min : -Int64(total)
        }
        guard total <= UInt64(Int64.max) else { throw error(.overflow) }
        return Int64(total)
    }

    /// One `number unit` component, in nanoseconds.
    mutating func component() throws(GoDurationSyntaxError) -> UInt64 {
        guard position < bytes.count,
            bytes[position] == UInt8(ascii: ".") || isDigit(bytes[position])
        else { throw error(.invalid) }
        let integerStart = position
        let whole = try leadingInteger()
        let hasInteger = position > integerStart
        var fraction: UInt64 = 0
        var scale: Double = 1
        var hasFraction = false
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            let fractionStart = position
            (fraction, scale) = leadingFraction()
            hasFraction = position > fractionStart
        }
        guard hasInteger || hasFraction else { throw error(.invalid) }
        let unitStart = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "."), !isDigit(bytes[position]) {
            position += 1
        }
        guard position > unitStart else { throw error(.missingUnit) }
        let unitText = String(decoding: bytes[unitStart..<position], as: UTF8.self)
        guard let unit = Self.units[unitText] else { throw error(.unknownUnit(unitText)) }
        guard whole <= (UInt64(1) << 63) / unit else { throw error(.overflow) }
        var value = whole * unit
        if fraction > 0 {
            // Go does the same float scaling, so fractional results match to the nanosecond.
            let extra = Double(fraction) * (Double(unit) / scale)
            guard extra < 9.3e18 else { throw error(.overflow) }
            value = try addChecked(value, UInt64(extra))
        }
        return value
    }

    mutating func leadingInteger() throws(GoDurationSyntaxError) -> UInt64 {
        var value: UInt64 = 0
        while position < bytes.count, isDigit(bytes[position]) {
            guard value <= (UInt64(1) << 63 - 1) / 10 else { throw error(.overflow) }
            value = value * 10 + UInt64(bytes[position] - UInt8(ascii: "0"))
            guard value <= UInt64(1) << 63 else { throw error(.overflow) }
            position += 1
        }
        return value
    }

    /// Digits after the point; like Go, digits past what fits are consumed but ignored.
    mutating func leadingFraction() -> (value: UInt64, scale: Double) {
        var value: UInt64 = 0
        var scale: Double = 1
        var overflowed = false
        while position < bytes.count, isDigit(bytes[position]) {
            if !overflowed {
                if value > (UInt64(1) << 63 - 1) / 10 {
                    overflowed = true
                } else {
                    let next = value * 10 + UInt64(bytes[position] - UInt8(ascii: "0"))
                    if next > UInt64(1) << 63 {
                        overflowed = true
                    } else {
                        value = next
                        scale *= 10
                    }
                }
            }
            position += 1
        }
        return (value, scale)
    }

    func addChecked(_ lhs: UInt64, _ rhs: UInt64) throws(GoDurationSyntaxError) -> UInt64 {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        guard !overflow, sum <= UInt64(1) << 63 else { throw error(.overflow) }
        return sum
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static let units: [String: UInt64] = [
        "ns": 1, "us": 1_000, "µs": 1_000, "μs": 1_000, "ms": 1_000_000,
        "s": 1_000_000_000, "m": 60_000_000_000, "h": 3_600_000_000_000,
    ]
}
