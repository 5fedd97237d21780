import Foundation
import GrmgrSimulation

/// `sweep`: run every combination of varied settings, with replications, and report.
struct SweepCommand: Command {
    let name = "sweep"
    let abstract = "Compare hold and step settings: every combination, replicated, with intervals."
    let discussion = """
        Every combination of the --vary settings is a cell; each cell runs --replications times. Replication k \
        of every cell uses the same seed (the scenario's seed + k - 1), so cells see the same workload and \
        differ only by their settings. The baseline is the scenario's own settings; every cell is compared with \
        it replication by replication (paired differences with 95% Student-t intervals).

        Settings: hold (Go durations), up, down, min, dop (whole numbers), profile (a profile of the scenario, \
        replacing the one its events start). Writes sweep.csv, report.md, report.html, the charts as SVG, \
        replications.csv, traces.csv and sweep.json. With --shard I/N only the I-th of N slices of the cells \
        runs and only the raw files are written; 'grmgr-sim merge' joins the shards into the same files a \
        single run writes. The results do not depend on --jobs.
        """
    let arguments: [ArgumentSpec] = [
        .positional("scenario", help: "The scenario file (JSON5)."),
        .option(
            "vary", valueName: "setting=values", help: "A setting and its values, as hold=0s,10s,30s.",
            isRepeating: true),
        .option("throttle", valueName: "name", help: "The throttle to vary (needed when the scenario has several)."),
        .option("replications", short: "r", valueName: "n", help: "Runs per cell.", defaultDescription: "10"),
        .option(
            "jobs", short: "j", valueName: "n", help: "Simulations run at once.", defaultDescription: "the core count"),
        .option("shard", valueName: "i/n", help: "Run only the i-th of n slices of the cells."),
        .option(
            "rank-by", valueName: "metric", help: "The metric that ranks the cells, a sweep.csv column prefix.",
            defaultDescription: "wait_p99"),
        .option(
            "out", valueName: "dir", help: "The output directory.", defaultDescription: "reports/<scenario name>-sweep"),
        .flag("quiet", short: "q", help: "Print nothing but errors."),
    ]

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = arguments.value("scenario")!
        let replications = try arguments.integer("replications") ?? 10
        let jobs = try arguments.count("jobs") ?? ProcessInfo.processInfo.activeProcessorCount
        let rankBy = try arguments.value("rank-by", expected: SweepCommand.metricNames) { SweepMetric(rawValue: $0) }
        let dimensions = try SweepCommand.usage { try arguments.values("vary").map(SweepDimension.init(parsing:)) }
        let shard = try SweepCommand.usage { try arguments.value("shard").map(SweepShard.init(parsing:)) }
        let scenario = try ScenarioLoader.load(contentsOf: URL(fileURLWithPath: path))
        let plan = try SweepCommand.usage {
            try SweepPlan(
                scenario: scenario, dimensions: dimensions, throttle: arguments.value("throttle"),
                replications: replications)
        }
        let out = URL(fileURLWithPath: arguments.value("out") ?? "reports/\(scenario.name)-sweep")
        let manifest = SweepManifest(plan: plan, scenarioFile: path, rankBy: rankBy ?? .waitP99, shard: shard)

        let total = SweepRunner.simulations(in: plan, shard: shard ?? .whole)
        let progress = ProgressBar(total: total, label: "sweep \(scenario.name)", console: context.console)
        let records = try SweepRunner.run(plan, shard: shard ?? .whole, jobs: jobs) { progress.advance() }
        progress.finish()

        if let shard, shard.count > 1 {
            try SweepFiles.writeShard(manifest, records: records, to: out)
            if !arguments.flag("quiet") {
                let cells = shard.cells(of: plan.cells.count)
                context.console.print(
                    "Shard \(shard): cells \(cells.lowerBound + 1) to \(cells.upperBound) of \(plan.cells.count), "
                        + "\(total) simulations. Wrote sweep.json, replications.csv, traces.csv to \(out.relativePath)\n"
                        + "Join the shards with: grmgr-sim merge DIR... --out DIR")
            }
            return .success
        }
        let analysis = try SweepFiles.writeComplete(SweepResult(manifest: manifest, records: records), to: out)
        if !arguments.flag("quiet") {
            context.console.print(SweepCommand.summary(analysis, out: out))
        }
        return .success
    }

    /// What a usage error names as valid metrics.
    static let metricNames = "one of " + SweepMetric.allCases.map(\.rawValue).joined(separator: ", ")

    /// Runs `body`, turning a command-line ``SweepError`` into a usage error (exit 64).
    static func usage<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as SweepError where error.isCommandLineMistake {
            throw UsageError(error.message)
        }
    }

    /// The few lines printed after a sweep: the best cells and where the files went.
    static func summary(_ analysis: SweepAnalysis, out: URL) -> String {
        let result = analysis.result
        let metric = result.rankBy
        var lines = [
            "\(result.manifest.scenario): \(result.cells.count) cells × \(result.manifest.replications) replications "
                + "of \(result.manifest.throttle), ranked by \(metric.title)"
        ]
        for (position, index) in analysis.ranking.prefix(5).enumerated() {
            let summary = analysis.summaries[index]
            let label = result.settings.isEmpty ? "baseline" : summary.cell.label(result.settings)
            let estimate = summary[metric]
            let mean = estimate.mean.map { SummaryTable.fixed($0, 3) } ?? "-"
            let width = estimate.halfWidth.map { " ± " + SummaryTable.fixed($0, 3) } ?? ""
            lines.append(
                "\(position + 1). \(label): \(metric.title) \(mean)\(width)\(summary.cell.isBaseline ? " (baseline)" : "")"
            )
        }
        lines.append(
            "Wrote sweep.csv, report.md, report.html, charts, replications.csv, traces.csv to \(out.relativePath)")
        return lines.joined(separator: "\n")
    }
}
