import Foundation
import Grmgr
import Synchronization
import XCTest

@testable import GrmgrSimulation

/// The simulator's internal buffers: the waiting-task ring and the pipe to the trace writer thread.
final class EngineBufferTests: XCTestCase {
    func testTheFIFORingKeepsOrderAcrossWrapsAndGrowth() {
        var fifo = FIFOBuffer<Int>()
        var reference: [Int] = []
        var random = SystemRandomNumberGenerator()
        var next = 0
        // Bursts of appends and removals make the ring wrap at every capacity it grows through.
        for _ in 0..<2_000 {
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                fifo.append(next)
                reference.append(next)
                next += 1
            }
            for _ in 0..<Int.random(in: 0...40, using: &random) where !reference.isEmpty {
                XCTAssertEqual(fifo.removeFirst(), reference.removeFirst())
            }
            XCTAssertEqual(fifo.count, reference.count)
        }
        XCTAssertEqual(fifo.elements, reference)
    }

    func testReservedSequenceNumbersKeepTheirPlaceAmongSameInstantEvents() {
        var queue = EventQueue<String>()
        queue.schedule("a@1", at: TimePoint(nanoseconds: 1))
        let reserved = queue.reserveSequenceNumbers(2)
        queue.schedule("d@1", at: TimePoint(nanoseconds: 1))
        // Scheduled last but with the numbers taken between a and d: at the same instant they run between
        // them, in the order of their numbers, as if they had been scheduled when reserved.
        queue.schedule("c@1", at: TimePoint(nanoseconds: 1), sequence: reserved + 1)
        queue.schedule("b@1", at: TimePoint(nanoseconds: 1), sequence: reserved)
        queue.schedule("e@0", at: .zero)
        var order: [String] = []
        while let (_, payload) = queue.popNext() { order.append(payload) }
        XCTAssertEqual(order, ["e@0", "a@1", "b@1", "c@1", "d@1"])
    }

    func testThePipeDeliversEveryRecordInOrderAcrossChunks() {
        let seen = Mutex<[Int64]>([])
        let pipe = TraceRecordPipe { records in
            seen.withLock { seen in seen.append(contentsOf: records.map(\.first)) }
        }
        let count = 3 * TraceRecordPipe.chunkCapacity + 17
        for number in 0..<count {
            pipe.append(
                TraceRecord(
                    kind: .sample, code: 0, throttle: 0, first: Int64(number), second: 0, third: 0, fourth: 0, fifth: 0)
            )
        }
        pipe.finish()
        XCTAssertEqual(seen.withLock { $0 }, (0..<Int64(count)).map { $0 })
    }

    func testTraceFilesHoldTheSameBytesAsRowsWrittenDirectly() throws {
        let directory = try OutputTestDirectory()
        let writer = try CSVTraceWriter(directory: directory.url, throttleNames: ["a", "b,c"])
        let expectedTasks = CSVWriter.inMemory()
        expectedTasks.writeHeader(["task", "throttle", "arrival", "start", "end", "wait", "service", "sojourn"])
        let expectedDop = CSVWriter.inMemory()
        expectedDop.writeHeader(["time", "throttle", "ceiling", "running", "waiting", "cause"])
        let names = [CSVField("a"), CSVField("b,c")]
        // More rows than two chunks of the pipe, with every optional field present and missing.
        for number in 0..<(2 * TraceRecordPipe.chunkCapacity + 5) {
            let throttle = number % 2
            let arrival = TimePoint(nanoseconds: Int64(number) * 1_234_567)
            let start = number % 3 == 0 ? nil : arrival + .nanoseconds(Int64(number % 7) * 1_000)
            let end = number % 5 == 0 ? nil : start.map { $0 + .milliseconds(3) }
            let task = SimulatedTask(
                id: number, throttle: throttle, arrival: arrival, service: .milliseconds(3), start: start, end: end)
            writer.taskEnded(task)
            expectedTasks.write(integer: task.id)
            expectedTasks.write(names[throttle])
            expectedTasks.write(seconds: task.arrival)
            expectedTasks.write(seconds: task.start)
            expectedTasks.write(seconds: task.end)
            expectedTasks.write(seconds: task.wait)
            expectedTasks.write(seconds: task.end == nil ? nil : task.service)
            expectedTasks.write(seconds: task.sojourn)
            expectedTasks.endRow()
            let cause = StateChangeCause.allCases[number % StateChangeCause.allCases.count]
            let change = StateChange(
                throttle: ThrottleID(slot: UInt32(throttle), generation: 0), cause: cause, ceiling: number % 11,
                running: number % 13, waiting: number)
            writer.stateChanged(change, throttle: throttle, at: arrival)
            expectedDop.write(seconds: arrival)
            expectedDop.write(names[throttle])
            expectedDop.write(integer: change.ceiling)
            expectedDop.write(integer: change.running)
            expectedDop.write(integer: change.waiting)
            expectedDop.write(field: cause.rawValue)
            expectedDop.endRow()
        }
        try writer.close()
        XCTAssertEqual(
            try Data(contentsOf: directory.url.appendingPathComponent("tasks.csv")),
            Data(expectedTasks.memoryContents()))
        XCTAssertEqual(
            try Data(contentsOf: directory.url.appendingPathComponent("dop.csv")), Data(expectedDop.memoryContents()))
    }

    func testAWriterDroppedWithoutClosingStopsItsThread() throws {
        let directory = try OutputTestDirectory()
        var writer: CSVTraceWriter? = try CSVTraceWriter(directory: directory.url, throttleNames: ["a"])
        writer?.sampled([ThrottleLoad(ceiling: 1, running: 0, waiting: 0)], at: .zero)
        writer = nil  // A failed run: deinit finishes the pipe instead of leaving the thread waiting.
        XCTAssertNil(writer)
    }
}
