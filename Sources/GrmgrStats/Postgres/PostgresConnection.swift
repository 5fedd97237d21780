#if WithStats
internal import CPostgres
import Foundation

// The only file that imports CPostgres: the store above it speaks in SQLValue and StatsStoreError, so C
// pointers and status codes stay here.

/// One libpq connection, used by one thread at a time.
final class PostgresConnection {
    private let handle: OpaquePointer
    private var prepared: Set<String> = []
    /// The connection string with any password hidden, for messages.
    let name: String

    /// Connects with a libpq connection string or URI; gives up after 5 s unless `conninfo` says otherwise.
    ///
    /// - Throws: ``StatsStoreError`` with libpq's reason (refused, authentication, unknown database, …).
    init(conninfo: String) throws(StatsStoreError) {
        name = StatsDestination.redactingPassword(conninfo)
        // Later keywords win; `dbname` last lets the caller's string override these defaults. Notices such as
        // "relation already exists, skipping" would go to standard error, so they are turned off.
        let keywords = ["connect_timeout", "application_name", "options", "dbname"]
        let values = ["5", "grmgr-stats", "-c client_min_messages=warning", conninfo]
        let connection = Self.withCStrings(keywords + [nil]) { keywords in
            Self.withCStrings(values + [nil]) { values in PQconnectdbParams(keywords, values, 1) }
        }
        guard let connection else { throw StatsStoreError("cannot connect to PostgreSQL \(name): out of memory") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let reason = Self.message(PQerrorMessage(connection))
            PQfinish(connection)
            throw StatsStoreError("cannot connect to PostgreSQL \(name): \(reason)")
        }
        handle = connection
    }

    /// Runs one or more statements without parameters.
    func execute(_ sql: String) throws(StatsStoreError) {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, sql)
    }

    /// Runs `sql` with `$1`, `$2`, … bound to `values` and reads every row as `types`. The statement is prepared
    /// on this connection the first time it is used under `statementName`.
    func query(
        _ sql: String, named statementName: String, _ values: [SQLValue], types: [SQLType] = []
    ) throws(StatsStoreError) -> [[SQLValue]] {
        if !prepared.contains(statementName) {
            let result = PQprepare(handle, statementName, sql, Int32(values.count), nil)
            defer { PQclear(result) }
            try check(result, sql)
            prepared.insert(statementName)
        }
        let result = Self.withCStrings(values.map(\.postgresText)) { parameters in
            PQexecPrepared(handle, statementName, Int32(parameters.count), parameters, nil, nil, 0)
        }
        defer { PQclear(result) }
        try check(result, sql)
        var rows: [[SQLValue]] = []
        for row in 0..<PQntuples(result) {
            var values: [SQLValue] = []
            for (column, type) in types.enumerated() {
                let isNull = PQgetisnull(result, row, Int32(column)) == 1
                let text = isNull ? nil : String(cString: PQgetvalue(result, row, Int32(column)))
                values.append(try SQLValue(postgresText: text, as: type))
            }
            rows.append(values)
        }
        return rows
    }

    /// Closes the connection.
    func close() {
        PQfinish(handle)
    }

    /// Throws unless the result is a success: the one place libpq statuses become Swift errors.
    private func check(_ result: OpaquePointer?, _ sql: String) throws(StatsStoreError) {
        let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let reason = result.map { Self.message(PQresultErrorMessage($0)) } ?? ""
            let connectionReason = Self.message(PQerrorMessage(handle))
            let statement = sql.split(separator: " ").prefix(3).joined(separator: " ")
            throw StatsStoreError(
                "PostgreSQL \(name): \(reason.isEmpty ? connectionReason : reason) (in \(statement) …)")
        }
    }

    private static func message(_ text: UnsafePointer<CChar>?) -> String {
        guard let text else { return "unknown error" }
        return String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\n", with: "; ")
    }

    /// Calls `body` with C copies of `strings` (a `nil` stays a null pointer), freed afterwards.
    private static func withCStrings<Result>(
        _ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> Result
    ) -> Result {
        let copies = strings.map { $0.flatMap { strdup($0) } }
        defer { for copy in copies { free(copy) } }
        return body(copies.map { $0.map { UnsafePointer($0) } })
    }
}
#endif
