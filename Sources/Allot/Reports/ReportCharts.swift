/// Inline SVG charts for the HTML report: no script, no external file, every label escaped by `HTML`.
/// Each chart is a `<figure class="chart" data-chart="NAME">` so tests and readers can find it.
enum ReportCharts {
    /// Drawing width in SVG units: fits the 180 mm text width of an A4 page at print scale.
    static let width = 680
    /// Room for row labels on the left of horizontal bars.
    static let labelWidth = 200
    static let barArea = width - labelWidth - 60

    /// One bar series: name, colour, and a value per row (nil: not shown, with `note` instead).
    struct Series {
        var name: String
        var color: StaticString
        var values: [Double?]
        var notes: [String?]
    }

    static func figure(_ name: String, caption: String, _ svg: HTML) -> HTML {
        "<figure class=\"chart\" data-chart=\"\(name)\"><figcaption>\(caption)</figcaption>\(svg)</figure>"
    }

    static func color(_ color: StaticString) -> HTML { HTML(trusted: color) }

    static func fixed(_ value: Double, _ decimals: Int = 1) -> String {
        let scale = [1.0, 10, 100, 1000][max(0, min(3, decimals))]
        let rounded = (value * scale).rounded() / scale
        return decimals == 0 ? String(Int(rounded)) : ReportTable.number(rounded)
    }

    /// Horizontal grouped bars: per row one thin bar per series, scaled to the largest value.
    static func groupedBars(
        rows: [String], series: [Series], format: (Double) -> String, label: String, scaleMax: Double? = nil
    ) -> HTML {
        let barHeight = 10
        let gap = 8
        let groupHeight = series.count * barHeight + gap
        let legendHeight = 22
        let height = legendHeight + rows.count * groupHeight + 6
        let maximum = max(scaleMax ?? series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0, 1e-9)
        var parts: [HTML] = []
        for (index, entry) in series.enumerated() {
            let x = labelWidth + index * 120
            parts.append(
                "<rect x=\"\(x)\" y=\"4\" width=\"10\" height=\"10\" fill=\"\(color(entry.color))\"/><text x=\"\(x + 14)\" y=\"13\" class=\"legend\">\(entry.name)</text>"
            )
        }
        for (row, name) in rows.enumerated() {
            let top = legendHeight + row * groupHeight
            parts.append(
                "<text x=\"\(labelWidth - 6)\" y=\"\(top + series.count * barHeight / 2 + 4)\" text-anchor=\"end\" class=\"label\"><title>\(name)</title>\(fit(name, width: labelWidth - 10))</text>"
            )
            for (index, entry) in series.enumerated() {
                let y = top + index * barHeight
                if let value = entry.values[row] {
                    let length = max(0, Int((value / maximum * Double(barArea)).rounded()))
                    parts.append(
                        "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(length)\" height=\"\(barHeight - 1)\" fill=\"\(color(entry.color))\"><title>\(entry.name): \(format(value))</title></rect><text x=\"\(labelWidth + length + 3)\" y=\"\(y + barHeight - 1)\" class=\"value\">\(format(value))</text>"
                    )
                } else if let note = entry.notes[row] {
                    let text = series.count == 1 ? note : "\(entry.name): \(note)"
                    parts.append(
                        "<text x=\"\(labelWidth + 3)\" y=\"\(y + barHeight - 2)\" class=\"value muted\">\(text)</text>")
                }
            }
        }
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(label)\">\(parts)</svg>"
    }

    /// `text` cut with "…" to about `width` units at the labels' 11 px size (CJK characters are about
    /// twice as wide as Latin ones); the full text stays in the element's `<title>`.
    static func fit(_ text: String, width: Int) -> String {
        var used = 0.0
        var kept = ""
        for character in text {
            let advance = character.unicodeScalars.first.map { $0.value > 0x2E80 } == true ? 11.0 : 6.2
            if used + advance > Double(width) - 8 { return kept + "…" }
            used += advance
            kept.append(character)
        }
        return kept
    }

    /// Vertical bars with a label under each.
    static func columns(values: [Int], labels: [String], label: String) -> HTML {
        let height = 220
        let bottom = 180
        let left = 40
        // At most 80 units a column: a histogram of one or two bins should not look like a wall.
        let slot = min(80, (width - left - 10) / max(values.count, 1))
        let maximum = max(values.max() ?? 0, 1)
        var parts: [HTML] = [
            "<line x1=\"\(left)\" y1=\"\(bottom)\" x2=\"\(width - 10)\" y2=\"\(bottom)\" class=\"axis\"/>"
        ]
        for (index, value) in values.enumerated() {
            let barHeight = Int((Double(value) / Double(maximum) * 150).rounded())
            let x = left + index * slot + 3
            parts.append(
                "<rect x=\"\(x)\" y=\"\(bottom - barHeight)\" width=\"\(slot - 6)\" height=\"\(barHeight)\" fill=\"#4e79a7\"><title>\(labels[index]): \(value)</title></rect><text x=\"\(x + (slot - 6) / 2)\" y=\"\(bottom - barHeight - 3)\" text-anchor=\"middle\" class=\"value\">\(value)</text><text x=\"\(x + (slot - 6) / 2)\" y=\"\(bottom + 14)\" text-anchor=\"middle\" class=\"tick\">\(labels[index])</text>"
            )
        }
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(label)\">\(parts)</svg>"
    }

    /// A funnel: one centred bar per stage, widths relative to the first.
    static func funnel(stages: [(String, Int)], label: String) -> HTML {
        let rowHeight = 34
        let height = stages.count * rowHeight + 8
        let maximum = max(stages.map(\.1).max() ?? 0, 1)
        let full = width - labelWidth - 20
        var parts: [HTML] = []
        for (index, (name, value)) in stages.enumerated() {
            let length = max(2, Int(Double(value) / Double(maximum) * Double(full)))
            let x = labelWidth + (full - length) / 2
            let y = 4 + index * rowHeight
            parts.append(
                "<text x=\"\(labelWidth - 6)\" y=\"\(y + 19)\" text-anchor=\"end\" class=\"label\">\(name)</text><rect x=\"\(x)\" y=\"\(y)\" width=\"\(length)\" height=\"\(rowHeight - 8)\" fill=\"#8cd17d\"><title>\(name): \(value)</title></rect><text x=\"\(labelWidth + full / 2)\" y=\"\(y + 18)\" text-anchor=\"middle\" class=\"funnel-value\">\(value)</text>"
            )
        }
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(label)\">\(parts)</svg>"
    }
}
