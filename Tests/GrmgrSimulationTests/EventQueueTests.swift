import Grmgr
import GrmgrSimulation
import XCTest

final class EventQueueTests: XCTestCase {
    func testSameInstantEventsRunInTheOrderTheyWereScheduled() {
        var queue = EventQueue<String>()
        queue.schedule("c@2", at: TimePoint(nanoseconds: 2))
        queue.schedule("a@1", at: TimePoint(nanoseconds: 1))
        queue.schedule("d@2", at: TimePoint(nanoseconds: 2))
        queue.schedule("b@1", at: TimePoint(nanoseconds: 1))
        queue.schedule("e@0", at: TimePoint(nanoseconds: 0))
        queue.schedule("f@2", at: TimePoint(nanoseconds: 2))
        // Expected: by instant; among equal instants, in scheduling order:
        // e@0 (t=0), a@1 then b@1 (t=1, a was scheduled first), c@2, d@2, f@2 (t=2, in scheduling order).
        var order: [String] = []
        while let (_, payload) = queue.popNext() { order.append(payload) }
        XCTAssertEqual(order, ["e@0", "a@1", "b@1", "c@2", "d@2", "f@2"])
    }

    func testEventsScheduledWhileDrainingKeepTheTieBreak() {
        var queue = EventQueue<Int>()
        queue.schedule(1, at: .zero)
        queue.schedule(2, at: .zero)
        var order: [Int] = []
        while let (instant, payload) = queue.popNext() {
            order.append(payload)
            // An event at the current instant goes after the ones already due now.
            if payload == 1 { queue.schedule(3, at: instant) }
        }
        XCTAssertEqual(order, [1, 2, 3])
    }

    func testRandomisedAgainstASortedReference() {
        var seeded = SeededGenerator(seed: 2026)
        for round in 0..<50 {
            var queue = EventQueue<Int>()
            var reference: [(time: Int64, sequence: Int)] = []
            var popped: [Int] = []
            var expected: [Int] = []
            for sequence in 0..<500 {
                let time = Int64(seeded.next() % 40)
                queue.schedule(sequence, at: TimePoint(nanoseconds: time))
                reference.append((time, sequence))
                if seeded.next() % 3 == 0, let (_, payload) = queue.popNext() {
                    popped.append(payload)
                    let index = reference.indices.min {
                        (reference[$0].time, reference[$0].sequence) < (reference[$1].time, reference[$1].sequence)
                    }!
                    expected.append(reference.remove(at: index).sequence)
                }
                XCTAssertTrue(queue.isValidHeap, "round \(round)")
            }
            while let (_, payload) = queue.popNext() { popped.append(payload) }
            expected += reference.sorted { ($0.time, $0.sequence) < ($1.time, $1.sequence) }.map(\.sequence)
            XCTAssertEqual(popped, expected, "round \(round) (seed 2026)")
        }
    }
}

/// SplitMix64, so randomised tests replay from their seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
