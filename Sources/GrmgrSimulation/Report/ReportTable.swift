/// A table of a report, rendered the same way in Markdown and in HTML.
struct ReportTable: Hashable, Sendable {
    /// A column: its heading and whether its cells are numbers (right-aligned).
    struct Column: Hashable, Sendable {
        /// The heading.
        var title: String
        /// Right-aligned numbers rather than left-aligned text.
        var isNumeric: Bool
    }

    /// The columns.
    var columns: [Column]
    /// The rows, one text per column.
    var rows: [[String]] = []
    /// A CSS class per row for the HTML (say `baseline`), or empty.
    var rowClasses: [String] = []

    /// Creates a table from `(title, isNumeric)` pairs.
    init(_ columns: [(String, Bool)]) {
        self.columns = columns.map { Column(title: $0.0, isNumeric: $0.1) }
    }

    /// Adds a row.
    mutating func append(_ row: [String], class rowClass: String = "") {
        precondition(row.count == columns.count, "a row needs \(columns.count) cells, got \(row.count)")
        rows.append(row)
        rowClasses.append(rowClass)
    }

    /// A GitHub-flavoured Markdown table.
    func markdown() -> String {
        var lines = ["| " + columns.map { ReportFormat.markdownCell($0.title) }.joined(separator: " | ") + " |"]
        lines.append("|" + columns.map { $0.isNumeric ? " ---: " : " --- " }.joined(separator: "|") + "|")
        for row in rows {
            lines.append("| " + row.map(ReportFormat.markdownCell).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An HTML table.
    func html() -> String {
        var out = "<table>\n<thead><tr>"
        for column in columns {
            out += column.isNumeric ? "<th class=\"num\">" : "<th>"
            out += ReportFormat.escaped(column.title) + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for (row, rowClass) in zip(rows, rowClasses) {
            out += rowClass.isEmpty ? "<tr>" : "<tr class=\"\(rowClass)\">"
            for (column, cell) in zip(columns, row) {
                out += column.isNumeric ? "<td class=\"num\">" : "<td>"
                out += ReportFormat.escaped(cell) + "</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }
}
