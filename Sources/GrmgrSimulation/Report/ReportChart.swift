/// A chart of a report as a standalone SVG file (for a README or a slide), next to report.html.
public struct ReportChart: Hashable, Sendable {
    /// The file name, such as `chart-dop-trace.svg`.
    public var fileName: String
    /// The chart's title.
    public var title: String
    /// The SVG document.
    public var svg: String
}
