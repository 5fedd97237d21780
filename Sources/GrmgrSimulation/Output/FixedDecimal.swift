/// The arithmetic behind ``CSVWriter``'s hand-written numbers: digit counts and exact fixed-point rounding.
enum FixedDecimal {
    /// 10⁰ through 10¹⁹.
    static let powersOfTen: [UInt64] = (0...19).map { exponent in
        (0..<exponent).reduce(1) { product, _ in product * 10 }
    }

    /// Splits a finite magnitude below 2⁶³ into its whole part and its fraction scaled by 10^`fractionDigits`,
    /// rounded to the nearest integer, ties to even, as if from the exact binary value.
    ///
    /// The fraction may round up to exactly 10^`fractionDigits`; the caller carries it into the whole part.
    ///
    /// Why exact: `fraction * scale` is rounded once by the multiplication; when that lands exactly on a
    /// half, the fused multiply-add recovers the product's rounding error, whose sign says which way the
    /// exact value lies. Away from halves, the product's rounding cannot change the nearest integer.
    static func split(_ magnitude: Double, fractionDigits: Int) -> (whole: UInt64, fraction: UInt64) {
        let whole = magnitude.rounded(.towardZero)
        let fraction = magnitude - whole
        let scale = Double(powersOfTen[fractionDigits])
        let product = fraction * scale
        let productError = (-product).addingProduct(fraction, scale)
        var rounded = product.rounded(.toNearestOrEven)
        let difference = product - rounded
        if fractionDigits == 0 && fraction == 0.5 {
            // A tie with no decimals: "even" is about the whole part's last digit.
            rounded = whole.truncatingRemainder(dividingBy: 2) == 0 ? 0 : 1
        } else if difference == 0.5 && productError > 0 {
            rounded += 1
        } else if difference == -0.5 && productError < 0 {
            rounded -= 1
        }
        return (UInt64(whole), UInt64(rounded))
    }

    /// The decimal digits of a magnitude of at least 2⁵³, which is always an integer, computed exactly.
    static func integerDigits(ofLarge magnitude: Double) -> [UInt8] {
        precondition(magnitude.isFinite && magnitude >= 9_007_199_254_740_992)
        let billion: UInt64 = 1_000_000_000
        var value = magnitude.significandBitPattern | (1 << 52)
        var shift = Int(magnitude.exponent) - 52
        // Little-endian limbs of nine decimal digits each.
        var limbs: [UInt64] = []
        while value > 0 {
            limbs.append(value % billion)
            value /= billion
        }
        while shift > 0 {
            let step = Swift.min(shift, 32)
            shift -= step
            var carry: UInt64 = 0
            for index in limbs.indices {
                let shifted = (limbs[index] << UInt64(step)) + carry
                limbs[index] = shifted % billion
                carry = shifted / billion
            }
            while carry > 0 {
                limbs.append(carry % billion)
                carry /= billion
            }
        }
        var digits = Array(String(limbs[limbs.count - 1]).utf8)
        for limb in limbs.dropLast().reversed() {
            let text = Array(String(limb).utf8)
            digits += repeatElement(48, count: 9 - text.count)
            digits += text
        }
        return digits
    }
}
