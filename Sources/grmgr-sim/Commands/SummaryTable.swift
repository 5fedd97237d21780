import Foundation
import Grmgr
import GrmgrSimulation

/// The short table `run` prints: one line per throttle.
enum SummaryTable {
    static func render(_ result: SimulationResult) -> String {
        let header = [
            "throttle", "tasks", "tasks/s", "wait p50", "wait p99", "sojourn p99", "mean dop", "util", "changes",
        ]
        var rows = [header]
        for throttle in result.throttles {
            rows.append([
                throttle.name, "\(throttle.tasks)", fixed(throttle.throughput, 2), seconds(throttle.wait.p50),
                seconds(throttle.wait.p99), seconds(throttle.sojourn.p99), fixed(throttle.meanCeiling, 2),
                fixed(throttle.utilisation * 100, 1) + "%",
                "\(throttle.changesApplied) applied, \(throttle.changesRefused) refused",
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        let lines = rows.map { row in
            row.enumerated().map { column, cell in
                column == 0 || column == row.count - 1
                    ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        // Whole milliseconds: the exact end is in the files; the headline only says how long the run went on.
        let end = TimeAmount.milliseconds(result.end.nanoseconds / 1_000_000).goSyntax
        return
            (["\(result.scenario) (seed \(result.seed), simulated \(end), \(result.eventsProcessed) events)"] + lines)
            .joined(separator: "\n")
    }

    private static func seconds(_ amount: TimeAmount?) -> String {
        guard let amount else { return "-" }
        return fixed(amount.seconds, 3) + "s"
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        let scale = (0..<digits).reduce(1.0) { value, _ in value * 10 }
        let rounded = (value * scale).rounded() / scale
        var text = "\(rounded)"
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        } else if digits > 0 {
            text += "." + String(repeating: "0", count: digits)
        }
        return text
    }
}
