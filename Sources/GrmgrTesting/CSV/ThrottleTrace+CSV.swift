public import Foundation
public import Grmgr

extension ThrottleTrace {
    /// The columns of the CSV files of a simulated run (DESIGN.md, "Outputs").
    public enum CSVColumns {
        /// dop.csv: one row per state change.
        public static let dop = ["time", "throttle", "ceiling", "running", "waiting", "cause"]
        /// events.csv: one row per scaling request.
        public static let events = ["time", "throttle", "action", "outcome", "ceiling_before", "ceiling_after"]
        /// tasks.csv: one row per task.
        public static let tasks = ["task", "throttle", "arrival", "start", "end", "wait", "service", "sojourn"]
    }

    /// Loads a simulated run from its directory: dop.csv (required), events.csv and tasks.csv (each
    /// used when present).
    ///
    /// Times are read as exact nanoseconds. The files do not carry the throttles' settings: pass the
    /// scenario's `configs` so that the bounds and hold can be checked; without a throttle's config,
    /// its `max` is taken from its ceiling at registration and `min` and the hold are not checked.
    ///
    /// - Throws: ``TraceLoadError`` naming the file, line and column of the first problem.
    public init(contentsOfRunAt directory: URL, configs: [ThrottleConfig] = []) throws(TraceLoadError) {
        func read(_ name: String, required: Bool) throws(TraceLoadError) -> String? {
            let url = directory.appendingPathComponent(name)
            guard required || FileManager.default.fileExists(atPath: url.path) else { return nil }
            do {
                return try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw TraceLoadError(file: name, message: "cannot read \(url.path): \(error.localizedDescription)")
            }
        }
        try self.init(
            dopCSV: read("dop.csv", required: true) ?? "", eventsCSV: read("events.csv", required: false),
            tasksCSV: read("tasks.csv", required: false), configs: configs)
    }

    /// Reads a simulated run from the text of its CSV files; see ``init(contentsOfRunAt:configs:)``.
    ///
    /// Rows of the same instant become one entry. A scaling record is placed just before the dop.csv
    /// `scale` row it caused (or before a `delete` row of its throttle), so that each throttle's records
    /// keep the order in which the core made them.
    ///
    /// - Throws: ``TraceLoadError`` for a bad header, field, cause, action or outcome, rows out of time
    ///   order, or task times that do not add up.
    public init(
        dopCSV: String, eventsCSV: String? = nil, tasksCSV: String? = nil, configs: [ThrottleConfig] = []
    ) throws(TraceLoadError) {
        let dop = try CSVTable(file: "dop.csv", text: dopCSV, columns: CSVColumns.dop).rows(DopRow.init)
        let events = try eventsCSV.map { text throws(TraceLoadError) in
            try CSVTable(file: "events.csv", text: text, columns: CSVColumns.events).rows(EventRow.init)
        }
        let tasks = try tasksCSV.map { text throws(TraceLoadError) in
            try CSVTable(file: "tasks.csv", text: text, columns: CSVColumns.tasks).rows(TraceTask.init)
        }
        var merger = CSVRunMerger(configs: configs)
        try merger.merge(dop: dop, events: events ?? [])
        self.init(registrations: merger.registrations, timedActions: merger.actions, tasks: tasks)
    }
}

/// A row of dop.csv.
struct DopRow {
    let line: Int
    let time: TimePoint
    let throttle: String
    let ceiling: Int
    let running: Int
    let waiting: Int
    let cause: StateChangeCause

    init(_ table: CSVTable, _ row: CSVTable.Row) throws(TraceLoadError) {
        line = row.line
        time = try table.instant(row, 0)
        throttle = table.text(row, 1)
        ceiling = try table.integer(row, 2)
        running = try table.integer(row, 3)
        waiting = try table.integer(row, 4)
        guard let cause = StateChangeCause(rawValue: table.text(row, 5)) else {
            let causes = StateChangeCause.allCases.map(\.rawValue).joined(separator: ", ")
            throw table.error(row, 5, "expected one of \(causes), found \"\(table.text(row, 5))\"")
        }
        self.cause = cause
    }
}

/// A row of events.csv.
struct EventRow {
    let line: Int
    let time: TimePoint
    let throttle: String
    let action: ScalingAction
    let outcome: ScalingOutcome
    let ceilingBefore: Int
    let ceilingAfter: Int

    init(_ table: CSVTable, _ row: CSVTable.Row) throws(TraceLoadError) {
        line = row.line
        time = try table.instant(row, 0)
        throttle = table.text(row, 1)
        guard let action = ScalingAction(eventsCSV: table.text(row, 2)) else {
            throw table.error(
                row, 2,
                "expected up, down, set, percent or profile (\"down 2\", \"set 5\"), found "
                    + "\"\(table.text(row, 2))\"")
        }
        self.action = action
        guard let outcome = ScalingOutcome(rawValue: table.text(row, 3)) else {
            let outcomes = ScalingOutcome.allCases.map(\.rawValue).joined(separator: ", ")
            throw table.error(row, 3, "expected one of \(outcomes), found \"\(table.text(row, 3))\"")
        }
        self.outcome = outcome
        ceilingBefore = try table.integer(row, 4)
        ceilingAfter = try table.integer(row, 5)
    }
}

extension TraceTask {
    /// Reads a row of tasks.csv and checks that its wait, service and sojourn match its times.
    init(_ table: CSVTable, _ row: CSVTable.Row) throws(TraceLoadError) {
        let id = try table.integer(row, 0)
        let arrival = try table.instant(row, 2)
        let start = try table.optionalInstant(row, 3)
        let end = try table.optionalInstant(row, 4)
        let derived: [(Int, TimeAmount?)] = [
            (5, start.map { $0 - arrival }),
            (6, start.flatMap { start in end.map { $0 - start } }),
            (7, end.map { $0 - arrival }),
        ]
        for (column, expected) in derived {
            let written = try table.optionalInstant(row, column).map(\.sinceEpoch)
            guard written == expected else {
                throw table.error(
                    row, column,
                    "found \"\(table.text(row, column))\", but the task's times give "
                        + (expected.map { nanosecondsAsSeconds($0.nanoseconds) } ?? "an empty field"))
            }
        }
        self.init(id: id, throttle: table.text(row, 1), arrival: arrival, start: start, end: end)
    }
}

extension ScalingAction {
    /// Parses the action column of events.csv, the inverse of `description`: `up`, `down 2`, `set 5`,
    /// `percent 50`, `profile gentle-recovery`.
    init?(eventsCSV text: String) {
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        guard let verb = parts.first else { return nil }
        let argument = parts.count > 1 ? parts[1] : nil
        switch (verb, argument) {
        case ("up", nil): self = .up()
        case ("down", nil): self = .down()
        case ("profile", let name?): self = .profile(name)
        case (_, let number?):
            guard let value = Int(number) else { return nil }
            switch verb {
            case "up": self = .up(by: value)
            case "down": self = .down(by: value)
            case "set": self = .set(dop: value)
            case "percent": self = .percent(value)
            default: return nil
            }
        default: return nil
        }
    }
}

extension CSVTable {
    func rows<Row>(_ make: (CSVTable, CSVTable.Row) throws(TraceLoadError) -> Row) throws(TraceLoadError) -> [Row] {
        var result: [Row] = []
        result.reserveCapacity(rows.count)
        for row in rows { result.append(try make(self, row)) }
        return result
    }
}
