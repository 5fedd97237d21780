/// Integers and nanosecond times written as ASCII straight into a byte buffer, without tables or allocation.
///
/// Every function writes at `pointer` and returns the position after the last byte. The caller guarantees
/// room for ``maximumNumberLength`` bytes. Digits come from multiply-shift divisions, two or eight at a time,
/// so a nine-decimal time costs a few dozen instructions.
@usableFromInline
enum DigitFormatting {
    /// The longest number written: a sign, ten digits, a point and nine decimals (`-9223372036.854775808`),
    /// or a sign and twenty digits.
    @usableFromInline
    static let maximumNumberLength = 21

    /// Writes a nanosecond count as seconds with exactly nine decimals: `1500000000` is `1.500000000`.
    @inlinable
    @inline(__always)
    static func writeSeconds(nanoseconds: Int64, at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var pointer = start
        if nanoseconds < 0 {
            pointer.pointee = 45
            pointer += 1
        }
        let magnitude = nanoseconds.magnitude
        let seconds = magnitude / 1_000_000_000
        let fraction = UInt32(truncatingIfNeeded: magnitude &- seconds &* 1_000_000_000)
        // Simulated instants are mostly under a few hours: straight-line code up to four digits.
        if seconds < 100 {
            pointer = seconds < 10 ? writeDigit(seconds, at: pointer) : writePair(seconds, at: pointer)
        } else if seconds < 10_000 {
            let high = seconds / 100
            pointer = high < 10 ? writeDigit(high, at: pointer) : writePair(high, at: pointer)
            pointer = writePair(seconds &- high &* 100, at: pointer)
        } else {
            pointer = writeDigits(seconds, at: pointer)
        }
        let firstDecimal = fraction / 100_000_000
        pointer[0] = 46
        pointer[1] = UInt8(truncatingIfNeeded: 48 &+ firstDecimal)
        UnsafeMutableRawPointer(pointer + 2).storeBytes(
            of: eightDigitWord(fraction &- firstDecimal &* 100_000_000).littleEndian,
            as: UInt64.self
        )
        return pointer + 10
    }

    /// Writes a signed integer in decimal.
    @inlinable
    @inline(__always)
    static func writeInteger(_ value: Int64, at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var pointer = start
        if value < 0 {
            pointer.pointee = 45
            pointer += 1
        }
        let magnitude = value.magnitude
        // Counts in traces (running, waiting, a ceiling) are mostly below 100: no call, no loop.
        if magnitude < 100 {
            return magnitude < 10 ? writeDigit(magnitude, at: pointer) : writePair(magnitude, at: pointer)
        }
        return writeDigits(magnitude, at: pointer)
    }

    /// Copies `count` bytes from `source` to `destination`; short copies (field names) avoid a `memmove` call.
    @inlinable
    @inline(__always)
    static func copy(_ source: UnsafePointer<UInt8>, count: Int, to destination: UnsafeMutablePointer<UInt8>) {
        if count >= 8 && count <= 16 {
            // Two overlapping 8-byte moves cover 8 to 16 bytes.
            let head = UnsafeRawPointer(source).loadUnaligned(as: UInt64.self)
            let tail = UnsafeRawPointer(source + count - 8).loadUnaligned(as: UInt64.self)
            UnsafeMutableRawPointer(destination).storeBytes(of: head, as: UInt64.self)
            UnsafeMutableRawPointer(destination + count - 8).storeBytes(of: tail, as: UInt64.self)
        } else if count < 8 {
            for index in 0..<count { destination[index] = source[index] }
        } else {
            destination.update(from: source, count: count)
        }
    }

    /// Writes `value` without leading zeros: eight digits at a time from the right, then pairs.
    ///
    /// May write up to 8 bytes from `start` even for a shorter number; callers reserve
    /// ``maximumNumberLength`` bytes, and the bytes after the number are overwritten by what follows.
    @inlinable
    static func writeDigits(_ value: UInt64, at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if value < 100_000_000 {
            // Task numbers and the seconds of any realistic run: one digit word with its leading zeros
            // shifted out and one store, instead of a division and a store per pair of digits.
            let digits = digitCount(value)
            let word = eightDigitWord(UInt32(truncatingIfNeeded: value)) >> UInt64(8 &* (8 &- digits))
            UnsafeMutableRawPointer(start).storeBytes(of: word.littleEndian, as: UInt64.self)
            return start + digits
        }
        let end = start + digitCount(value)
        var pointer = end
        var remaining = value
        while remaining >= 100_000_000 {
            let quotient = remaining / 100_000_000
            let low = UInt32(truncatingIfNeeded: remaining &- quotient &* 100_000_000)
            remaining = quotient
            pointer -= 8
            UnsafeMutableRawPointer(pointer).storeBytes(of: eightDigitWord(low).littleEndian, as: UInt64.self)
        }
        while remaining >= 100 {
            let quotient = remaining / 100
            pointer -= 2
            _ = writePair(remaining &- quotient &* 100, at: pointer)
            remaining = quotient
        }
        if remaining >= 10 {
            _ = writePair(remaining, at: pointer - 2)
        } else {
            _ = writeDigit(remaining, at: pointer - 1)
        }
        return end
    }

    /// Writes one digit (`value` below 10).
    @inlinable
    @inline(__always)
    static func writeDigit(_ value: UInt64, at pointer: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        pointer.pointee = UInt8(truncatingIfNeeded: 48 &+ value)
        return pointer + 1
    }

    /// Writes two digits (`value` below 100) with one 2-byte store.
    @inlinable
    @inline(__always)
    static func writePair(_ value: UInt64, at pointer: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let tens = (value &* 103) >> 10  // value / 10 for value < 179
        let word = UInt16(truncatingIfNeeded: tens | ((value &- tens &* 10) << 8)) | 0x3030
        UnsafeMutableRawPointer(pointer).storeBytes(of: word.littleEndian, as: UInt16.self)
        return pointer + 2
    }

    /// The eight ASCII digits of `value` (below 10⁸, zero-padded) as a little-endian word, ready for one
    /// unaligned 8-byte store: the first digit is the lowest byte.
    ///
    /// Why: the digits are computed in parallel lanes of one 64-bit register (SWAR) with multiply-shift
    /// divisions, about fifteen instructions instead of four dependent divide-and-store rounds.
    @inlinable
    @inline(__always)
    static func eightDigitWord(_ value: UInt32) -> UInt64 {
        let high = value / 10_000
        let low = value &- high &* 10_000
        // Two 32-bit lanes: the first four digits, then the last four.
        var word = UInt64(high) | (UInt64(low) << 32)
        // x / 100 is (x · 10486) >> 20 for x < 10⁴: four 16-bit lanes of two digits each.
        let hundreds = ((word &* 10_486) >> 20) & 0x0000_007F_0000_007F
        word = hundreds | ((word &- hundreds &* 100) << 16)
        // x / 10 is (x · 103) >> 10 for x < 100: eight byte lanes of one digit each.
        let tens = ((word &* 103) >> 10) & 0x000F_000F_000F_000F
        word = tens | ((word &- tens &* 10) << 8)
        return word | 0x3030_3030_3030_3030
    }

    /// How many decimal digits `value` has (1 for zero).
    @inlinable
    @inline(__always)
    static func digitCount(_ value: UInt64) -> Int {
        var digits = 1
        var remaining = value
        while remaining >= 10_000 {
            remaining /= 10_000
            digits &+= 4
        }
        if remaining >= 100 {
            digits &+= remaining >= 1_000 ? 3 : 2
        } else if remaining >= 10 {
            digits &+= 1
        }
        return digits
    }
}
