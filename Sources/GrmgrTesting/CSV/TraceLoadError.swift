/// A run's CSV file that cannot be read as a trace: which file, where, and what was expected.
public struct TraceLoadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file's name, such as `dop.csv`.
    public var file: String
    /// The 1-based line, when the problem is on one line.
    public var line: Int?
    /// The column's name, when the problem is in one field.
    public var column: String?
    /// What was wrong, with the offending text.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, column: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `dop.csv:12: column "time": expected seconds with at most 9 decimals, found "1e3"`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let column { text += "column \"\(column)\": " }
        return text + message
    }
}
