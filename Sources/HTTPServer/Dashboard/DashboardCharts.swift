import CampaignCore
import Foundation
import OutboundApp

/// The campaign page's charts, drawn on the server as SVG (no script, no library): cost per day over the last 30
/// days, and best times (answer rate by the contacts' local weekday × hour). Every label is escaped.
enum DashboardCharts {
    /// Bars of `days` (one per UTC day), the height being the day's cost, or its billed minutes when nothing is priced.
    static func costTrend(_ days: [CampaignStatsReport.Day]) -> String {
        let width = 600.0
        let height = 160.0
        let bottom = 20.0
        let priced = days.contains { $0.costMicros > 0 }
        let values = days.map { priced ? Double($0.costMicros) / 1_000_000 : Double($0.billedSeconds) / 60 }
        let top = max(values.max() ?? 0, 0.000_001)
        let slot = width / Double(max(days.count, 1))
        var svg = """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(priced ? "Cost" : "Billed minutes") per day, last \(days.count) days" data-chart="cost">
            <line x1="0" y1="\(height - bottom)" x2="\(width)" y2="\(height - bottom)" stroke="#dfe3ea"/>

            """
        for (index, day) in days.enumerated() {
            let barHeight = (height - bottom - 10) * values[index] / top
            let x = Double(index) * slot + 2
            let label = priced ? MicroAmount.text(day.costMicros) : String(format: "%.1f min", values[index])
            svg += """
                <rect x="\(fmt(x))" y="\(fmt(height - bottom - barHeight))" width="\(fmt(slot - 4))" height="\(fmt(barHeight))" fill="#2952cc" rx="2"><title>\(SignInPage.escape(day.date)): \(SignInPage.escape(label))</title></rect>

                """
            if (index % 7 == 0 && index < days.count - 4) || index == days.count - 1 {
                svg += """
                    <text x="\(fmt(x))" y="\(fmt(height - 5))">\(SignInPage.escape(String(day.date.dropFirst(5))))</text>

                    """
            }
        }
        return svg + "</svg>"
    }

    /// A 7 × 24 grid, Monday first, each cell shaded by its answer rate (empty cells stay pale).
    static func bestTimes(_ slots: [CampaignStatsReport.Slot]) -> String {
        let cell = 22.0
        let left = 34.0
        let topMargin = 16.0
        let days: [Weekday] = [.mon, .tue, .wed, .thu, .fri, .sat, .sun]
        var byKey: [String: CampaignStatsReport.Slot] = [:]
        for slot in slots { byKey["\(slot.weekday.rawValue)-\(slot.hour)"] = slot }
        let width = left + cell * 24
        let height = topMargin + cell * 7
        var svg = """
            <svg class="chart" viewBox="0 0 \(fmt(width)) \(fmt(height))" role="img" aria-label="Answer rate by local weekday and hour" data-chart="best-times">

            """
        for hour in stride(from: 0, to: 24, by: 3) {
            svg += "<text x=\"\(fmt(left + Double(hour) * cell + 2))\" y=\"11\">\(hour)h</text>\n"
        }
        for (row, day) in days.enumerated() {
            let y = topMargin + Double(row) * cell
            svg += "<text x=\"0\" y=\"\(fmt(y + 15))\">\(day.rawValue.capitalized)</text>\n"
            for hour in 0..<24 {
                let x = left + Double(hour) * cell
                let found = byKey["\(day.rawValue)-\(hour)"]
                let fill: String
                let title: String
                if let found {
                    let rate = found.answerRate
                    fill = "rgba(41,82,204,\(fmt(0.12 + 0.88 * rate)))"
                    title =
                        "\(day.rawValue) \(hour):00 — \(Int((rate * 100).rounded()))% of \(found.calls) calls answered"
                } else {
                    fill = "#f2f4f7"
                    title = "\(day.rawValue) \(hour):00 — no calls"
                }
                svg += """
                    <rect x="\(fmt(x))" y="\(fmt(y))" width="\(fmt(cell - 2))" height="\(fmt(cell - 2))" rx="3" fill="\(fill)"><title>\(SignInPage.escape(title))</title></rect>

                    """
            }
        }
        return svg + "</svg>"
    }

    static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }
}
