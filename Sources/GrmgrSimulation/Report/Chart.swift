/// A point of a chart series, in data units.
struct ChartPoint: Hashable, Sendable {
    /// The horizontal value.
    var x: Double
    /// The vertical value.
    var y: Double
}

/// A vertical interval around a point: a 95% confidence interval.
struct ChartErrorBar: Hashable, Sendable {
    /// The horizontal value.
    var x: Double
    /// The lower end.
    var low: Double
    /// The upper end.
    var high: Double
}

/// One named series of a chart.
struct ChartSeries: Hashable, Sendable {
    /// How the points are drawn.
    enum Style: Hashable, Sendable {
        /// Straight segments between points.
        case line
        /// A step function: each value holds until the next point (a ceiling over time).
        case step
        /// Markers only.
        case markers
        /// Segments and markers.
        case lineWithMarkers
    }

    /// The marker's shape, so that series stay apart without colour.
    enum Marker: Hashable, Sendable {
        case circle, square, diamond, triangle
    }

    /// The name in the legend.
    var name: String
    /// A CSS colour.
    var color: String
    /// How the points are drawn.
    var style: Style
    /// The points, in drawing order.
    var points: [ChartPoint]
    /// A dashed line.
    var dashed = false
    /// The line's width in pixels.
    var lineWidth = 2.0
    /// The marker's shape.
    var marker = Marker.circle
    /// The marker's radius in pixels.
    var markerSize = 4.0
    /// Hollow markers (an outline) rather than filled ones.
    var hollow = false
    /// Intervals drawn as vertical bars with caps.
    var errorBars: [ChartErrorBar] = []
    /// Text next to each point (empty for none); as many as `points`, or none.
    var pointLabels: [String] = []
    /// The line's opacity, below 1 for a series that should stay in the background.
    var opacity = 1.0
}

/// A vertical line at an instant, with a label: a scaling event.
struct ChartEventLine: Hashable, Sendable {
    /// Where, in data units.
    var x: Double
    /// The text along the line.
    var label: String
    /// A CSS colour.
    var color: String
    /// A dashed line (for refused requests).
    var dashed = false
}

/// A chart drawn as SVG by our own code: title, axes with ticks and titles, grid, series (clipped to the
/// plot), error bars, event lines, and a legend under the plot.
///
/// The SVG is a well-formed XML document (it parses with `XMLDocument`) and can be inlined in HTML as is.
/// Coordinates have two decimals; the same chart gives the same bytes.
struct Chart: Hashable, Sendable {
    /// A short identifier, unique within a page (used for the clip path and the title's id).
    var id: String
    /// The title at the top.
    var title: String
    /// The horizontal axis.
    var x: ChartAxis
    /// The vertical axis.
    var y: ChartAxis
    /// The series, drawn in order (later on top).
    var series: [ChartSeries]
    /// Vertical event lines.
    var events: [ChartEventLine] = []
    /// The width of the whole image.
    var width = 760.0
    /// The height of the plotting area.
    var plotHeight = 300.0

    /// The colours of successive series: the Okabe–Ito palette, told apart by colour-blind readers too.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F7F7F", "#000000"]

    private static let left = 72.0
    private static let right = 24.0
    private static let top = 40.0
    private static let bottom = 52.0
    private static let legendRowHeight = 20.0

    /// The SVG document.
    func svg() -> String {
        let plotLeft = Self.left
        let plotRight = width - Self.right
        let plotTop = Self.top
        let plotBottom = Self.top + plotHeight
        let legend = legendLayout(maxWidth: plotRight - plotLeft)
        let height = plotBottom + Self.bottom + Double(legend.rows) * Self.legendRowHeight + 8
        func px(_ value: Double) -> String { ReportFormat.fixed(value, 2) }
        func sx(_ value: Double) -> Double { x.position(value, from: plotLeft, to: plotRight) }
        func sy(_ value: Double) -> Double { y.position(value, from: plotBottom, to: plotTop) }

        var out = ""
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(px(width))\" height=\"\(px(height))\" "
        out += "viewBox=\"0 0 \(px(width)) \(px(height))\" role=\"img\" aria-labelledby=\"\(id)-title\" "
        out += "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
        out += "<title id=\"\(id)-title\">\(ReportFormat.escaped(title))</title>\n"
        // The clip reaches a marker's radius past the axes, so that points on the domain's edges show whole.
        let pad = 7.0
        out += "<defs><clipPath id=\"\(id)-plot\"><rect x=\"\(px(plotLeft - pad))\" y=\"\(px(plotTop - pad))\" "
        out += "width=\"\(px(plotRight - plotLeft + 2 * pad))\" height=\"\(px(plotBottom - plotTop + 2 * pad))\"/>"
        out += "</clipPath></defs>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        out += "<text x=\"\(px(plotLeft))\" y=\"24\" font-size=\"15\" font-weight=\"bold\" fill=\"#222222\">"
        out += "\(ReportFormat.escaped(title))</text>\n"

        // Grid and ticks.
        out += "<g class=\"grid\" stroke=\"#e4e4e4\" stroke-width=\"1\">\n"
        for tick in y.ticks {
            out +=
                "<line x1=\"\(px(plotLeft))\" y1=\"\(px(sy(tick)))\" x2=\"\(px(plotRight))\" y2=\"\(px(sy(tick)))\"/>\n"
        }
        for tick in x.ticks {
            out +=
                "<line x1=\"\(px(sx(tick)))\" y1=\"\(px(plotTop))\" x2=\"\(px(sx(tick)))\" y2=\"\(px(plotBottom))\"/>\n"
        }
        out += "</g>\n"
        out += "<g class=\"axes\" stroke=\"#333333\" stroke-width=\"1\">\n"
        out +=
            "<line x1=\"\(px(plotLeft))\" y1=\"\(px(plotBottom))\" x2=\"\(px(plotRight))\" y2=\"\(px(plotBottom))\"/>\n"
        out += "<line x1=\"\(px(plotLeft))\" y1=\"\(px(plotTop))\" x2=\"\(px(plotLeft))\" y2=\"\(px(plotBottom))\"/>\n"
        for tick in x.ticks {
            out +=
                "<line x1=\"\(px(sx(tick)))\" y1=\"\(px(plotBottom))\" x2=\"\(px(sx(tick)))\" y2=\"\(px(plotBottom + 5))\"/>\n"
        }
        for tick in y.ticks {
            out +=
                "<line x1=\"\(px(plotLeft - 5))\" y1=\"\(px(sy(tick)))\" x2=\"\(px(plotLeft))\" y2=\"\(px(sy(tick)))\"/>\n"
        }
        out += "</g>\n"
        out += "<g class=\"x-ticks\" fill=\"#333333\" text-anchor=\"middle\">\n"
        for (tick, label) in zip(x.ticks, x.labels) {
            out += "<text x=\"\(px(sx(tick)))\" y=\"\(px(plotBottom + 18))\">\(ReportFormat.escaped(label))</text>\n"
        }
        out += "</g>\n"
        out += "<g class=\"y-ticks\" fill=\"#333333\" text-anchor=\"end\">\n"
        for (tick, label) in zip(y.ticks, y.labels) {
            out += "<text x=\"\(px(plotLeft - 8))\" y=\"\(px(sy(tick) + 4))\">\(ReportFormat.escaped(label))</text>\n"
        }
        out += "</g>\n"
        out += "<text class=\"x-title\" x=\"\(px((plotLeft + plotRight) / 2))\" y=\"\(px(plotBottom + 40))\" "
        out += "text-anchor=\"middle\" fill=\"#222222\">\(ReportFormat.escaped(x.title))</text>\n"
        let middle = (plotTop + plotBottom) / 2
        out += "<text class=\"y-title\" x=\"16\" y=\"\(px(middle))\" text-anchor=\"middle\" fill=\"#222222\" "
        out += "transform=\"rotate(-90 16 \(px(middle)))\">\(ReportFormat.escaped(y.title))</text>\n"

        // Event lines under the data.
        if !events.isEmpty {
            out += "<g class=\"events\" font-size=\"10\">\n"
            for event in events where event.x >= x.lower && event.x <= x.upper {
                let ex = px(sx(event.x))
                let dash = event.dashed ? " stroke-dasharray=\"4 3\"" : ""
                out += "<line x1=\"\(ex)\" y1=\"\(px(plotTop))\" x2=\"\(ex)\" y2=\"\(px(plotBottom))\" "
                out += "stroke=\"\(event.color)\" stroke-width=\"1.5\"\(dash)/>\n"
                let ly = px(plotTop + 4)
                out += "<text x=\"\(px(sx(event.x) + 3))\" y=\"\(ly)\" fill=\"\(event.color)\" "
                out +=
                    "transform=\"rotate(90 \(px(sx(event.x) + 3)) \(ly))\">\(ReportFormat.escaped(event.label))</text>\n"
            }
            out += "</g>\n"
        }

        // Series, clipped to the plot.
        out += "<g class=\"series\" clip-path=\"url(#\(id)-plot)\">\n"
        for series in series {
            let opacity = series.opacity < 1 ? " stroke-opacity=\"\(ReportFormat.fixed(series.opacity, 2))\"" : ""
            out += "<g fill=\"none\" stroke=\"\(series.color)\"\(opacity)>\n"
            for bar in series.errorBars {
                let bx = sx(bar.x)
                let (lowY, highY) = (px(sy(bar.low)), px(sy(bar.high)))
                out += "<path d=\"M\(px(bx)) \(lowY)V\(highY)M\(px(bx - 4)) \(lowY)H\(px(bx + 4))"
                out += "M\(px(bx - 4)) \(highY)H\(px(bx + 4))\" stroke-width=\"1.2\"/>\n"
            }
            let points = series.points.filter { $0.x.isFinite && $0.y.isFinite }
            let dash = series.dashed ? " stroke-dasharray=\"6 4\"" : ""
            switch series.style {
            case .line where points.count > 1, .lineWithMarkers where points.count > 1:
                let coordinates = points.map { "\(px(sx($0.x))),\(px(sy($0.y)))" }.joined(separator: " ")
                out += "<polyline points=\"\(coordinates)\" stroke-width=\"\(px(series.lineWidth))\" "
                out += "stroke-linejoin=\"round\"\(dash)/>\n"
            case .step where points.count > 1:
                var path = "M\(px(sx(points[0].x))) \(px(sy(points[0].y)))"
                for point in points.dropFirst() { path += "H\(px(sx(point.x)))V\(px(sy(point.y)))" }
                out += "<path d=\"\(path)\" stroke-width=\"\(px(series.lineWidth))\"\(dash)/>\n"
            default:
                break
            }
            if series.style == .markers || series.style == .lineWithMarkers {
                let fill = series.hollow ? "#ffffff" : series.color
                for point in points {
                    out += marker(series.marker, at: sx(point.x), sy(point.y), size: series.markerSize, fill: fill)
                }
            }
            out += "</g>\n"
            if !series.pointLabels.isEmpty {
                out += "<g font-size=\"10\" fill=\"#333333\">\n"
                // Alternate above and below the points, so that labels of neighbours do not overprint.
                for (offset, (point, label)) in zip(series.points, series.pointLabels).enumerated() where !label.isEmpty
                {
                    let dy = offset % 2 == 0 ? -7.0 : 15.0
                    out += "<text x=\"\(px(sx(point.x) + 6))\" y=\"\(px(sy(point.y) + dy))\">"
                    out += "\(ReportFormat.escaped(label))</text>\n"
                }
                out += "</g>\n"
            }
        }
        out += "</g>\n"

        // Legend under the axis title.
        out += "<g class=\"legend\">\n"
        for item in legend.items {
            let series = series[item.series]
            let lx = plotLeft + item.x
            let ly = plotBottom + Self.bottom + Double(item.row) * Self.legendRowHeight + 6
            let dash = series.dashed ? " stroke-dasharray=\"6 4\"" : ""
            if series.style != .markers {
                out += "<line x1=\"\(px(lx))\" y1=\"\(px(ly))\" x2=\"\(px(lx + 20))\" y2=\"\(px(ly))\" "
                out += "stroke=\"\(series.color)\" stroke-width=\"\(px(series.lineWidth))\"\(dash)/>\n"
            }
            if series.style == .markers || series.style == .lineWithMarkers {
                out += "<g stroke=\"\(series.color)\">"
                out += marker(
                    series.marker, at: lx + 10, ly, size: series.markerSize,
                    fill: series.hollow ? "#ffffff" : series.color)
                out += "</g>\n"
            }
            out +=
                "<text x=\"\(px(lx + 26))\" y=\"\(px(ly + 4))\" fill=\"#222222\">\(ReportFormat.escaped(series.name))</text>\n"
        }
        out += "</g>\n"
        out += "</svg>\n"
        return out
    }

    /// Where each legend entry goes: rows that wrap at `maxWidth`, text widths estimated from the length.
    private func legendLayout(maxWidth: Double) -> (items: [(series: Int, x: Double, row: Int)], rows: Int) {
        var items: [(series: Int, x: Double, row: Int)] = []
        var x = 0.0
        var row = 0
        for (index, series) in series.enumerated() where !series.name.isEmpty {
            let itemWidth = 26 + Double(series.name.count) * 7 + 18
            if x > 0 && x + itemWidth > maxWidth {
                row += 1
                x = 0
            }
            items.append((index, x, row))
            x += itemWidth
        }
        return (items, items.isEmpty ? 0 : row + 1)
    }

    private func marker(_ shape: ChartSeries.Marker, at x: Double, _ y: Double, size: Double, fill: String) -> String {
        func px(_ value: Double) -> String { ReportFormat.fixed(value, 2) }
        switch shape {
        case .circle:
            return "<circle cx=\"\(px(x))\" cy=\"\(px(y))\" r=\"\(px(size))\" fill=\"\(fill)\" stroke-width=\"1.5\"/>\n"
        case .square:
            return "<rect x=\"\(px(x - size))\" y=\"\(px(y - size))\" width=\"\(px(2 * size))\" "
                + "height=\"\(px(2 * size))\" fill=\"\(fill)\" stroke-width=\"1.5\"/>\n"
        case .diamond:
            let r = size * 1.35
            return
                "<path d=\"M\(px(x)) \(px(y - r))L\(px(x + r)) \(px(y))L\(px(x)) \(px(y + r))L\(px(x - r)) \(px(y))Z\" "
                + "fill=\"\(fill)\" stroke-width=\"1.5\"/>\n"
        case .triangle:
            let r = size * 1.3
            return
                "<path d=\"M\(px(x)) \(px(y - r))L\(px(x + r)) \(px(y + r * 0.8))L\(px(x - r)) \(px(y + r * 0.8))Z\" "
                + "fill=\"\(fill)\" stroke-width=\"1.5\"/>\n"
        }
    }
}
