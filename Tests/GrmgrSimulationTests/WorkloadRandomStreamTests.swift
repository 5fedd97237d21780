import GrmgrSimulation
import XCTest

final class WorkloadRandomStreamTests: XCTestCase {
    private func draws(_ stream: RandomStream, _ count: Int = 20) -> [Double] {
        (0..<count).map { _ in stream.uniform() }
    }

    func testDerivedSeedIsPinnedAcrossProcesses() {
        // FNV-1a 64 of "data-propagation\u{1F}arrivals" mixed with SplitMix64(42); recomputed independently.
        XCTAssertEqual(
            RandomStream.derivedSeed(seed: 42, stream: "data-propagation", purpose: .arrivals),
            0xBCFF_AD64_8108_8CBC
        )
        XCTAssertEqual(
            RandomStream.derivedSeed(seed: 42, stream: "data-propagation", purpose: .durations),
            0xDE7B_FE8C_CAAC_587A
        )
    }

    func testFirstDrawsOfAStreamArePinned() {
        let stream = RandomStream(seed: 42, stream: "data-propagation", purpose: .arrivals)
        XCTAssertEqual(stream.derivedSeed, 0xBCFF_AD64_8108_8CBC)
        // GSL's seed is the folded 1_039_606_232; NumPy's RandomState(1039606232) gives the same three.
        XCTAssertEqual(draws(stream, 3), [0.011690320679917932, 0.4978034768719226, 0.2867325874976814])
    }

    func testSameSeedStreamAndPurposeGiveTheSameSequence() {
        let first = RandomStream(seed: 7, stream: "alpha", purpose: .durations)
        let second = RandomStream(seed: 7, stream: "alpha", purpose: .durations)
        XCTAssertEqual(draws(first, 1_000), draws(second, 1_000))
    }

    func testDifferentStreamNamePurposeOrSeedGiveDifferentSequences() {
        let reference = draws(RandomStream(seed: 7, stream: "alpha", purpose: .durations))
        XCTAssertNotEqual(reference, draws(RandomStream(seed: 7, stream: "beta", purpose: .durations)))
        XCTAssertNotEqual(reference, draws(RandomStream(seed: 7, stream: "alpha", purpose: .arrivals)))
        XCTAssertNotEqual(reference, draws(RandomStream(seed: 8, stream: "alpha", purpose: .durations)))
    }

    func testDrawingFromAnotherStreamNeverChangesThisOne() {
        let alone = draws(RandomStream(seed: 3, stream: "a", purpose: .arrivals), 100)
        let stream = RandomStream(seed: 3, stream: "a", purpose: .arrivals)
        let neighbour = RandomStream(seed: 3, stream: "b", purpose: .arrivals)
        var interleaved: [Double] = []
        for _ in 0..<100 {
            _ = neighbour.uniform()
            interleaved.append(stream.uniform())
            _ = neighbour.uniform()
        }
        XCTAssertEqual(interleaved, alone)
    }

    func testHighBitsOfTheDerivedSeedSelectDifferentStreams() {
        // GSL's mt19937 reads only 32 bits of its seed; the fold keeps the high half significant.
        XCTAssertNotEqual(draws(RandomStream(derivedSeed: 1)), draws(RandomStream(derivedSeed: 1 << 40)))
        XCTAssertNotEqual(draws(RandomStream(derivedSeed: 5)), draws(RandomStream(derivedSeed: 5 | (1 << 63))))
    }

    func testDerivedSeedZeroDoesNotShareGSLsSubstituteSeed() {
        // GSL seeds 0 as 4357; replication seeds 0 and 4357 must still differ.
        XCTAssertNotEqual(draws(RandomStream(derivedSeed: 0)), draws(RandomStream(derivedSeed: 4357)))
    }

    func testUniformDrawsStayInTheirRanges() {
        let stream = RandomStream(derivedSeed: 11)
        for _ in 0..<100_000 {
            let u = stream.uniform()
            XCTAssert(u >= 0 && u < 1, "uniform() gave \(u)")
            let positive = stream.uniformPositive()
            XCTAssert(positive > 0 && positive < 1, "uniformPositive() gave \(positive)")
        }
    }

    func testUniformIndexCoversEveryIndexEvenly() {
        let stream = RandomStream(derivedSeed: 12)
        let n = 7
        let draws = 70_000
        var counts = [Int](repeating: 0, count: n)
        for _ in 0..<draws {
            let index = stream.uniformIndex(below: n)
            XCTAssert((0..<n).contains(index), "uniformIndex(below: 7) gave \(index)")
            counts[index] += 1
        }
        let expected = Double(draws) / Double(n)
        let sigma = (expected * (1 - 1 / Double(n))).squareRoot()
        for (index, count) in counts.enumerated() {
            XCTAssertEqual(Double(count), expected, accuracy: 5 * sigma, "index \(index)")
        }
        XCTAssertEqual(stream.uniformIndex(below: 1), 0)
    }
}
