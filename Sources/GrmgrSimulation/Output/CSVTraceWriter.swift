public import Foundation
public import Grmgr

/// Writes a run's traces as the CSV files of DESIGN.md: tasks.csv, dop.csv, dop_sampled.csv and
/// events.csv, times in seconds with nine decimals (exact nanoseconds).
///
/// The rows of tasks.csv, dop.csv and dop_sampled.csv, several per simulated task, are formatted and
/// written on a thread of their own: the sink methods only copy a 48-byte record (see
/// ``TraceRecordPipe``). The bytes are the same as if one thread wrote them. events.csv, a few rows per
/// scaling event, is written directly.
public final class CSVTraceWriter: SimulationSink {
    /// The file names, in the order they are documented.
    public static let fileNames = ["tasks.csv", "dop.csv", "dop_sampled.csv", "events.csv"]

    private let names: [CSVField]
    private let events: CSVWriter
    private let formatter: TraceRowFormatter
    private let pipe: TraceRecordPipe
    private var isClosed = false

    /// Opens the four files in `directory` and writes their headers.
    ///
    /// - Parameter throttleNames: The scenario's throttles, in order.
    /// - Throws: ``OutputError`` when a file cannot be created.
    public init(directory: URL, throttleNames: [String]) throws {
        names = throttleNames.map(CSVField.init)
        let tasks = try CSVWriter(url: directory.appendingPathComponent("tasks.csv"))
        let dop = try CSVWriter(url: directory.appendingPathComponent("dop.csv"))
        let sampled = try CSVWriter(url: directory.appendingPathComponent("dop_sampled.csv"))
        events = try CSVWriter(url: directory.appendingPathComponent("events.csv"))
        tasks.writeHeader(["task", "throttle", "arrival", "start", "end", "wait", "service", "sojourn"])
        dop.writeHeader(["time", "throttle", "ceiling", "running", "waiting", "cause"])
        sampled.writeHeader(["time", "throttle", "ceiling", "running", "waiting"])
        events.writeHeader(["time", "throttle", "action", "outcome", "ceiling_before", "ceiling_after"])
        let formatter = TraceRowFormatter(names: names, tasks: tasks, dop: dop, sampled: sampled)
        self.formatter = formatter
        pipe = TraceRecordPipe { records in formatter.write(records) }
    }

    deinit {
        // A run that failed never closed the writer: stop the writer thread all the same.
        if !isClosed { pipe.finish() }
    }

    /// `true`: dop.csv has a row per change.
    public var wantsStateChanges: Bool { true }

    /// Writes a dop.csv row.
    public func stateChanged(_ change: StateChange, throttle: Int, at instant: TimePoint) {
        pipe.append(
            TraceRecord(
                kind: .stateChange, code: TraceRowFormatter.causeIndex(change.cause), throttle: Int32(throttle),
                first: instant.nanoseconds, second: Int64(change.ceiling), third: Int64(change.running),
                fourth: Int64(change.waiting), fifth: 0))
    }

    /// Writes one dop_sampled.csv row per throttle.
    public func sampled(_ loads: [ThrottleLoad], at instant: TimePoint) {
        for (index, load) in loads.enumerated() {
            pipe.append(
                TraceRecord(
                    kind: .sample, code: 0, throttle: Int32(index), first: instant.nanoseconds,
                    second: Int64(load.ceiling), third: Int64(load.running), fourth: Int64(load.waiting), fifth: 0))
        }
    }

    /// Writes an events.csv row.
    public func scaled(_ record: ScalingRecord, throttle: Int, at instant: TimePoint) {
        events.write(seconds: instant)
        events.write(names[throttle])
        events.write(field: record.action.description)
        events.write(field: record.outcome.rawValue)
        events.write(integer: record.ceilingBefore)
        events.write(integer: record.ceilingAfter)
        events.endRow()
    }

    /// Writes a tasks.csv row; the times a task did not reach are left empty.
    public func taskEnded(_ task: SimulatedTask) {
        let code = (task.start == nil ? 0 : TraceRecord.hasStart) | (task.end == nil ? 0 : TraceRecord.hasEnd)
        pipe.append(
            TraceRecord(
                kind: .task, code: code, throttle: Int32(task.throttle), first: Int64(task.id),
                second: task.arrival.nanoseconds, third: task.start?.nanoseconds ?? 0,
                fourth: task.end?.nanoseconds ?? 0, fifth: task.service.nanoseconds))
    }

    /// Writes the rows still in transit, then flushes and closes the files.
    public func close() throws {
        if !isClosed {
            isClosed = true
            pipe.finish()
        }
        for writer in [formatter.tasks, formatter.dop, formatter.sampled, events] { try writer.close() }
    }
}

/// Formats trace records into their files, on the pipe's writer thread.
private final class TraceRowFormatter: @unchecked Sendable {
    // @unchecked: after `init` the writers and tables are used by the pipe's writer thread only, until
    // `TraceRecordPipe.finish()` returns and hands them back.

    let tasks: CSVWriter
    let dop: CSVWriter
    let sampled: CSVWriter
    /// The encoded throttle names, then the encoded causes, back to back: copied from raw memory, so a
    /// row costs no retain and release of a field's array.
    private let fieldBytes: UnsafeMutablePointer<UInt8>
    /// Where each name (by throttle index), then each cause (by ``causeIndex(_:)``), is in `fieldBytes`.
    private let fields: UnsafeMutablePointer<(offset: Int, count: Int)>
    private let throttleCount: Int
    /// Room reserved for one row: the longest name plus generous space for the numbers.
    private let rowBytes: Int

    init(names: [CSVField], tasks: CSVWriter, dop: CSVWriter, sampled: CSVWriter) {
        var causes = Array(repeating: CSVField(""), count: StateChangeCause.allCases.count)
        for cause in StateChangeCause.allCases { causes[Int(Self.causeIndex(cause))] = CSVField(cause.rawValue) }
        let all = names + causes
        fieldBytes = .allocate(capacity: Swift.max(1, all.reduce(0) { $0 + $1.bytes.count }))
        fields = .allocate(capacity: all.count)
        var offset = 0
        for (index, field) in all.enumerated() {
            (fieldBytes + offset).initialize(from: field.bytes, count: field.bytes.count)
            (fields + index).initialize(to: (offset, field.bytes.count))
            offset += field.bytes.count
        }
        throttleCount = names.count
        rowBytes = 256 + (names.map(\.bytes.count).max() ?? 0)
        self.tasks = tasks
        self.dop = dop
        self.sampled = sampled
    }

    deinit {
        fieldBytes.deallocate()
        fields.deallocate()
    }

    /// The position of a cause in `StateChangeCause.allCases`, without searching.
    static func causeIndex(_ cause: StateChangeCause) -> UInt8 {
        switch cause {
        case .registered: return 0
        case .granted: return 1
        case .queued: return 2
        case .grantedWaiter: return 3
        case .released: return 4
        case .cancelled: return 5
        case .failed: return 6
        case .scaled: return 7
        case .deleted: return 8
        }
    }

    /// Writes the name of a throttle, or (after the names) a cause, as a field.
    @inline(__always)
    private func writeField(_ index: Int, to row: inout CSVRowWriter) {
        let field = fields[index]
        row.write(bytes: fieldBytes + field.offset, count: field.count)
    }

    func write(_ records: UnsafeBufferPointer<TraceRecord>) {
        for record in records {
            switch record.kind {
            case .task: writeTask(record)
            case .stateChange: writeStateChange(record)
            case .sample: writeSample(record)
            }
        }
    }

    private func writeStateChange(_ record: TraceRecord) {
        dop.writeRow(reserving: rowBytes) { row in
            row.writeSeconds(nanoseconds: record.first)
            writeField(Int(record.throttle), to: &row)
            row.write(integer: record.second)
            row.write(integer: record.third)
            row.write(integer: record.fourth)
            writeField(throttleCount + Int(record.code), to: &row)
        }
    }

    private func writeSample(_ record: TraceRecord) {
        sampled.writeRow(reserving: rowBytes) { row in
            row.writeSeconds(nanoseconds: record.first)
            writeField(Int(record.throttle), to: &row)
            row.write(integer: record.second)
            row.write(integer: record.third)
            row.write(integer: record.fourth)
        }
    }

    private func writeTask(_ record: TraceRecord) {
        let hasStart = record.code & TraceRecord.hasStart != 0
        let hasEnd = record.code & TraceRecord.hasEnd != 0
        let arrival = record.second
        tasks.writeRow(reserving: rowBytes) { row in
            row.write(integer: record.first)
            writeField(Int(record.throttle), to: &row)
            row.writeSeconds(nanoseconds: arrival)
            if hasStart { row.writeSeconds(nanoseconds: record.third) } else { row.writeEmpty() }
            if hasEnd { row.writeSeconds(nanoseconds: record.fourth) } else { row.writeEmpty() }
            // wait = start - arrival, sojourn = end - arrival, as `SimulatedTask` computes them (saturating).
            if hasStart {
                row.write(seconds: TimePoint(nanoseconds: record.third) - TimePoint(nanoseconds: arrival))
            } else {
                row.writeEmpty()
            }
            if hasEnd { row.writeSeconds(nanoseconds: record.fifth) } else { row.writeEmpty() }
            if hasEnd {
                row.write(seconds: TimePoint(nanoseconds: record.fourth) - TimePoint(nanoseconds: arrival))
            } else {
                row.writeEmpty()
            }
        }
    }
}
