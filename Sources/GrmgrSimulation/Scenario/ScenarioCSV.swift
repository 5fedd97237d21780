import Grmgr

/// The CSV files a scenario refers to: arrival traces (`arrival` or `arrival,duration`, seconds) and
/// observed durations for the `empirical` distribution (`duration`, in the distribution's unit).
///
/// The format is deliberately plain: one header row, comma-separated fields, no quoting; blank lines and
/// spaces around fields are ignored, `\n`, `\r\n` and `\r` line ends and a leading byte-order mark are
/// accepted. Production traces run to millions of rows, so the file is scanned as UTF-8 bytes.
enum ScenarioCSV {
    /// A problem in a CSV file: line and column (from 1) and `expected …, got …`.
    struct Failure: Error, Hashable, Sendable {
        /// The line, from 1.
        var line: Int
        /// The column, from 1, in characters (Unicode scalars).
        var column: Int
        /// What was expected and what was found.
        var message: String
    }

    /// A trace: arrival instants and, when the file has the column, each task's duration.
    struct Trace: Hashable, Sendable {
        /// Arrival instants from the start of the run, non-decreasing.
        var arrivals: [TimeAmount]
        /// Durations, one per arrival, or `nil` when the file has only the `arrival` column.
        var durations: [TimeAmount]?
    }

    /// Reads a trace; arrivals and durations are exact (see ``DecimalSeconds``).
    ///
    /// - Throws: ``Failure`` at the first bad line: wrong header, wrong number of fields, a value that
    ///   is not decimal seconds, or an arrival earlier than the one before.
    /// - Complexity: O(*n*) in the size of the file.
    static func parseTrace(_ text: String) throws(Failure) -> Trace {
        var scanner = Scanner(text)
        let header = try scanner.header(oneOf: [["arrival"], ["arrival", "duration"]])
        var arrivals: [TimeAmount] = []
        var durations: [TimeAmount]? = header.count == 2 ? [] : nil
        var previous: (value: Int64, field: Range<Int>, line: Int)?
        while try scanner.nextRow(fieldCount: header.count) {
            let arrivalField = scanner.fields[0]
            let arrival = try scanner.seconds(arrivalField, column: "arrival")
            if let previous, arrival < previous.value {
                throw scanner.failure(
                    at: arrivalField.lowerBound,
                    "expected arrivals in non-decreasing order, got \(scanner.text(arrivalField)) after "
                        + "\(scanner.text(previous.field)) on line \(previous.line)")
            }
            previous = (arrival, arrivalField, scanner.line)
            arrivals.append(TimeAmount(nanoseconds: arrival))
            if header.count == 2 {
                durations?.append(TimeAmount(nanoseconds: try scanner.seconds(scanner.fields[1], column: "duration")))
            }
        }
        try scanner.requireRows()
        return Trace(arrivals: arrivals, durations: durations)
    }

    /// Reads observed durations (one column, `duration`), each a finite number >= 0.
    ///
    /// - Throws: ``Failure`` at the first bad line.
    /// - Complexity: O(*n*) in the size of the file.
    static func parseSamples(_ text: String) throws(Failure) -> [Double] {
        var scanner = Scanner(text)
        _ = try scanner.header(oneOf: [["duration"]])
        var samples: [Double] = []
        while try scanner.nextRow(fieldCount: 1) {
            let field = scanner.fields[0]
            let text = scanner.text(field)
            guard isPlainNumber(text), let value = Double(text), value.isFinite else {
                throw scanner.failure(
                    at: field.lowerBound,
                    "duration: expected a number >= 0 such as 12.5, got \"\(text.escapedForMessage)\"")
            }
            samples.append(value)
        }
        try scanner.requireRows()
        return samples
    }

    /// `digits[.digits][e[+-]digits]` with at least one digit before the exponent: no sign, no `inf`,
    /// no hexadecimal, all of which `Double.init` would otherwise accept.
    private static func isPlainNumber(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        var mantissaDigits = 0
        func skipDigits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                index += 1
            }
            return index - start
        }
        mantissaDigits += skipDigits()
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            mantissaDigits += skipDigits()
        }
        guard mantissaDigits > 0 else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard skipDigits() > 0 else { return false }
        }
        return index == bytes.count
    }
}

extension ScenarioCSV {
    /// A line-by-line reader over the file's UTF-8 bytes; fields are byte ranges into it.
    private struct Scanner {
        private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

        let bytes: [UInt8]
        private var position = 0
        /// The current line, from 1.
        private(set) var line = 0
        /// Where the current line's text starts (after a byte-order mark on line 1).
        private var lineStart = 0
        /// The trimmed fields of the current line.
        private(set) var fields: [Range<Int>] = []
        private var header: [String] = []
        private var headerLine = 1
        private var rowCount = 0

        init(_ text: String) {
            bytes = Array(text.utf8)
        }

        /// Reads the first non-blank line as the header, which must be one of `names`.
        mutating func header(oneOf names: [[String]]) throws(Failure) -> [String] {
            let expected = names.map { $0.joined(separator: ",") }.joined(separator: " or ")
            guard nextLine() else {
                throw Failure(line: 1, column: 1, message: "expected the header \(expected), got an empty file")
            }
            let found = fields.map(text)
            guard names.contains(found) else {
                let whole = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
                throw failure(at: lineStart, "expected the header \(expected), got \"\(whole.escapedForMessage)\"")
            }
            header = found
            headerLine = line
            return found
        }

        /// Moves to the next data row, which must have `fieldCount` fields; `false` at the end.
        mutating func nextRow(fieldCount: Int) throws(Failure) -> Bool {
            guard nextLine() else { return false }
            guard fields.count == fieldCount else {
                throw failure(
                    at: lineStart,
                    "expected \(fieldCount) field\(fieldCount == 1 ? "" : "s") (\(header.joined(separator: ","))), "
                        + "got \(fields.count)")
            }
            rowCount += 1
            return true
        }

        /// Fails when the file had a header and no rows.
        func requireRows() throws(Failure) {
            guard rowCount > 0 else {
                throw Failure(
                    line: headerLine, column: 1, message: "expected at least one row after the header, got none")
            }
        }

        /// The exact nanoseconds of a field of decimal seconds.
        func seconds(_ field: Range<Int>, column name: String) throws(Failure) -> Int64 {
            do {
                return try DecimalSeconds.nanoseconds(utf8: bytes[field])
            } catch {
                switch error {
                case .notDecimal:
                    throw failure(
                        at: field.lowerBound,
                        "\(name): expected seconds >= 0 as a decimal number such as 12.5, "
                            + "got \"\(text(field).escapedForMessage)\"")
                case .tooLarge:
                    throw failure(
                        at: field.lowerBound,
                        "\(name): expected at most 9223372036.854775807 seconds, got \(text(field))")
                }
            }
        }

        /// The text of a field.
        func text(_ field: Range<Int>) -> String {
            String(decoding: bytes[field], as: UTF8.self)
        }

        /// A failure at a byte offset of the current line; the column counts characters, not bytes.
        func failure(at offset: Int, _ message: String) -> Failure {
            let scalars = bytes[lineStart..<offset].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            return Failure(line: line, column: scalars + 1, message: message)
        }

        /// The end of the current line's text (before its line break).
        private var lineEnd: Int {
            var end = lineStart
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r") { end += 1 }
            return end
        }

        /// Moves to the next line that is not blank and splits it into fields; `false` at the end.
        private mutating func nextLine() -> Bool {
            while position < bytes.count {
                line += 1
                lineStart = position
                if line == 1, bytes.starts(with: Self.byteOrderMark) { lineStart += Self.byteOrderMark.count }
                let end = lineEnd
                // Step over the line break: "\n", "\r\n" or a lone "\r".
                position = end + 1
                if end + 1 < bytes.count, bytes[end] == UInt8(ascii: "\r"), bytes[end + 1] == UInt8(ascii: "\n") {
                    position += 1
                }
                split(lineStart..<end)
                if fields.count == 1, fields[0].isEmpty { continue }
                return true
            }
            return false
        }

        private mutating func split(_ range: Range<Int>) {
            fields.removeAll(keepingCapacity: true)
            var start = range.lowerBound
            for index in range.lowerBound...range.upperBound
            where index == range.upperBound || bytes[index] == UInt8(ascii: ",") {
                fields.append(trimmed(start..<index))
                start = index + 1
            }
        }

        private func trimmed(_ range: Range<Int>) -> Range<Int> {
            var lower = range.lowerBound
            var upper = range.upperBound
            while lower < upper, bytes[lower] == UInt8(ascii: " ") || bytes[lower] == UInt8(ascii: "\t") { lower += 1 }
            while upper > lower, bytes[upper - 1] == UInt8(ascii: " ") || bytes[upper - 1] == UInt8(ascii: "\t") {
                upper -= 1
            }
            return lower..<upper
        }
    }
}
