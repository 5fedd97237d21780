#if WithStats
import Grmgr

/// The three tables, defined once and spoken in both dialects, and how rows map to Swift values.
///
/// ```
/// runs            (run PK, source, started_at, snapshot_interval, flush_interval, dropped_snapshots,
///                  last_time, updated_at)
/// throttle_stats  (run, throttle, time, ceiling, running, waiting, granted, completed, applied_changes,
///                  refused_changes, samples, s10, s10_samples, …, h2, h2_samples, updated_at; PK run, throttle)
/// snapshots       (run, throttle, time, ceiling, running, waiting; PK run, throttle, time)
/// ```
/// Times are seconds: `started_at` and `updated_at` since 1970, `time` and `last_time` since the run started.
enum StatsSchema {
    struct Table {
        var name: String
        var columns: [(name: String, type: SQLType, nullable: Bool)]
        var key: [String]
        /// Whether a conflicting row is replaced (upsert) or kept (the snapshot history).
        var replacesOnConflict: Bool

        var columnNames: [String] { columns.map(\.name) }
        var types: [SQLType] { columns.map(\.type) }

        func create(in dialect: SQLDialect) -> String {
            let definitions = columns.map { column in
                "\(column.name) \(column.type.name(in: dialect))\(column.nullable ? "" : " NOT NULL")"
            }
            let body = (definitions + ["PRIMARY KEY (\(key.joined(separator: ", ")))"]).joined(separator: ", ")
            return "CREATE TABLE IF NOT EXISTS \(name) (\(body))"
        }

        /// The insert with `$1`, `$2`, … placeholders, which both SQLite and PostgreSQL accept.
        var insert: String {
            let placeholders = columns.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
            let conflict: String
            if replacesOnConflict {
                let updates = columns.map(\.name).filter { !key.contains($0) }.map { "\($0) = excluded.\($0)" }
                conflict = "DO UPDATE SET " + updates.joined(separator: ", ")
            } else {
                conflict = "DO NOTHING"
            }
            return "INSERT INTO \(name) (\(columnNames.joined(separator: ", "))) VALUES (\(placeholders)) "
                + "ON CONFLICT (\(key.joined(separator: ", "))) \(conflict)"
        }

        /// Every column of the rows matching `condition`, in `order`.
        func select(where condition: String? = nil, orderBy order: String) -> String {
            let filter = condition.map { " WHERE \($0)" } ?? ""
            return "SELECT \(columnNames.joined(separator: ", ")) FROM \(name)\(filter) ORDER BY \(order)"
        }
    }

    static let runs = Table(
        name: "runs",
        columns: [
            ("run", .text, false), ("source", .text, false), ("started_at", .real, false),
            ("snapshot_interval", .real, false), ("flush_interval", .real, false),
            ("dropped_snapshots", .integer, false), ("last_time", .real, true), ("updated_at", .real, false),
        ],
        key: ["run"], replacesOnConflict: true)

    static let throttleStats = Table(
        name: "throttle_stats",
        columns: [
            ("run", .text, false), ("throttle", .text, false), ("time", .real, false), ("ceiling", .integer, false),
            ("running", .integer, false), ("waiting", .integer, false), ("granted", .integer, false),
            ("completed", .integer, false), ("applied_changes", .integer, false),
            ("refused_changes", .integer, false), ("samples", .integer, false),
        ]
            + StatsWindow.all.flatMap { window in
                [(window.name, SQLType.real, true), ("\(window.name)_samples", SQLType.integer, false)]
            } + [("updated_at", .real, false)],
        key: ["run", "throttle"], replacesOnConflict: true)

    static let snapshots = Table(
        name: "snapshots",
        columns: [
            ("run", .text, false), ("throttle", .text, false), ("time", .real, false), ("ceiling", .integer, false),
            ("running", .integer, false), ("waiting", .integer, false),
        ],
        key: ["run", "throttle", "time"], replacesOnConflict: false)

    /// The statements that create what is missing; safe to run on every open.
    static func create(in dialect: SQLDialect) -> [String] {
        [runs, throttleStats, snapshots].map { $0.create(in: dialect) }
    }

    static let selectRuns = runs.select(orderBy: "updated_at DESC, run")
    static let selectStats = throttleStats.select(where: "run = $1", orderBy: "throttle")
    static let selectSnapshots = snapshots.select(where: "run = $1", orderBy: "time, throttle")

    // MARK: Rows to values

    static func values(of record: StatsRunRecord) -> [SQLValue] {
        let run = record.run
        return [
            .text(run.id), .text(run.source), .real(run.startedAt),
            .real(run.configuration.snapshotInterval.seconds), .real(run.configuration.flushInterval.seconds),
            .integer(Int64(record.droppedSnapshots)), record.lastTime.map { .real($0.seconds) } ?? .null,
            .real(record.updatedAt),
        ]
    }

    static func values(of stats: ThrottleStats, run: String, updatedAt: Double) -> [SQLValue] {
        var values: [SQLValue] = [
            .text(run), .text(stats.throttle), .real(stats.time.seconds), .integer(Int64(stats.load.ceiling)),
            .integer(Int64(stats.load.running)), .integer(Int64(stats.load.waiting)),
            .integer(Int64(stats.counters.granted)), .integer(Int64(stats.counters.completed)),
            .integer(Int64(stats.counters.appliedChanges)), .integer(Int64(stats.counters.refusedChanges)),
            .integer(Int64(stats.samples)),
        ]
        for window in StatsWindow.all {
            let average = stats.averages.first { $0.window == window }
            values.append(average?.average.map { .real($0) } ?? .null)
            values.append(.integer(Int64(average?.samples ?? 0)))
        }
        values.append(.real(updatedAt))
        return values
    }

    static func values(of snapshot: StatsSnapshot, run: String) -> [SQLValue] {
        [
            .text(run), .text(snapshot.throttle), .real(snapshot.time.seconds), .integer(Int64(snapshot.load.ceiling)),
            .integer(Int64(snapshot.load.running)), .integer(Int64(snapshot.load.waiting)),
        ]
    }

    // MARK: Values to rows

    static func runRecord(_ row: [SQLValue]) throws(StatsStoreError) -> StatsRunRecord {
        let snapshot = TimeAmount(seconds: row[3].real ?? 0)
        let flush = TimeAmount(seconds: row[4].real ?? 0)
        let configuration = (try? StatsConfiguration(snapshotInterval: snapshot, flushInterval: flush)) ?? .standard
        return StatsRunRecord(
            run: StatsRun(
                id: try text(row[0]), source: try text(row[1]), startedAt: row[2].real ?? 0,
                configuration: configuration),
            droppedSnapshots: Int(row[5].integer ?? 0), lastTime: row[6].real.map(timePoint),
            updatedAt: row[7].real ?? 0)
    }

    static func throttleStats(_ row: [SQLValue]) throws(StatsStoreError) -> ThrottleStats {
        func int(_ index: Int) -> Int { Int(row[index].integer ?? 0) }
        let averages = StatsWindow.all.enumerated().map { offset, window in
            WindowAverage(window: window, average: row[11 + 2 * offset].real, samples: int(12 + 2 * offset))
        }
        return ThrottleStats(
            throttle: try text(row[1]), time: timePoint(row[2].real ?? 0),
            load: ThrottleLoad(ceiling: int(3), running: int(4), waiting: int(5)),
            counters: StatsCounters(granted: int(6), completed: int(7), appliedChanges: int(8), refusedChanges: int(9)),
            samples: int(10), averages: averages)
    }

    static func snapshot(_ row: [SQLValue]) throws(StatsStoreError) -> StatsSnapshot {
        func int(_ index: Int) -> Int { Int(row[index].integer ?? 0) }
        return StatsSnapshot(
            throttle: try text(row[1]), time: timePoint(row[2].real ?? 0),
            load: ThrottleLoad(ceiling: int(3), running: int(4), waiting: int(5)))
    }

    private static func text(_ value: SQLValue) throws(StatsStoreError) -> String {
        guard let text = value.text else { throw StatsStoreError("expected text in a stats row, got \(value)") }
        return text
    }

    /// Seconds as stored back to whole nanoseconds.
    private static func timePoint(_ seconds: Double) -> TimePoint {
        TimePoint(nanoseconds: TimeAmount(seconds: seconds).nanoseconds)
    }
}
#endif
