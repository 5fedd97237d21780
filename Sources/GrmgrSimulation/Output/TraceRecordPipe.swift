import Foundation

/// One row of tasks.csv, dop.csv or dop_sampled.csv as the simulator reported it, before formatting:
/// 48 bytes, copied into a ``TraceRecordPipe`` chunk on the simulator's thread.
struct TraceRecord {
    enum Kind: UInt8 {
        /// A tasks.csv row: `first` is the task number, then arrival, start, end and service.
        case task
        /// A dop.csv row: `first` is the instant, then ceiling, running and waiting; `code` the cause.
        case stateChange
        /// A dop_sampled.csv row: `first` is the instant, then ceiling, running and waiting.
        case sample
    }

    /// For a task row, `code` says which of start and end it reached.
    static let hasStart: UInt8 = 1
    static let hasEnd: UInt8 = 2

    var kind: Kind
    var code: UInt8
    var throttle: Int32
    var first: Int64
    var second: Int64
    var third: Int64
    var fourth: Int64
    var fifth: Int64
}

/// Carries trace records from the simulator's thread to a writer thread that formats and writes them, so
/// that on two cores formatting and `write(2)` overlap with the simulation instead of adding to it.
///
/// Two chunks of records alternate: the simulator fills one while the writer drains the other, and waits
/// only when the writer is a whole chunk behind, so memory stays bounded. The writer handles the chunks in
/// the order they were filled and each chunk in order, so the files get exactly the bytes a single thread
/// would write.
final class TraceRecordPipe: @unchecked Sendable {
    // @unchecked: a chunk belongs to the simulator from when `submit` hands it back (through `condition`)
    // until it submits it, and to the writer in between; `condition` orders every hand-over.

    /// Records per chunk: 1.5 MB, a few milliseconds of work for the writer.
    static let chunkCapacity = 32_768

    private let chunks: [UnsafeMutablePointer<TraceRecord>]
    private let condition = NSCondition()
    /// Chunks submitted and not yet drained, oldest first, with their record counts. Guarded by `condition`.
    private var pending: [(chunk: Int, count: Int)] = []
    /// Set by ``finish()``; the writer stops once `pending` is empty. Guarded by `condition`.
    private var finished = false
    /// Set by the writer when it has drained everything and returned. Guarded by `condition`.
    private var writerDone = false

    /// Whether ``finish()`` has run; used on the simulator's thread only, so without the lock.
    private var isFinished = false

    /// The chunk being filled, where its next record goes, and where it ends.
    private var current = 0
    private(set) var next: UnsafeMutablePointer<TraceRecord>
    private(set) var end: UnsafeMutablePointer<TraceRecord>

    /// Starts the writer thread, which calls `drain` with each chunk's records in order.
    init(drain: @escaping @Sendable (UnsafeBufferPointer<TraceRecord>) -> Void) {
        chunks = (0..<2).map { _ in UnsafeMutablePointer<TraceRecord>.allocate(capacity: Self.chunkCapacity) }
        next = chunks[0]
        end = chunks[0] + Self.chunkCapacity
        let thread = Thread { [self] in writerLoop(drain) }
        thread.name = "grmgr-trace-writer"
        thread.start()
    }

    deinit {
        for chunk in chunks { chunk.deallocate() }
    }

    /// Adds a record; hands the chunk to the writer when it is full.
    @inline(__always)
    func append(_ record: TraceRecord) {
        if next == end { submit() }
        next.initialize(to: record)
        next += 1
    }

    /// Hands over the last records and waits until the writer has drained everything.
    func finish() {
        condition.lock()
        pending.append((current, next - chunks[current]))
        finished = true
        condition.broadcast()
        while !writerDone { condition.wait() }
        condition.unlock()
        // The next append goes to `submit`, which traps: like a write to a closed `CSVWriter`.
        isFinished = true
        end = next
    }

    /// Hands the full chunk to the writer and takes the other one, waiting if the writer still has it.
    private func submit() {
        precondition(!isFinished, "trace record after the trace writer was closed")
        let count = next - chunks[current]
        current = 1 - current
        condition.lock()
        pending.append((1 - current, count))
        condition.broadcast()
        while pending.contains(where: { $0.chunk == current }) { condition.wait() }
        condition.unlock()
        next = chunks[current]
        end = next + Self.chunkCapacity
    }

    private func writerLoop(_ drain: (UnsafeBufferPointer<TraceRecord>) -> Void) {
        condition.lock()
        while true {
            while pending.isEmpty && !finished { condition.wait() }
            guard let (chunk, count) = pending.first else { break }
            condition.unlock()
            drain(UnsafeBufferPointer(start: chunks[chunk], count: count))
            condition.lock()
            pending.removeFirst()
            condition.broadcast()
        }
        writerDone = true
        condition.broadcast()
        condition.unlock()
    }
}
