#if WithStats
import Foundation

/// The shared store: a PostgreSQL database that many instances write to and a dashboard reads, upserting with
/// `ON CONFLICT`, one transaction per flush.
final class PostgresStatsStore: StatsStore {
    private let connection: PostgresConnection

    /// Connects; for writing, creates the schema when missing.
    init(conninfo: String, readOnly: Bool) throws(StatsStoreError) {
        connection = try PostgresConnection(conninfo: conninfo)
        do {
            if !readOnly { try connection.execute(StatsSchema.create(in: .postgres).joined(separator: "; ")) }
        } catch {
            connection.close()
            throw error
        }
    }

    func write(_ batch: StatsBatch) throws(StatsStoreError) {
        let updatedAt = Date().timeIntervalSince1970
        var run = batch.run
        run.updatedAt = updatedAt
        try connection.execute("BEGIN")
        do {
            _ = try connection.query(StatsSchema.runs.insert, named: "grmgr_insert_run", StatsSchema.values(of: run))
            for snapshot in batch.snapshots {
                _ = try connection.query(
                    StatsSchema.snapshots.insert, named: "grmgr_insert_snapshot",
                    StatsSchema.values(of: snapshot, run: run.run.id))
            }
            for stats in batch.stats {
                _ = try connection.query(
                    StatsSchema.throttleStats.insert, named: "grmgr_upsert_stats",
                    StatsSchema.values(of: stats, run: run.run.id, updatedAt: updatedAt))
            }
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    func runs() throws(StatsStoreError) -> [StatsRunRecord] {
        var records: [StatsRunRecord] = []
        for row in try connection.query(
            StatsSchema.selectRuns, named: "grmgr_select_runs", [], types: StatsSchema.runs.types)
        {
            records.append(try StatsSchema.runRecord(row))
        }
        return records
    }

    func stats(run: String) throws(StatsStoreError) -> [ThrottleStats] {
        var stats: [ThrottleStats] = []
        let rows = try connection.query(
            StatsSchema.selectStats, named: "grmgr_select_stats", [.text(run)], types: StatsSchema.throttleStats.types)
        for row in rows { stats.append(try StatsSchema.throttleStats(row)) }
        return stats
    }

    func snapshots(run: String) throws(StatsStoreError) -> [StatsSnapshot] {
        var snapshots: [StatsSnapshot] = []
        let rows = try connection.query(
            StatsSchema.selectSnapshots, named: "grmgr_select_snapshots", [.text(run)],
            types: StatsSchema.snapshots.types)
        for row in rows { snapshots.append(try StatsSchema.snapshot(row)) }
        return snapshots
    }

    func close() {
        connection.close()
    }
}
#endif
