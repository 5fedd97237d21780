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
struct CSVReader {
    /// The file, for messages.
    let path: String
    /// The header's column names.
    let header: [String]
    private let bytes: [UInt8]
    private let bodyStart: Int

    /// Reads the whole file and its header.
    ///
    /// - Throws: ``CSVReadError`` when the file is missing, unreadable or empty.
    init(url: URL) throws(CSVReadError) {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "does not exist"
            throw CSVReadError(path: url.relativePath, line: 0, message: "expected a CSV file, but it \(reason)")
        }
        try self.init(bytes: [UInt8](data), path: url.relativePath)
    }

    /// Reads CSV text held in memory.
    ///
    /// - Throws: ``CSVReadError`` when there is no header.
    init(bytes: [UInt8], path: String) throws(CSVReadError) {
        self.path = path
        self.bytes = bytes
        var position = 0
        var fields: [String] = []
        guard Self.nextRow(bytes, from: &position, into: &fields) else {
            throw CSVReadError(path: path, line: 1, message: "expected a header row, got an empty file")
        }
        header = fields
        bodyStart = position
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

    /// Calls `body` with each data row's fields and its line number; every row must have as many fields as
    /// the header.
    ///
    /// - Throws: ``CSVReadError`` for a row of the wrong width, or what `body` throws.
    func forEachRow(_ body: (_ fields: [String], _ line: Int) throws(CSVReadError) -> Void) throws(CSVReadError) {
        var position = bodyStart
        var line = 1
        var fields: [String] = []
        while Self.nextRow(bytes, from: &position, into: &fields) {
            line += 1
            if fields == [""] { continue }
            guard fields.count == header.count else {
                throw CSVReadError(
                    path: path, line: line, message: "expected \(header.count) fields, got \(fields.count)")
            }
            try body(fields, line)
        }
    }

    /// Every data row.
    ///
    /// - Throws: ``CSVReadError`` for a row of the wrong width.
    func rows() throws(CSVReadError) -> [[String]] {
        var rows: [[String]] = []
        try forEachRow { fields, _ in rows.append(fields) }
        return rows
    }

    /// Splits the row starting at `position` into `fields` and moves past it; `false` at the end.
    private static func nextRow(_ bytes: [UInt8], from position: inout Int, into fields: inout [String]) -> Bool {
        guard position < bytes.count else { return false }
        fields.removeAll(keepingCapacity: true)
        var field: [UInt8] = []
        var quoted = false
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
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") && field.isEmpty {
                quoted = true
            } else if byte == UInt8(ascii: ",") {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else if byte == UInt8(ascii: "\n") {
                break
            } else if byte != UInt8(ascii: "\r") {
                field.append(byte)
            }
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return true
    }
}
