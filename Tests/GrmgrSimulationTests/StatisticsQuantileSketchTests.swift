import Grmgr
import XCTest

@testable import GrmgrSimulation

final class StatisticsQuantileSketchTests: XCTestCase {
    private let probabilities = [0, 0.0001, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 0.9999, 1]

    /// The nearest-rank quantile of sorted values: rank ⌈p·n⌉, at least 1, with p·n in `Double`.
    private func exactQuantile(_ sorted: [Int64], _ p: Double) -> Int64 {
        let rank = max(1, Int((p * Double(sorted.count)).rounded(.up)))
        return sorted[rank - 1]
    }

    /// Checks every quantile of `values` against the exact one: within 1/1,024 relative, exact below 1,024 ns.
    private func assertQuantilesWithinBound(_ values: [Int64], _ context: String) throws {
        var sketch = QuantileSketch()
        for value in values { sketch.insert(nanoseconds: value) }
        let sorted = values.sorted()
        for p in probabilities {
            let exact = exactQuantile(sorted, p)
            let estimate = try XCTUnwrap(sketch.quantile(p)).nanoseconds
            let error = Double(abs(estimate - exact))
            let message = "\(context): p \(p), exact \(exact), got \(estimate)"
            XCTAssertLessThanOrEqual(error, Double(exact) / 1_024, message)
            if exact < 1_024 { XCTAssertEqual(estimate, exact, "\(context): p \(p) is exact below 1,024 ns") }
        }
        XCTAssertEqual(sketch.min?.nanoseconds, sorted.first)
        XCTAssertEqual(sketch.max?.nanoseconds, sorted.last)
        XCTAssertEqual(sketch.quantile(0)?.nanoseconds, sorted.first)
        XCTAssertEqual(sketch.quantile(1)?.nanoseconds, sorted.last)
        XCTAssertEqual(sketch.count, values.count)
        XCTAssertEqual(sketch.sumNanoseconds, values.reduce(Int128(0)) { $0 + Int128($1) })
    }

    func testQuantilesAreWithinTheErrorBoundOnLogUniformData() throws {
        for seed: UInt64 in [1, 2, 3, 4, 5] {
            var random = StatisticsTestRandom(seed: seed)
            let values = (0..<50_000).map { _ in random.logUniform(maxBits: 62) }
            try assertQuantilesWithinBound(values, "log-uniform seed \(seed)")
        }
    }

    func testQuantilesAreWithinTheErrorBoundOnExponentialWaits() throws {
        for seed: UInt64 in [10, 11, 12] {
            var random = StatisticsTestRandom(seed: seed)
            let values = (0..<100_000).map { _ in
                Int64((-log(Double.random(in: Double.ulpOfOne..<1, using: &random)) * 1e9).rounded())
            }
            try assertQuantilesWithinBound(values, "exponential seed \(seed)")
        }
    }

    func testSmallAndExtremeValues() throws {
        try assertQuantilesWithinBound(Array(0..<3_000), "0..<3000")
        try assertQuantilesWithinBound([0, 0, 0, 1], "mostly zero")
        try assertQuantilesWithinBound([Int64.max, Int64.max - 1, 1 << 62, 5], "extremes")
        try assertQuantilesWithinBound([42], "single")
    }

    func testEmptySketchHasNoFigures() {
        let sketch = QuantileSketch()
        XCTAssertEqual(sketch.count, 0)
        XCTAssertNil(sketch.quantile(0.5))
        XCTAssertNil(sketch.min)
        XCTAssertNil(sketch.max)
        XCTAssertNil(sketch.mean)
    }

    func testMeanIsTheExactSumRounded() {
        var sketch = QuantileSketch()
        for value: Int64 in [1, 2] { sketch.insert(nanoseconds: value) }
        XCTAssertEqual(sketch.mean, .nanoseconds(2), "1.5 rounds half up")
        sketch.insert(TimeAmount.nanoseconds(.max))
        sketch.insert(TimeAmount.nanoseconds(.max))
        XCTAssertEqual(sketch.sumNanoseconds, 3 + 2 * Int128(Int64.max), "no overflow")
        XCTAssertEqual(sketch.mean, .nanoseconds(Int64((3 + 2 * Int128(Int64.max) + 2) / 4)))
    }

    func testMergeOfPartsEqualsTheSketchOfTheWhole() {
        var random = StatisticsTestRandom(seed: 99)
        let values = (0..<30_000).map { _ in random.logUniform(maxBits: 45) }
        var whole = QuantileSketch()
        for value in values { whole.insert(nanoseconds: value) }

        var merged = QuantileSketch()
        for part in stride(from: 0, to: values.count, by: 7_000) {
            var sketch = QuantileSketch()
            for value in values[part..<min(part + 7_000, values.count)] { sketch.insert(nanoseconds: value) }
            merged.merge(sketch)
        }
        merged.merge(QuantileSketch())
        XCTAssertEqual(merged, whole)

        var shuffled = QuantileSketch()
        for value in values.shuffled(using: &random) { shuffled.insert(nanoseconds: value) }
        XCTAssertEqual(shuffled, whole, "the order of insertion does not matter")
    }

    func testBucketsTileEveryValueWithTheDesignedWidth() {
        XCTAssertLessThanOrEqual(QuantileSketch.bucketCount * MemoryLayout<UInt64>.stride, 256 * 1_024)
        XCTAssertEqual(QuantileSketch.bucketIndex(UInt64(Int64.max)), QuantileSketch.bucketCount - 1)
        var previousUpper: UInt64 = 0
        for index in 0..<QuantileSketch.bucketCount {
            let (lower, width) = QuantileSketch.bucketBounds(index)
            XCTAssertEqual(lower, previousUpper, "bucket \(index) starts where the previous one ends")
            XCTAssertEqual(QuantileSketch.bucketIndex(lower), index)
            XCTAssertEqual(QuantileSketch.bucketIndex(lower + width - 1), index)
            XCTAssertLessThanOrEqual(Double(width) / 2, Double(max(lower, 1)) / 1_024 + 0.5, "bucket \(index)")
            previousUpper = lower &+ width
        }
        XCTAssertEqual(previousUpper, UInt64(Int64.max) + 1, "the last bucket ends at Int64.max")
    }
}
