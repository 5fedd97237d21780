#if WithStats
/// The column types the schema uses, in the words of each database.
enum SQLType {
    case text
    case integer
    case real

    /// The type's name in `dialect`.
    func name(in dialect: SQLDialect) -> String {
        switch (self, dialect) {
        case (.text, _): return "TEXT"
        case (.integer, .sqlite): return "INTEGER"
        case (.integer, .postgres): return "BIGINT"
        case (.real, .sqlite): return "REAL"
        case (.real, .postgres): return "DOUBLE PRECISION"
        }
    }
}

/// The two databases the stores speak to.
enum SQLDialect {
    case sqlite
    case postgres
}

/// One value bound to a statement or read from a row.
enum SQLValue: Hashable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case null

    /// PostgreSQL's text form, `nil` for NULL; doubles in Swift's shortest exact form, which PostgreSQL reads back
    /// to the same value.
    var postgresText: String? {
        switch self {
        case .integer(let value): return String(value)
        case .real(let value): return "\(value)"
        case .text(let value): return value
        case .null: return nil
        }
    }

    /// Reads PostgreSQL's text form of a value of `type`; `nil` text is NULL.
    init(postgresText text: String?, as type: SQLType) throws(StatsStoreError) {
        guard let text else {
            self = .null
            return
        }
        switch type {
        case .text:
            self = .text(text)
        case .integer:
            guard let value = Int64(text) else { throw StatsStoreError("expected an integer, got '\(text)'") }
            self = .integer(value)
        case .real:
            guard let value = Double(text) else { throw StatsStoreError("expected a number, got '\(text)'") }
            self = .real(value)
        }
    }

    var integer: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    var real: Double? {
        switch self {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }

    var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }
}
#endif
