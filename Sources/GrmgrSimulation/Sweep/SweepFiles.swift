public import Foundation

/// The files of a sweep's output directory, written atomically (the whole directory appears at once):
///
/// - `sweep.json`: the ``SweepManifest``;
/// - `replications.csv`: a row per cell and replication, the figures written so that they read back exactly;
/// - `traces.csv`: replication 1's dop trace of every cell (`running` and `waiting` are empty on the rows of
///   ceiling changes, which come at their exact instants);
/// - for a complete sweep only: `sweep.csv` (a row per cell with means, 95% intervals and paired
///   differences), `report.md`, `report.html` and the charts as `.svg` files.
///
/// A shard writes the first three; ``SweepMerger`` reads them back and writes the rest, exactly as a single
/// run would.
public enum SweepFiles {
    /// The manifest.
    public static let manifestName = "sweep.json"
    /// The raw figures.
    public static let replicationsName = "replications.csv"
    /// The replication-1 traces.
    public static let tracesName = "traces.csv"
    /// The statistics per cell.
    public static let summaryName = "sweep.csv"

    /// Writes a shard's (or a whole sweep's raw) files: manifest, replications and traces.
    ///
    /// - Throws: ``OutputError``.
    public static func writeShard(_ manifest: SweepManifest, records: SweepRecords, to directory: URL) throws {
        let output = try AtomicOutputDirectory(destination: directory)
        do {
            try writeRaw(manifest, records: records, into: output)
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
    }

    /// Writes every file of a complete sweep: the raw files, sweep.csv, the reports and the charts.
    ///
    /// - Returns: The analysis the reports show.
    /// - Throws: ``OutputError``.
    @discardableResult
    public static func writeComplete(_ result: SweepResult, to directory: URL) throws -> SweepAnalysis {
        let analysis = SweepAnalysis(result)
        let report = SweepReport(analysis)
        let output = try AtomicOutputDirectory(destination: directory)
        do {
            try writeRaw(result.manifest, records: result.records, into: output)
            let summary = try CSVWriter(url: output.url(for: summaryName))
            SweepSummaryCSV.write(analysis, to: summary)
            try summary.close()
            try AtomicFile.write(report.markdown(), to: output.url(for: "report.md"))
            try AtomicFile.write(report.html(), to: output.url(for: "report.html"))
            for chart in report.charts() {
                try AtomicFile.write(chart.svg, to: output.url(for: chart.fileName))
            }
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
        return analysis
    }

    /// Reads the manifest, replications and traces of a sweep or shard directory.
    ///
    /// - Throws: ``SweepError`` for a missing or unreadable manifest, ``CSVReadError`` for a bad CSV file.
    public static func read(_ directory: URL) throws -> (manifest: SweepManifest, records: SweepRecords) {
        let manifestURL = directory.appendingPathComponent(manifestName)
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
            throw SweepError(
                "\(directory.relativePath): expected a sweep output directory with \(manifestName), got none")
        }
        let manifest: SweepManifest
        do {
            manifest = try JSONDecoder().decode(SweepManifest.self, from: data)
        } catch {
            throw SweepError("\(manifestURL.relativePath): expected a sweep manifest, got unreadable JSON (\(error))")
        }
        guard manifest.format == SweepManifest.currentFormat else {
            throw SweepError(
                "\(manifestURL.relativePath): expected format \(SweepManifest.currentFormat), got \(manifest.format)")
        }
        let observations = try readObservations(directory.appendingPathComponent(replicationsName), manifest)
        let traces = try readTraces(directory.appendingPathComponent(tracesName))
        return (manifest, SweepRecords(observations: observations, traces: traces))
    }

    // MARK: Raw files

    private static func writeRaw(
        _ manifest: SweepManifest, records: SweepRecords, into output: AtomicOutputDirectory
    ) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(Array(try encoder.encode(manifest)) + [10], to: output.url(for: manifestName))

        let replications = try CSVWriter(url: output.url(for: replicationsName))
        replications.writeHeader(replicationColumns(manifest))
        for observation in records.observations {
            replications.write(integer: observation.cell)
            for value in manifest.cells[observation.cell].values { replications.write(field: value) }
            replications.write(integer: observation.replication)
            replications.write(field: String(observation.seed))
            for value in observation.values {
                // Shortest text that reads back to the same Double: merged shards give the same bytes.
                if let value { replications.write(field: "\(value)") } else { replications.writeEmpty() }
            }
            replications.endRow()
        }
        try replications.close()

        let traces = try CSVWriter(url: output.url(for: tracesName))
        traces.writeHeader(["cell", "time", "ceiling", "running", "waiting"])
        for trace in records.traces {
            for point in trace.points {
                traces.write(integer: trace.cell)
                traces.writeSeconds(nanoseconds: point.time)
                traces.write(integer: point.ceiling)
                if let running = point.running { traces.write(integer: running) } else { traces.writeEmpty() }
                if let waiting = point.waiting { traces.write(integer: waiting) } else { traces.writeEmpty() }
                traces.endRow()
            }
        }
        try traces.close()
    }

    private static func replicationColumns(_ manifest: SweepManifest) -> [String] {
        ["cell"] + manifest.settings + ["replication", "seed"] + SweepMetric.allCases.map(\.rawValue)
    }

    private static func readObservations(_ url: URL, _ manifest: SweepManifest) throws -> [SweepObservation] {
        let reader = try CSVReader(url: url)
        try reader.requireHeader(replicationColumns(manifest))
        let settings = manifest.settings.count
        var observations: [SweepObservation] = []
        try reader.forEachRow { fields, line throws(CSVReadError) in
            func fail(_ message: String) -> CSVReadError {
                CSVReadError(path: reader.path, line: line, message: message)
            }
            guard let cell = Int(fields[0]), manifest.cells.indices.contains(cell) else {
                throw fail("cell: expected a cell index below \(manifest.cells.count), got \"\(fields[0])\"")
            }
            guard Array(fields[1...settings]) == manifest.cells[cell].values else {
                throw fail("expected cell \(cell) to have the values \(manifest.cells[cell].values) of sweep.json")
            }
            guard let replication = Int(fields[settings + 1]), (1...manifest.replications).contains(replication),
                let seed = UInt64(fields[settings + 2])
            else {
                throw fail("expected a replication from 1 to \(manifest.replications) and a seed")
            }
            var values: [Double?] = []
            for (offset, text) in fields[(settings + 3)...].enumerated() {
                if text.isEmpty {
                    values.append(nil)
                } else if let value = Double(text) {
                    values.append(value)
                } else {
                    throw fail("\(SweepMetric.allCases[offset].rawValue): expected a number, got \"\(text)\"")
                }
            }
            observations.append(SweepObservation(cell: cell, replication: replication, seed: seed, values: values))
        }
        return observations
    }

    private static func readTraces(_ url: URL) throws -> [SweepTrace] {
        let reader = try CSVReader(url: url)
        try reader.requireHeader(["cell", "time", "ceiling", "running", "waiting"])
        var traces: [SweepTrace] = []
        try reader.forEachRow { fields, line throws(CSVReadError) in
            guard let cell = Int(fields[0]), let time = try? DecimalSeconds.nanoseconds(Substring(fields[1])),
                let ceiling = Int(fields[2])
            else {
                throw CSVReadError(path: reader.path, line: line, message: "expected cell,time,ceiling numbers")
            }
            let point = SweepTracePoint(time: time, ceiling: ceiling, running: Int(fields[3]), waiting: Int(fields[4]))
            if traces.last?.cell == cell {
                traces[traces.count - 1].points.append(point)
            } else {
                traces.append(SweepTrace(cell: cell, points: [point]))
            }
        }
        return traces
    }
}
