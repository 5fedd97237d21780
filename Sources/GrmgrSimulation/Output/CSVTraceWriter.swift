public import Foundation
public import Grmgr

/// Writes a run's traces as the CSV files of DESIGN.md: tasks.csv, dop.csv, dop_sampled.csv and
/// events.csv, times in seconds with nine decimals (exact nanoseconds).
public final class CSVTraceWriter: SimulationSink {
    /// The file names, in the order they are documented.
    public static let fileNames = ["tasks.csv", "dop.csv", "dop_sampled.csv", "events.csv"]

    private let names: [CSVField]
    private let causes: [CSVField]
    /// Room reserved for one row: the longest name plus generous space for the numbers.
    private let rowBytes: Int
    private let tasks: CSVWriter
    private let dop: CSVWriter
    private let sampled: CSVWriter
    private let events: CSVWriter

    /// Opens the four files in `directory` and writes their headers.
    ///
    /// - Parameter throttleNames: The scenario's throttles, in order.
    /// - Throws: ``OutputError`` when a file cannot be created.
    public init(directory: URL, throttleNames: [String]) throws {
        names = throttleNames.map(CSVField.init)
        var causes = Array(repeating: CSVField(""), count: StateChangeCause.allCases.count)
        for cause in StateChangeCause.allCases { causes[Self.causeIndex(cause)] = CSVField(cause.rawValue) }
        self.causes = causes
        rowBytes = 256 + (names.map(\.bytes.count).max() ?? 0)
        tasks = try CSVWriter(url: directory.appendingPathComponent("tasks.csv"))
        dop = try CSVWriter(url: directory.appendingPathComponent("dop.csv"))
        sampled = try CSVWriter(url: directory.appendingPathComponent("dop_sampled.csv"))
        events = try CSVWriter(url: directory.appendingPathComponent("events.csv"))
        tasks.writeHeader(["task", "throttle", "arrival", "start", "end", "wait", "service", "sojourn"])
        dop.writeHeader(["time", "throttle", "ceiling", "running", "waiting", "cause"])
        sampled.writeHeader(["time", "throttle", "ceiling", "running", "waiting"])
        events.writeHeader(["time", "throttle", "action", "outcome", "ceiling_before", "ceiling_after"])
    }

    /// `true`: dop.csv has a row per change.
    public var wantsStateChanges: Bool { true }

    /// Writes a dop.csv row.
    public func stateChanged(_ change: StateChange, throttle: Int, at instant: TimePoint) {
        let name = names[throttle]
        let cause = causes[Self.causeIndex(change.cause)]
        dop.writeRow(reserving: rowBytes) { row in
            row.write(seconds: instant)
            row.write(name)
            row.write(integer: change.ceiling)
            row.write(integer: change.running)
            row.write(integer: change.waiting)
            row.write(cause)
        }
    }

    /// The position of a cause in `StateChangeCause.allCases`, without searching.
    private static func causeIndex(_ cause: StateChangeCause) -> Int {
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

    /// Writes one dop_sampled.csv row per throttle.
    public func sampled(_ loads: [ThrottleLoad], at instant: TimePoint) {
        for (index, load) in loads.enumerated() {
            sampled.write(seconds: instant)
            sampled.write(names[index])
            sampled.write(integer: load.ceiling)
            sampled.write(integer: load.running)
            sampled.write(integer: load.waiting)
            sampled.endRow()
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
        let name = names[task.throttle]
        tasks.writeRow(reserving: rowBytes) { row in
            row.write(integer: task.id)
            row.write(name)
            row.write(seconds: task.arrival)
            row.write(seconds: task.start)
            row.write(seconds: task.end)
            row.write(seconds: task.wait)
            row.write(seconds: task.end == nil ? nil : task.service)
            row.write(seconds: task.sojourn)
        }
    }

    /// Flushes and closes the files.
    public func close() throws {
        for writer in [tasks, dop, sampled, events] { try writer.close() }
    }
}
