/// Exact conversion of decimal seconds such as `"12.345678901"` to whole nanoseconds.
///
/// Trace files hold production timestamps; going through `Double` would turn `0.1` into
/// 100000000.00000001 ns and shift replayed arrivals by a nanosecond here and there, breaking
/// the exact replay. So the digits are read as integers: the whole part times 10^9 plus the first nine
/// fraction digits. A tenth digit of 5 or more rounds up (half away from zero); later ones are ignored.
package enum DecimalSeconds {
    /// Why a text is not decimal seconds.
    package enum Failure: Error, Hashable, Sendable {
        /// Not of the form `digits[.digits]` (exponents, signs and spaces inside are refused).
        case notDecimal
        /// More than about 292 years: does not fit in `Int64` nanoseconds.
        case tooLarge
    }

    private static let nanosecondsPerSecond: Int64 = 1_000_000_000

    /// The nanoseconds in `text`, which is `digits`, `digits.digits`, `digits.` or `.digits`.
    ///
    /// - Complexity: O(*n*) in the length of `text`.
    package static func nanoseconds(_ text: Substring) throws(Failure) -> Int64 {
        try nanoseconds(utf8: Array(text.utf8)[...])
    }

    /// The nanoseconds in the UTF-8 bytes of a decimal number; see ``nanoseconds(_:)``.
    ///
    /// - Complexity: O(*n*) in the number of bytes.
    static func nanoseconds(utf8 bytes: ArraySlice<UInt8>) throws(Failure) -> Int64 {
        let point = bytes.firstIndex(of: UInt8(ascii: "."))
        let whole = bytes[..<(point ?? bytes.endIndex)]
        let fraction = point.map { bytes[($0 + 1)...] } ?? []
        guard !(whole.isEmpty && fraction.isEmpty), whole.allSatisfy(isDigit), fraction.allSatisfy(isDigit) else {
            throw .notDecimal
        }
        var seconds: Int64 = 0
        for digit in whole {
            let (times10, overflowA) = seconds.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = times10.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !overflowA, !overflowB else { throw .tooLarge }
            seconds = next
        }
        var nanos: Int64 = 0
        var scale = nanosecondsPerSecond
        var roundsUp = false
        for (offset, digit) in fraction.enumerated() {
            let value = Int64(digit - UInt8(ascii: "0"))
            if offset < 9 {
                scale /= 10
                nanos += value * scale
            } else {
                roundsUp = value >= 5
                break
            }
        }
        if roundsUp { nanos += 1 }
        let (wholeNanos, overflowA) = seconds.multipliedReportingOverflow(by: nanosecondsPerSecond)
        let (total, overflowB) = wholeNanos.addingReportingOverflow(nanos)
        guard !overflowA, !overflowB else { throw .tooLarge }
        return total
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
