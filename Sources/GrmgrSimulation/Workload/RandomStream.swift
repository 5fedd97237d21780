/// One independent stream of uniform random numbers: a GSL `mt19937` generator.
///
/// Each throttle draws its arrivals and its durations from streams of their own, derived from the
/// scenario seed, the throttle's name and the purpose. A stream's draws depend on those three values
/// only, so adding a throttle, renaming another, or drawing more from a neighbouring stream never changes
/// this one's draws: two runs that differ only in throttle settings see the same workload (common random
/// numbers).
///
/// Not thread-safe: each stream belongs to one simulated run.
public final class RandomStream {
    /// What a stream's draws are used for; part of the derivation, so the two streams of a throttle differ.
    public enum Purpose: String, Hashable, Sendable, CaseIterable {
        /// Arrival instants.
        case arrivals
        /// Task durations.
        case durations
    }

    /// The 64-bit seed this stream was made from (see ``derivedSeed(seed:stream:purpose:)``).
    public let derivedSeed: UInt64

    /// The C generator, freed in `deinit`; internal so samplers in this module draw from it directly.
    let generator: GSLGenerator

    /// Creates the stream for (`seed`, `stream`, `purpose`), seeded with
    /// ``derivedSeed(seed:stream:purpose:)``.
    ///
    /// - Parameters:
    ///   - seed: The scenario's seed.
    ///   - stream: The stream's name, usually the throttle's name.
    ///   - purpose: What the draws are for.
    public convenience init(seed: UInt64, stream: String, purpose: Purpose) {
        self.init(derivedSeed: Self.derivedSeed(seed: seed, stream: stream, purpose: purpose))
    }

    /// Creates a stream from an already derived 64-bit seed, for tests and independent replications.
    ///
    /// GSL's `mt19937` keeps only the low 32 bits of its seed, so the high half is folded onto the low
    /// half (XOR) first, and every one of the 64 bits matters. GSL also replaces a seed of 0 by 4357, which
    /// would give seeds 0 and 4357 the same stream; a folded 0 is therefore passed as `0xFFFF_FFFF`. Two
    /// different derived seeds thus share a stream only when they fold to the same 32 bits (or to 0 and
    /// `0xFFFF_FFFF`): never for two seeds below `0xFFFF_FFFF`, with chance 2⁻³² for two hashed seeds.
    public init(derivedSeed: UInt64) {
        self.derivedSeed = derivedSeed
        self.generator = GSLGenerator(seed: Self.generatorSeed(derivedSeed))
    }

    deinit {
        generator.free()
    }

    /// A uniform draw in `[0, 1)` (`gsl_rng_uniform`), with 32 bits of resolution.
    public func uniform() -> Double {
        generator.uniform()
    }

    /// A uniform draw in `(0, 1)` (`gsl_rng_uniform_pos`), safe to take the logarithm of.
    public func uniformPositive() -> Double {
        generator.uniformPositive()
    }

    /// A uniform draw among `0 ..< n` without modulo bias (`gsl_rng_uniform_int`).
    ///
    /// - Precondition: `1 <= n <= 2³²`, the generator's range.
    public func uniformIndex(below n: Int) -> Int {
        precondition(n > 0 && n <= 1 << 32, "uniformIndex(below:) needs 1 <= n <= 2^32, got \(n)")
        return Int(generator.uniformInt(below: UInt(n)))
    }

    /// The 64-bit seed of the stream for (`seed`, `stream`, `purpose`); stable across processes, machines
    /// and releases, so reports can print it and runs replay.
    ///
    /// The stream name's UTF-8 bytes, a 0x1F separator and the purpose's raw value are hashed with
    /// FNV-1a 64; the hash is XORed onto the SplitMix64 output for `seed`, and the result goes through the
    /// SplitMix64 finaliser once more. Swift's `Hasher` is never used: it is seeded randomly per process.
    public static func derivedSeed(seed: UInt64, stream: String, purpose: Purpose) -> UInt64 {
        var hash = FNV1a64()
        hash.combine(stream.utf8)
        // The separator keeps the encoding unambiguous however purposes are named: ("a", "bc") ≠ ("ab", "c").
        hash.combine(CollectionOfOne(0x1F))
        hash.combine(purpose.rawValue.utf8)
        return splitMix64Finalized(splitMix64Finalized(seed &+ 0x9E37_79B9_7F4A_7C15) ^ hash.value)
    }

    /// The 32-bit seed handed to GSL: the two halves XORed, with 0 moved away from GSL's 4357.
    static func generatorSeed(_ derivedSeed: UInt64) -> UInt32 {
        let folded = UInt32(truncatingIfNeeded: derivedSeed ^ (derivedSeed >> 32))
        return folded == 0 ? 0xFFFF_FFFF : folded
    }

    /// The SplitMix64 output function (Steele, Lea and Flood 2014): a bijection that spreads every input
    /// bit over the whole word.
    static func splitMix64Finalized(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The 64-bit Fowler–Noll–Vo 1a hash: fixed constants, so the same bytes hash the same everywhere.
struct FNV1a64 {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
    }
}
