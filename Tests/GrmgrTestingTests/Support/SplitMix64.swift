/// A tiny, fast, repeatable generator so randomised tests replay from their seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix64 {
    /// A number in `range`, without the generic machinery of `Int.random(in:using:)` (slow in debug
    /// builds); the modulo bias is negligible for the small ranges of the tests.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// A number in `0..<count`.
    mutating func index(below count: Int) -> Int {
        Int(next() % UInt64(count))
    }

    /// A fair coin.
    mutating func coin() -> Bool {
        next() & 1 == 1
    }
}
