#if WithStats
internal import CSQLite
import Foundation

// The only file that imports CSQLite: the store above it speaks in SQLValue and StatsStoreError, so C
// pointers and result codes stay here.

/// One SQLite connection, used by one thread at a time.
final class SQLiteConnection {
    private let handle: OpaquePointer
    private var statements: [SQLiteStatement] = []
    /// The database file, for messages.
    let path: String

    /// Opens `path`: for writing (created when missing, WAL journal), or read-only (it must exist).
    ///
    /// - Throws: ``StatsStoreError`` that says why: a directory that does not exist or cannot be written, a
    ///   missing file for reading, or SQLite's own reason.
    init(path: String, readOnly: Bool) throws(StatsStoreError) {
        self.path = path
        let fileManager = FileManager.default
        let directory = (path as NSString).deletingLastPathComponent
        let parent = directory.isEmpty ? "." : directory
        var isDirectory: ObjCBool = false
        if readOnly {
            guard fileManager.fileExists(atPath: path) else {
                throw StatsStoreError("no SQLite database at \(path)")
            }
        } else if !fileManager.fileExists(atPath: parent, isDirectory: &isDirectory) {
            throw StatsStoreError("cannot open SQLite database \(path): directory \(parent) does not exist")
        } else if !isDirectory.boolValue {
            throw StatsStoreError("cannot open SQLite database \(path): \(parent) is not a directory")
        } else if !fileManager.isWritableFile(atPath: parent) || !Self.acceptsNewFiles(parent, unless: path) {
            throw StatsStoreError("cannot open SQLite database \(path): directory \(parent) is read-only")
        }
        var opened: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        let status = sqlite3_open_v2(path, &opened, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK, let opened else {
            let reason = opened.map(Self.reason) ?? String(cString: sqlite3_errstr(status))
            sqlite3_close_v2(opened)
            throw StatsStoreError("cannot open SQLite database \(path): \(reason)")
        }
        handle = opened
        sqlite3_busy_timeout(handle, 5_000)
        if !readOnly, sqlite3_db_readonly(handle, "main") == 1 {
            sqlite3_close_v2(handle)
            throw StatsStoreError("cannot open SQLite database \(path): the file is read-only")
        }
    }

    /// Whether a file can be created in `directory`, tried for real when `path` does not exist yet: permission
    /// bits do not stop root, but a read-only mount or a pseudo file system still refuses the file.
    private static func acceptsNewFiles(_ directory: String, unless path: String) -> Bool {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: path) { return true }
        let probe = (directory as NSString).appendingPathComponent(".grmgr-stats-probe-\(getpid())")
        guard fileManager.createFile(atPath: probe, contents: nil) else { return false }
        try? fileManager.removeItem(atPath: probe)
        return true
    }

    /// Runs statements that take no parameters and return nothing of interest (pragmas, DDL, BEGIN, COMMIT).
    func execute(_ sql: String) throws(StatsStoreError) {
        try check(sqlite3_exec(handle, sql, nil, nil, nil), sql)
    }

    /// Compiles `sql` once; the statement lives until ``close()``.
    func prepare(_ sql: String) throws(StatsStoreError) -> SQLiteStatement {
        var statement: OpaquePointer?
        try check(sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil), sql)
        guard let statement else { throw StatsStoreError("SQLite compiled nothing from: \(sql)") }
        let prepared = SQLiteStatement(statement, connection: self)
        statements.append(prepared)
        return prepared
    }

    /// Finalises every statement and closes the connection.
    func close() {
        for statement in statements { statement.finalize() }
        statements = []
        sqlite3_close_v2(handle)
    }

    /// Throws unless `status` is a success code: the one place SQLite result codes become Swift errors.
    fileprivate func check(_ status: Int32, _ sql: String) throws(StatsStoreError) {
        guard status == SQLITE_OK || status == SQLITE_ROW || status == SQLITE_DONE else {
            let statement = sql.split(separator: " ").prefix(3).joined(separator: " ")
            throw StatsStoreError("SQLite database \(path): \(Self.reason(handle)) (in \(statement) …)")
        }
    }

    /// SQLite's message, with the system's when SQLite has one (a permission or a full disk).
    private static func reason(_ handle: OpaquePointer) -> String {
        let message = String(cString: sqlite3_errmsg(handle))
        let errno = sqlite3_system_errno(handle)
        return errno == 0 ? message : "\(message) (\(String(cString: strerror(errno))))"
    }
}

/// A compiled statement of an ``SQLiteConnection``.
final class SQLiteStatement {
    private var handle: OpaquePointer?
    private unowned let connection: SQLiteConnection
    private let sql: String

    fileprivate init(_ handle: OpaquePointer, connection: SQLiteConnection) {
        self.handle = handle
        self.connection = connection
        sql = String(cString: sqlite3_sql(handle))
    }

    /// Runs the statement with `values` bound to `$1`, `$2`, … and discards any rows.
    func run(_ values: [SQLValue]) throws(StatsStoreError) {
        _ = try rows(values, types: [])
    }

    /// Runs the statement with `values` bound and reads every row as `types`.
    func rows(_ values: [SQLValue], types: [SQLType]) throws(StatsStoreError) -> [[SQLValue]] {
        guard let handle else { throw StatsStoreError("SQLite statement used after close: \(sql)") }
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .integer(let integer): status = sqlite3_bind_int64(handle, index, integer)
            case .real(let real): status = sqlite3_bind_double(handle, index, real)
            case .text(let text): status = sqlite3_bind_text(handle, index, text, -1, grmgr_sqlite_transient())
            case .null: status = sqlite3_bind_null(handle, index)
            }
            try connection.check(status, sql)
        }
        var rows: [[SQLValue]] = []
        while true {
            let status = sqlite3_step(handle)
            if status == SQLITE_DONE { return rows }
            try connection.check(status, sql)
            rows.append(types.indices.map { column(Int32($0), as: types[$0], of: handle) })
        }
    }

    private func column(_ index: Int32, as type: SQLType, of handle: OpaquePointer) -> SQLValue {
        if sqlite3_column_type(handle, index) == SQLITE_NULL { return .null }
        switch type {
        case .integer: return .integer(sqlite3_column_int64(handle, index))
        case .real: return .real(sqlite3_column_double(handle, index))
        case .text: return .text(sqlite3_column_text(handle, index).map { String(cString: $0) } ?? "")
        }
    }

    /// Frees the statement; called by the connection when it closes.
    fileprivate func finalize() {
        sqlite3_finalize(handle)
        handle = nil
    }
}
#endif
