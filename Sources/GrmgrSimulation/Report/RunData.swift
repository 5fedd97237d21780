import Foundation

/// What a single run's report shows, read back from the CSV files `grmgr-sim run` writes.
struct RunData: Sendable {
    /// One row of events.csv.
    struct Event: Hashable, Sendable {
        var time: Double
        var throttle: String
        var action: String
        var outcome: String
        var before: Int
        var after: Int
    }

    /// One row of dop_sampled.csv.
    struct Sample: Hashable, Sendable {
        var time: Double
        var ceiling: Int
        var running: Int
        var waiting: Int
    }

    /// summary.csv's header.
    var summaryColumns: [String]
    /// summary.csv's rows, as text, in throttle order.
    var summaries: [[String]]
    /// The throttles, in summary.csv order.
    var throttles: [String]
    /// events.csv.
    var events: [Event]
    /// dop_sampled.csv by throttle.
    var samples: [String: [Sample]]
    /// Waits in seconds of the tasks that started, by throttle, sorted.
    var waits: [String: [Double]]
    /// Tasks that never started (a run without drain), by throttle.
    var unstarted: [String: Int]

    /// Reads summary.csv, events.csv, dop_sampled.csv and tasks.csv from a run's directory.
    ///
    /// - Throws: ``CSVReadError`` for a missing file or a malformed row.
    init(directory: URL) throws(CSVReadError) {
        let summary = try CSVReader(url: directory.appendingPathComponent("summary.csv"))
        summaryColumns = summary.header
        summaries = try summary.rows()
        let throttleColumn = try summary.column("throttle")
        throttles = summaries.map { $0[throttleColumn] }

        let eventFile = try CSVReader(url: directory.appendingPathComponent("events.csv"))
        try eventFile.requireHeader(["time", "throttle", "action", "outcome", "ceiling_before", "ceiling_after"])
        var events: [Event] = []
        try eventFile.forEachRow { fields, line throws(CSVReadError) in
            guard let time = Double(fields[0]), let before = Int(fields[4]), let after = Int(fields[5]) else {
                throw CSVReadError(path: eventFile.path, line: line, message: "expected time and ceilings as numbers")
            }
            events.append(
                Event(
                    time: time, throttle: fields[1], action: fields[2], outcome: fields[3], before: before, after: after
                ))
        }
        self.events = events

        let sampleFile = try CSVReader(url: directory.appendingPathComponent("dop_sampled.csv"))
        try sampleFile.requireHeader(["time", "throttle", "ceiling", "running", "waiting"])
        var samples: [String: [Sample]] = [:]
        try sampleFile.forEachRow { fields, line throws(CSVReadError) in
            guard let time = Double(fields[0]), let ceiling = Int(fields[2]), let running = Int(fields[3]),
                let waiting = Int(fields[4])
            else {
                throw CSVReadError(path: sampleFile.path, line: line, message: "expected numbers for time and load")
            }
            samples[fields[1], default: []].append(
                Sample(time: time, ceiling: ceiling, running: running, waiting: waiting))
        }
        self.samples = samples

        let taskFile = try CSVReader(url: directory.appendingPathComponent("tasks.csv"))
        let taskThrottle = try taskFile.column("throttle")
        let waitColumn = try taskFile.column("wait")
        var waits: [String: [Double]] = [:]
        var unstarted: [String: Int] = [:]
        try taskFile.forEachRow { fields, line throws(CSVReadError) in
            let text = fields[waitColumn]
            if text.isEmpty {
                unstarted[fields[taskThrottle], default: 0] += 1
                return
            }
            guard let wait = Double(text) else {
                throw CSVReadError(path: taskFile.path, line: line, message: "wait: expected seconds, got \"\(text)\"")
            }
            waits[fields[taskThrottle], default: []].append(wait)
        }
        self.waits = waits.mapValues { $0.sorted() }
        self.unstarted = unstarted
    }

    /// A summary figure of a throttle as text, `nil` when the column is absent.
    func summary(_ throttle: Int, _ column: String) -> String? {
        summaryColumns.firstIndex(of: column).map { summaries[throttle][$0] }
    }
}
