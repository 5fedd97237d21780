internal import Grmgr
internal import GrmgrSimulation

/// A run's CSV file read into rows of fields, with the header checked against the expected columns and
/// problems reported as ``TraceLoadError``.
///
/// The file is read by GrmgrSimulation's `CSVReader` (RFC 4180 quotes, strict about malformed ones), so a
/// trace accepts and refuses exactly the files that the simulator's reports do.
struct CSVTable {
    /// A data row: the line it starts on and its fields, as many as the columns.
    struct Row {
        let line: Int
        let fields: [String]
    }

    let file: String
    let columns: [String]
    let rows: [Row]

    /// Parses `text` and checks that its header is exactly `columns`.
    ///
    /// - Throws: ``TraceLoadError`` for an empty file, another header, a malformed quote or a row of another
    ///   width, at its line.
    init(file: String, text: String, columns: [String]) throws(TraceLoadError) {
        self.file = file
        self.columns = columns
        let reader: CSVReader
        do throws(CSVReadError) {
            reader = try CSVReader(bytes: Array(text.utf8), path: file)
        } catch {
            throw Self.loadError(error)
        }
        // Not `requireHeader`: a trace's message quotes both headers, which the tests document.
        guard reader.header == columns else {
            throw TraceLoadError(
                file: file, line: 1,
                message: "expected the header \"\(columns.joined(separator: ","))\", found "
                    + "\"\(reader.header.joined(separator: ","))\"")
        }
        var rows: [Row] = []
        do throws(CSVReadError) {
            try reader.forEachRow { fields, line in rows.append(Row(line: line, fields: fields)) }
        } catch {
            throw Self.loadError(error)
        }
        self.rows = rows
    }

    /// The reader's error as a trace's: the same file, line and message.
    private static func loadError(_ error: CSVReadError) -> TraceLoadError {
        TraceLoadError(file: error.path, line: error.line > 0 ? error.line : nil, message: error.message)
    }

    // MARK: Typed fields

    func text(_ row: Row, _ column: Int) -> String { row.fields[column] }

    func integer(_ row: Row, _ column: Int) throws(TraceLoadError) -> Int {
        guard let value = Int(row.fields[column]) else {
            throw error(row, column, "expected an integer, found \"\(row.fields[column])\"")
        }
        return value
    }

    /// Exact seconds (`-`? digits, optionally `.` and 1 to 9 digits), read without floating point.
    ///
    /// `DecimalSeconds` converts the digits; the rules it lacks are checked here. A run's times are
    /// compared to the nanosecond, so a tenth decimal is refused rather than rounded, and the simulator writes
    /// digits on both sides of the point, so `1.` and `.5` are refused too.
    func instant(_ row: Row, _ column: Int) throws(TraceLoadError) -> TimePoint {
        let text = row.fields[column]
        let negative = text.hasPrefix("-")
        let magnitude = Substring(text).dropFirst(negative ? 1 : 0)
        let parts = magnitude.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty }), parts.count == 1 || parts[1].utf8.count <= 9,
            let nanoseconds = try? DecimalSeconds.nanoseconds(magnitude)
        else {
            throw error(row, column, "expected seconds with at most 9 decimals, found \"\(text)\"")
        }
        return TimePoint(nanoseconds: negative ? -nanoseconds : nanoseconds)
    }

    /// An instant, or `nil` for an empty field (a time the task did not reach).
    func optionalInstant(_ row: Row, _ column: Int) throws(TraceLoadError) -> TimePoint? {
        row.fields[column].isEmpty ? nil : try instant(row, column)
    }

    func error(_ row: Row, _ column: Int, _ message: String) -> TraceLoadError {
        TraceLoadError(file: file, line: row.line, column: columns[column], message: message)
    }
}
