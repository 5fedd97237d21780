#if WithStats
import Foundation
import Grmgr
import GrmgrStats

/// The table `stats` prints: a line about the run, then one line per throttle.
enum StatsTable {
    static func render(_ record: StatsRunRecord, _ stats: [ThrottleStats]) -> String {
        let run = record.run
        let configuration = run.configuration
        var about =
            "run \(run.id): \(run.source), snapshots every \(configuration.snapshotInterval.goSyntax), "
            + "flushed every \(configuration.flushInterval.goSyntax)"
        if let last = record.lastTime { about += ", latest at \(TimeAmount(nanoseconds: last.nanoseconds).goSyntax)" }
        about += ", \(record.droppedSnapshots) dropped"
        let header = ["throttle", "ceiling", "running", "waiting", "granted", "refused"] + StatsWindow.all.map(\.name)
        var rows = [header]
        var partial = false
        for row in stats {
            var cells = [
                row.throttle, "\(row.load.ceiling)", "\(row.load.running)", "\(row.load.waiting)",
                "\(row.counters.granted)", "\(row.counters.refusedChanges)",
            ]
            for average in row.averages {
                guard let value = average.average else {
                    cells.append("-")
                    continue
                }
                let filled = average.samples >= configuration.capacity(of: average.window)
                partial = partial || !filled
                cells.append(SummaryTable.fixed(value, 2) + (filled ? "" : "*"))
            }
            rows.append(cells)
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        let lines = rows.map { row in
            row.enumerated().map { column, cell in
                column == 0
                    ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ")
        }
        let footnote = partial ? ["* fewer samples than the window spans: the window has not filled yet"] : []
        return ([about] + lines + footnote).joined(separator: "\n")
    }
}
#endif
