import Foundation
import GrmgrSimulation

/// `merge`: join the outputs of a sweep's shards into the files a single run writes.
struct MergeCommand: Command {
    let name = "merge"
    let abstract = "Join the shard outputs of a sweep into the files a single run writes."
    let discussion = """
        Give the output directories of every shard of one sweep (grmgr-sim sweep --shard I/N), each once, in \
        any order. The merged files are byte-identical to those of the same sweep run without --shard. A \
        complete sweep's directory counts as shard 1/1: merging it alone rebuilds its reports.
        """
    let arguments: [ArgumentSpec] = [
        .positional("directories", help: "The shards' output directories.", isRepeating: true),
        .option(
            "out", valueName: "dir", help: "The output directory.", defaultDescription: "reports/<scenario name>-sweep"),
        .flag("quiet", short: "q", help: "Print nothing but errors."),
    ]

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let directories = arguments.values("directories").map { URL(fileURLWithPath: $0) }
        let result = try SweepMerger.merge(directories)
        let out = URL(fileURLWithPath: arguments.value("out") ?? "reports/\(result.manifest.scenario)-sweep")
        let analysis = try SweepFiles.writeComplete(result, to: out)
        if !arguments.flag("quiet") {
            context.console.print("Merged \(directories.count) director\(directories.count == 1 ? "y" : "ies").")
            context.console.print(SweepCommand.summary(analysis, out: out))
        }
        return .success
    }
}
