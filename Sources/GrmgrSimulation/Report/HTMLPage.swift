/// A self-contained HTML page: inline CSS, inline SVG, no scripts, no outside resources, so a report
/// opens the same from a file, a CI artefact or an e-mail.
struct HTMLPage: Hashable, Sendable {
    /// The page title.
    var title: String
    /// The HTML of the body's content.
    var body: String = ""

    /// Appends a heading.
    mutating func heading(_ text: String, level: Int = 2) {
        body += "<h\(level)>\(ReportFormat.escaped(text))</h\(level)>\n"
    }

    /// Appends a paragraph of plain text.
    mutating func paragraph(_ text: String) {
        body += "<p>\(ReportFormat.escaped(text))</p>\n"
    }

    /// Appends a chart as a figure with a caption.
    mutating func figure(_ chart: Chart, caption: String) {
        body +=
            "<figure id=\"\(chart.id)\">\n\(chart.svg())<figcaption>\(ReportFormat.escaped(caption))</figcaption>\n</figure>\n"
    }

    /// Appends a table.
    mutating func table(_ table: ReportTable) {
        body += "<div class=\"table\">\n\(table.html())</div>\n"
    }

    /// Appends a bulleted list of plain-text items.
    mutating func list(_ items: [String]) {
        body += "<ul>\n" + items.map { "<li>\(ReportFormat.escaped($0))</li>\n" }.joined() + "</ul>\n"
    }

    /// The whole document.
    func render() -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(ReportFormat.escaped(title))</title>
        <style>
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; margin: 0; background: #fafafa; }
        main { max-width: 1080px; margin: 0 auto; padding: 16px 24px 48px; background: #fff; }
        h1 { font-size: 1.5em; margin-top: 0.4em; }
        h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
        p, li { line-height: 1.45; max-width: 60em; }
        figure { margin: 16px 0; }
        figure svg { max-width: 100%; height: auto; border: 1px solid #e8e8e8; }
        figcaption { font-size: 0.9em; color: #555; max-width: 60em; margin-top: 4px; }
        .table { overflow-x: auto; }
        table { border-collapse: collapse; font-size: 0.88em; margin: 8px 0; }
        th, td { border: 1px solid #ddd; padding: 3px 8px; white-space: nowrap; }
        th { background: #f2f2f2; text-align: left; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.baseline td { background: #fff4e0; }
        tr.best td { background: #e6f2fa; }
        code { background: #f2f2f2; padding: 0 3px; }
        </style>
        </head>
        <body>
        <main>
        \(body)</main>
        </body>
        </html>

        """
    }
}
