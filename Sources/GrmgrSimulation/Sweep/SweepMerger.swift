public import Foundation

/// Joins the outputs of a sweep's shards into the complete sweep, exactly as one run of it would have made.
public enum SweepMerger {
    /// Reads every shard directory and checks that together they are one whole sweep.
    ///
    /// A complete sweep's directory counts as shard 1/1, so merging it alone rebuilds its reports.
    ///
    /// - Throws: ``SweepError`` when the directories come from different sweeps (scenario, settings, cells,
    ///   replications, ranking), when a shard is missing or given twice; ``CSVReadError`` for a bad file.
    public static func merge(_ directories: [URL]) throws -> SweepResult {
        guard !directories.isEmpty else { throw SweepError("merge: expected at least one directory") }
        var reference: (manifest: SweepManifest, directory: URL)?
        var seen: [Int: URL] = [:]
        var shardCount = 0
        var observations: [SweepObservation] = []
        var traces: [SweepTrace] = []
        for directory in directories {
            let (manifest, records) = try SweepFiles.read(directory)
            var shard = SweepShard.whole
            if let text = manifest.shard {
                do {
                    shard = try SweepShard(parsing: text)
                } catch {
                    throw SweepError("\(directory.relativePath)/sweep.json: shard: \(error.message)")
                }
            }
            if let reference {
                try requireSameSweep(manifest, in: directory, as: reference.manifest, in: reference.directory)
                guard shard.count == shardCount else {
                    throw SweepError(
                        "\(directory.relativePath): expected a shard of \(shardCount) like \(reference.directory.relativePath), "
                            + "got shard \(shard)")
                }
            } else {
                reference = (manifest, directory)
                shardCount = shard.count
            }
            if let other = seen[shard.index] {
                throw SweepError("shard \(shard) given twice: \(other.relativePath) and \(directory.relativePath)")
            }
            seen[shard.index] = directory
            observations += records.observations
            traces += records.traces
        }
        let missing = (1...shardCount).filter { seen[$0] == nil }
        guard missing.isEmpty else {
            let list = missing.map { "\($0)/\(shardCount)" }.joined(separator: ", ")
            throw SweepError(
                "incomplete sweep: missing shard\(missing.count == 1 ? "" : "s") \(list) (got \(directories.count) of \(shardCount))"
            )
        }
        return try SweepResult(
            manifest: reference!.manifest, records: SweepRecords(observations: observations, traces: traces))
    }

    private static func requireSameSweep(
        _ manifest: SweepManifest, in directory: URL, as reference: SweepManifest, in referenceDirectory: URL
    ) throws(SweepError) {
        var mine = manifest
        var theirs = reference
        mine.shard = nil
        theirs.shard = nil
        theirs.scenarioFile = mine.scenarioFile  // The same file may sit at another path on another machine.
        guard mine != theirs else { return }
        let differences: [(String, String, String)] = [
            ("scenario", mine.scenario, theirs.scenario),
            ("scenario fingerprint", mine.fingerprint, theirs.fingerprint),
            ("throttle", mine.throttle, theirs.throttle),
            ("replications", "\(mine.replications)", "\(theirs.replications)"),
            ("settings", mine.settings.joined(separator: ","), theirs.settings.joined(separator: ",")),
            ("rank-by", mine.rankBy, theirs.rankBy),
            ("seed", "\(mine.seed)", "\(theirs.seed)"),
        ]
        let (field, got, expected) = differences.first { $0.1 != $0.2 } ?? ("cells", "other cells", "the same cells")
        throw SweepError(
            "\(directory.relativePath) is not a shard of the same sweep as \(referenceDirectory.relativePath): "
                + "expected \(field) \(expected), got \(got)")
    }
}
