internal import Grmgr

/// A CSV file read into rows of fields (RFC 4180: quoted fields, doubled quotes, LF or CRLF), with the
/// header checked against the expected columns.
struct CSVTable {
    struct Row {
        let line: Int
        let fields: [String]
    }

    let file: String
    let columns: [String]
    let rows: [Row]

    /// Parses `text` and checks that its header is exactly `columns`.
    init(file: String, text: String, columns: [String]) throws(TraceLoadError) {
        self.file = file
        self.columns = columns
        var records = try Self.parse(file: file, text: text)
        guard !records.isEmpty else {
            throw TraceLoadError(file: file, message: "the file is empty; expected a header")
        }
        let header = records.removeFirst()
        guard header.fields == columns else {
            throw TraceLoadError(
                file: file, line: header.line,
                message: "expected the header \"\(columns.joined(separator: ","))\", found "
                    + "\"\(header.fields.joined(separator: ","))\"")
        }
        for record in records where record.fields.count != columns.count {
            throw TraceLoadError(
                file: file, line: record.line,
                message: "expected \(columns.count) fields, found \(record.fields.count)")
        }
        rows = records
    }

    private static func parse(file: String, text: String) throws(TraceLoadError) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var rowLine = 1
        var quoted = false
        var wasQuoted = false
        var bytes = Array(text.utf8)
        if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        var position = 0
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                        field.append(byte)
                        position += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                guard field.isEmpty, !wasQuoted else {
                    throw TraceLoadError(file: file, line: line, message: "a quote inside an unquoted field")
                }
                quoted = true
                wasQuoted = true
            case UInt8(ascii: ","):
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                wasQuoted = false
            case UInt8(ascii: "\r") where position < bytes.count && bytes[position] == UInt8(ascii: "\n"):
                break
            case UInt8(ascii: "\n"):
                fields.append(String(decoding: field, as: UTF8.self))
                if fields != [""] { rows.append(Row(line: rowLine, fields: fields)) }
                fields.removeAll(keepingCapacity: true)
                field.removeAll(keepingCapacity: true)
                wasQuoted = false
                line += 1
                rowLine = line
            default:
                guard !wasQuoted else {
                    throw TraceLoadError(file: file, line: line, message: "text after a closing quote")
                }
                field.append(byte)
            }
        }
        if quoted { throw TraceLoadError(file: file, line: rowLine, message: "a quoted field is never closed") }
        return rows
    }

    // MARK: Typed fields

    func text(_ row: Row, _ column: Int) -> String { row.fields[column] }

    func integer(_ row: Row, _ column: Int) throws(TraceLoadError) -> Int {
        guard let value = Int(row.fields[column]) else {
            throw error(row, column, "expected an integer, found \"\(row.fields[column])\"")
        }
        return value
    }

    func instant(_ row: Row, _ column: Int) throws(TraceLoadError) -> TimePoint {
        guard let nanoseconds = Self.nanoseconds(row.fields[column]) else {
            throw error(row, column, "expected seconds with at most 9 decimals, found \"\(row.fields[column])\"")
        }
        return TimePoint(nanoseconds: nanoseconds)
    }

    /// An instant, or `nil` for an empty field (a time the task did not reach).
    func optionalInstant(_ row: Row, _ column: Int) throws(TraceLoadError) -> TimePoint? {
        row.fields[column].isEmpty ? nil : try instant(row, column)
    }

    func error(_ row: Row, _ column: Int, _ message: String) -> TraceLoadError {
        TraceLoadError(file: file, line: row.line, column: columns[column], message: message)
    }

    /// Decimal seconds (`-`? digits, optionally `.` and 1 to 9 digits) as exact nanoseconds, without
    /// passing through floating point; `nil` for anything else or on overflow.
    static func nanoseconds(_ text: String) -> Int64? {
        var bytes = Substring(text).utf8[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        let wholeDigits = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard !wholeDigits.isEmpty else { return nil }
        var value: Int64 = 0
        for digit in wholeDigits {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        var rest = bytes.dropFirst(wholeDigits.count)
        var fraction: Int64 = 0
        var places = 0
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            for digit in rest {
                guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9"), places < 9 else { return nil }
                fraction = fraction * 10 + Int64(digit - UInt8(ascii: "0"))
                places += 1
            }
            guard places > 0 else { return nil }
        } else if !rest.isEmpty {
            return nil
        }
        for _ in places..<9 { fraction *= 10 }
        let (scaled, overflow1) = value.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, overflow2) = scaled.addingReportingOverflow(fraction)
        guard !overflow1, !overflow2 else { return nil }
        return negative ? -total : total
    }
}
