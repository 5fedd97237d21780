public import Foundation
public import Grmgr

/// Writes a run's traces as the CSV files of DESIGN.md: tasks.csv, dop.csv, dop_sampled.csv and
/// events.csv, times in seconds with nine decimals (exact nanoseconds).
public final class CSVTraceWriter: SimulationSink {
    /// The file names, in the order they are documented.
    public static let fileNames = ["tasks.csv", "dop.csv", "dop_sampled.csv", "events.csv"]

    private let names: [CSVField]
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
        dop.write(seconds: instant)
        dop.write(names[throttle])
        dop.write(integer: change.ceiling)
        dop.write(integer: change.running)
        dop.write(integer: change.waiting)
        dop.write(field: change.cause.rawValue)
        dop.endRow()
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
        tasks.write(integer: task.id)
        tasks.write(names[task.throttle])
        tasks.write(seconds: task.arrival)
        tasks.write(seconds: task.start)
        tasks.write(seconds: task.end)
        tasks.write(seconds: task.wait)
        tasks.write(seconds: task.end == nil ? nil : task.service)
        tasks.write(seconds: task.sojourn)
        tasks.endRow()
    }

    /// Flushes and closes the files.
    public func close() throws {
        for writer in [tasks, dop, sampled, events] { try writer.close() }
    }
}
