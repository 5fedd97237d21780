/// SplitMix64: a tiny, fast generator with a fixed sequence per seed, so a failing randomised test can be
/// replayed from the seed in its message.
struct StatisticsTestRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A value spread evenly over orders of magnitude, from 0 up to about 2^`maxBits`.
    mutating func logUniform(maxBits: Int) -> Int64 {
        let bits = Int.random(in: 0...maxBits, using: &self)
        guard bits > 0 else { return 0 }
        return Int64.random(in: 0..<(Int64(1) << bits), using: &self)
    }
}
