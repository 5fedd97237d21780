import Foundation

/// A problem reading a CSV file: the file, the line (from 1) and what was expected.
public struct CSVReadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file, as given.
    public var path: String
    /// The line, from 1; 0 when the file could not be read at all.
    public var line: Int
    /// What was expected and what was found.
    public var message: String

    /// Creates an error.
    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path:line: message`, or `path: message` for the file as a whole.
    public var description: String {
        line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)"
    }
}

/// Reads the CSV files this package writes: a header row, `,` between fields, RFC 4180 quotes, `\n` or
/// `\r\n` line ends. Columns are found by name, so a reader keeps working when columns are added.
///
/// Quotes are checked strictly, since a stray quote in a hand-edited or truncated file would otherwise
/// silently merge fields or rows: a quote may only open a field, a closing quote must end it, and an open
/// quote must be closed. Lines are counted as an editor shows them: a row's line is the one it starts on,
/// and a newline inside a quoted field moves later rows down. Blank lines between rows are skipped.
///
/// The simulator's reports and sweeps read their files with it, and GrmgrTesting reads a run's files into a
/// trace with it, so both accept and refuse the same files.
package struct CSVReader {
    /// The file, for messages.
    let path: String
    /// The header's column names.
    package let header: [String]
    private let bytes: [UInt8]
    /// Where the first row after the header starts.
    private let bodyStart: Cursor

    /// A position in the bytes and the line it is on.
    private struct Cursor {
        /// The offset of the next byte to read.
        var position = 0
        /// The line of that byte, from 1.
        var line = 1
    }

    /// Reads the whole file and its header.
    ///
    /// - Throws: ``CSVReadError`` when the file is missing, unreadable or empty, or its header is malformed.
    init(url: URL) throws(CSVReadError) {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "does not exist"
            throw CSVReadError(path: url.relativePath, line: 0, message: "expected a CSV file, but it \(reason)")
        }
        try self.init(bytes: [UInt8](data), path: url.relativePath)
    }

    /// Reads CSV text held in memory.
    ///
    /// - Throws: ``CSVReadError`` when there is no header or it is malformed.
    package init(bytes: [UInt8], path: String) throws(CSVReadError) {
        self.path = path
        self.bytes = bytes
        var cursor = Cursor()
        var fields: [String] = []
        guard try Self.nextRow(bytes, at: &cursor, into: &fields, path: path) != nil else {
            throw CSVReadError(path: path, line: 1, message: "expected a header row, got an empty file")
        }
        header = fields
        bodyStart = cursor
    }

    /// The position of a column.
    ///
    /// - Throws: ``CSVReadError`` naming the missing column.
    func column(_ name: String) throws(CSVReadError) -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw CSVReadError(
                path: path, line: 1, message: "expected a column \"\(name)\", got \(header.joined(separator: ","))")
        }
        return index
    }

    /// Checks that the header is exactly `columns`.
    ///
    /// - Throws: ``CSVReadError`` showing both.
    func requireHeader(_ columns: [String]) throws(CSVReadError) {
        guard header == columns else {
            throw CSVReadError(
                path: path, line: 1,
                message: "expected the header \(columns.joined(separator: ",")), got \(header.joined(separator: ","))")
        }
    }

    /// Calls `body` with each data row's fields and the line the row starts on; every row must have as many
    /// fields as the header.
    ///
    /// Rows are read as they are visited, so `body` may already have seen the rows before a malformed one.
    ///
    /// - Throws: ``CSVReadError`` for a malformed quote or a row of the wrong width, or what `body` throws.
    package func forEachRow(
        _ body: (_ fields: [String], _ line: Int) throws(CSVReadError) -> Void
    ) throws(CSVReadError) {
        var cursor = bodyStart
        var fields: [String] = []
        while let line = try Self.nextRow(bytes, at: &cursor, into: &fields, path: path) {
            if fields == [""] { continue }
            guard fields.count == header.count else {
                throw CSVReadError(
                    path: path, line: line, message: "expected \(header.count) fields, found \(fields.count)")
            }
            try body(fields, line)
        }
    }

    /// Every data row.
    ///
    /// - Throws: ``CSVReadError`` for a malformed quote or a row of the wrong width.
    func rows() throws(CSVReadError) -> [[String]] {
        var rows: [[String]] = []
        try forEachRow { fields, _ in rows.append(fields) }
        return rows
    }

    /// Splits the row starting at `cursor` into `fields` and moves past it.
    ///
    /// - Returns: The line the row starts on, or `nil` at the end of the bytes.
    /// - Throws: ``CSVReadError`` at the line of a quote inside an unquoted field or text after a closing
    ///   quote, or at the row's line for a quoted field that is never closed.
    private static func nextRow(
        _ bytes: [UInt8], at cursor: inout Cursor, into fields: inout [String], path: String
    ) throws(CSVReadError) -> Int? {
        guard cursor.position < bytes.count else { return nil }
        let rowLine = cursor.line
        var position = cursor.position
        var line = cursor.line
        fields.removeAll(keepingCapacity: true)
        var field: [UInt8] = []
        var quoted = false
        // The field was quoted and its closing quote has been read: only `,` or a line end may follow.
        var closed = false
        scan: while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                        field.append(byte)
                        position += 1
                    } else {
                        quoted = false
                        closed = true
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                guard field.isEmpty, !closed else {
                    throw CSVReadError(path: path, line: line, message: "a quote inside an unquoted field")
                }
                quoted = true
            case UInt8(ascii: ","):
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                closed = false
            case UInt8(ascii: "\n"):
                line += 1
                break scan
            // Only the CR of a CRLF (or one ending the file) is a line end; any other CR is data.
            case UInt8(ascii: "\r") where position == bytes.count || bytes[position] == UInt8(ascii: "\n"):
                break
            default:
                guard !closed else {
                    throw CSVReadError(path: path, line: line, message: "text after a closing quote")
                }
                field.append(byte)
            }
        }
        if quoted { throw CSVReadError(path: path, line: rowLine, message: "a quoted field is never closed") }
        fields.append(String(decoding: field, as: UTF8.self))
        cursor = Cursor(position: position, line: line)
        return rowLine
    }
}
