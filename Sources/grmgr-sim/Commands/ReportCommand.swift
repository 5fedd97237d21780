import Foundation
import GrmgrSimulation

/// `report`: render report.md and report.html from a run's (or a sweep's) output directory.
struct ReportCommand: Command {
    let name = "report"
    let abstract = "Render report.md and report.html (with SVG charts) from a run's output directory."
    let discussion = """
        For a directory written by 'grmgr-sim run': per throttle, the dop (ceiling, running, waiting) over time \
        with the scaling events marked, and the distribution of waits, with the summary and events as tables. \
        For a sweep's directory: the sweep report again (as 'grmgr-sim merge DIR' would write it).
        """
    let arguments: [ArgumentSpec] = [
        .positional("directory", help: "The output directory of grmgr-sim run (or sweep)."),
        .option(
            "out", valueName: "dir", help: "Where to write the report.", defaultDescription: "the directory itself"),
        .flag("quiet", short: "q", help: "Print nothing but errors."),
    ]

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let directory = URL(fileURLWithPath: arguments.value("directory")!)
        let out = arguments.value("out").map { URL(fileURLWithPath: $0) } ?? directory
        var written = ["report.md", "report.html"]
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent(SweepFiles.manifestName).path) {
            let report = SweepReport(SweepAnalysis(try SweepMerger.merge([directory])))
            try AtomicFile.write(report.markdown(), to: out.appendingPathComponent("report.md"))
            try AtomicFile.write(report.html(), to: out.appendingPathComponent("report.html"))
            for chart in report.charts() {
                try AtomicFile.write(chart.svg, to: out.appendingPathComponent(chart.fileName))
                written.append(chart.fileName)
            }
        } else {
            let report = try RunReport(directory: directory)
            try AtomicFile.write(report.markdown(), to: out.appendingPathComponent("report.md"))
            try AtomicFile.write(report.html(), to: out.appendingPathComponent("report.html"))
        }
        if !arguments.flag("quiet") {
            context.console.print("Wrote \(written.joined(separator: ", ")) to \(out.relativePath)")
        }
        return .success
    }
}
