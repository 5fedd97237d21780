#if WithStats
/// A database the monitor writes to and `grmgr-sim stats` reads from: SQLite or PostgreSQL.
///
/// A store is one open connection, used by one thread at a time; the ``StatsWriter`` opens it on its own
/// thread and opens a new one after a failure. Opening a store for writing creates the schema when missing.
public protocol StatsStore: AnyObject {
    /// Writes a flush in one transaction: upserts the run and the throttle rows, inserts the snapshots
    /// (a snapshot already stored is kept as it is). Nothing is written when it throws.
    func write(_ batch: StatsBatch) throws(StatsStoreError)
    /// Every run, most recently updated first.
    func runs() throws(StatsStoreError) -> [StatsRunRecord]
    /// The latest row of every throttle of a run, by throttle name.
    func stats(run: String) throws(StatsStoreError) -> [ThrottleStats]
    /// The snapshot history of a run, by time, then throttle name.
    func snapshots(run: String) throws(StatsStoreError) -> [StatsSnapshot]
    /// Closes the connection; the store is unusable afterwards.
    func close()
}
#endif
