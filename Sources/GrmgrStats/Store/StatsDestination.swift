#if WithStats
/// Where stats go: an SQLite file (the embedded default) or a PostgreSQL database shared by many instances.
///
/// Written on the command line as `sqlite:FILE` or `postgres:CONNINFO`, where CONNINFO is a libpq connection
/// string (`host=127.0.0.1 port=5432 dbname=grmgr`) or URI (`postgresql://user@host/db`, also accepted bare).
public enum StatsDestination: Hashable, Sendable, CustomStringConvertible {
    /// An SQLite database file, created when missing.
    case sqlite(path: String)
    /// A PostgreSQL database, by libpq connection string or URI.
    case postgres(conninfo: String)

    /// Parses `sqlite:FILE`, `postgres:CONNINFO` or a `postgresql://` URI.
    ///
    /// - Parameter bareIsSQLite: Read any other text as the path of an SQLite file instead of rejecting it.
    /// - Throws: ``StatsStoreError`` naming the accepted forms.
    public init(parsing text: String, bareIsSQLite: Bool = false) throws(StatsStoreError) {
        if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") {
            self = .postgres(conninfo: text)
        } else if text.hasPrefix("postgres:") {
            self = .postgres(conninfo: String(text.dropFirst("postgres:".count)))
        } else if text.hasPrefix("sqlite:") {
            self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
        } else if bareIsSQLite {
            self = .sqlite(path: text)
        } else {
            throw StatsStoreError("expected sqlite:FILE or postgres:CONNINFO, got '\(text)'")
        }
        switch self {
        case .sqlite(let path) where path.isEmpty:
            throw StatsStoreError("sqlite: needs a file name, as in sqlite:stats.db")
        case .postgres(let conninfo) where conninfo.isEmpty:
            throw StatsStoreError("postgres: needs a connection string, as in postgres:host=127.0.0.1 dbname=grmgr")
        default:
            break
        }
    }

    /// Opens the database.
    ///
    /// - Parameter readOnly: Open for reading only: nothing is created, and a missing SQLite file is an error.
    ///   Otherwise the SQLite file and the schema are created when missing.
    /// - Throws: ``StatsStoreError`` that names the database and the reason.
    public func open(readOnly: Bool = false) throws(StatsStoreError) -> any StatsStore {
        switch self {
        case .sqlite(let path): return try SQLiteStatsStore(path: path, readOnly: readOnly)
        case .postgres(let conninfo): return try PostgresStatsStore(conninfo: conninfo, readOnly: readOnly)
        }
    }

    /// `sqlite:FILE` or `postgres:CONNINFO`, with any password replaced by `***`.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let conninfo): return "postgres:\(Self.redactingPassword(conninfo))"
        }
    }

    /// Hides `password=…` in a connection string and `user:password@` in a URI.
    static func redactingPassword(_ conninfo: String) -> String {
        if let scheme = conninfo.firstRange(of: "://"), let at = conninfo[scheme.upperBound...].firstIndex(of: "@"),
            let colon = conninfo[scheme.upperBound..<at].firstIndex(of: ":")
        {
            return conninfo[..<conninfo.index(after: colon)] + "***" + conninfo[at...]
        }
        var words: [String] = []
        for word in conninfo.split(separator: " ", omittingEmptySubsequences: false) {
            words.append(word.hasPrefix("password=") ? "password=***" : String(word))
        }
        return words.joined(separator: " ")
    }
}
#endif
