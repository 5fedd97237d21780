#if WithStats
import Foundation

/// The embedded default store: one SQLite file in WAL mode, prepared statements, one transaction per flush.
final class SQLiteStatsStore: StatsStore {
    private let connection: SQLiteConnection
    private var inserts: (runs: SQLiteStatement, stats: SQLiteStatement, snapshots: SQLiteStatement)?
    private var selects: (runs: SQLiteStatement, stats: SQLiteStatement, snapshots: SQLiteStatement)?

    /// Opens `path`; for writing, creates the file and the schema when missing.
    init(path: String, readOnly: Bool) throws(StatsStoreError) {
        connection = try SQLiteConnection(path: path, readOnly: readOnly)
        do {
            if !readOnly {
                try connection.execute("PRAGMA journal_mode = WAL")
                try connection.execute("PRAGMA synchronous = NORMAL")
                for statement in StatsSchema.create(in: .sqlite) { try connection.execute(statement) }
            }
        } catch {
            connection.close()
            throw error
        }
    }

    func write(_ batch: StatsBatch) throws(StatsStoreError) {
        let inserts = try preparedInserts()
        let updatedAt = Date().timeIntervalSince1970
        var run = batch.run
        run.updatedAt = updatedAt
        try connection.execute("BEGIN IMMEDIATE")
        do {
            try inserts.runs.run(StatsSchema.values(of: run))
            for snapshot in batch.snapshots {
                try inserts.snapshots.run(StatsSchema.values(of: snapshot, run: run.run.id))
            }
            for stats in batch.stats {
                try inserts.stats.run(StatsSchema.values(of: stats, run: run.run.id, updatedAt: updatedAt))
            }
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    func runs() throws(StatsStoreError) -> [StatsRunRecord] {
        var records: [StatsRunRecord] = []
        for row in try preparedSelects().runs.rows([], types: StatsSchema.runs.types) {
            records.append(try StatsSchema.runRecord(row))
        }
        return records
    }

    func stats(run: String) throws(StatsStoreError) -> [ThrottleStats] {
        var stats: [ThrottleStats] = []
        for row in try preparedSelects().stats.rows([.text(run)], types: StatsSchema.throttleStats.types) {
            stats.append(try StatsSchema.throttleStats(row))
        }
        return stats
    }

    func snapshots(run: String) throws(StatsStoreError) -> [StatsSnapshot] {
        var snapshots: [StatsSnapshot] = []
        for row in try preparedSelects().snapshots.rows([.text(run)], types: StatsSchema.snapshots.types) {
            snapshots.append(try StatsSchema.snapshot(row))
        }
        return snapshots
    }

    func close() {
        connection.close()
    }

    private func preparedInserts() throws(StatsStoreError) -> (
        runs: SQLiteStatement, stats: SQLiteStatement, snapshots: SQLiteStatement
    ) {
        if let inserts { return inserts }
        let prepared = (
            runs: try connection.prepare(StatsSchema.runs.insert),
            stats: try connection.prepare(StatsSchema.throttleStats.insert),
            snapshots: try connection.prepare(StatsSchema.snapshots.insert)
        )
        inserts = prepared
        return prepared
    }

    private func preparedSelects() throws(StatsStoreError) -> (
        runs: SQLiteStatement, stats: SQLiteStatement, snapshots: SQLiteStatement
    ) {
        if let selects { return selects }
        let prepared = (
            runs: try connection.prepare(StatsSchema.selectRuns),
            stats: try connection.prepare(StatsSchema.selectStats),
            snapshots: try connection.prepare(StatsSchema.selectSnapshots)
        )
        selects = prepared
        return prepared
    }
}
#endif
