public import Foundation

/// Reads scenario files (JSON5) into validated ``Scenario`` values.
///
/// The format is described in DESIGN.md ("Scenario files") and the README. In short:
///
/// ```json5
/// {
///   name: "quickstart", seed: 42, duration: "10m",
///   throttles: [{
///     name: "api", dop: 8,
///     arrivals: { process: "poisson", rate: 5 },
///     duration: { dist: "lognormal", zeta: 0, sigma: 0.5 },
///   }],
///   events: [{ at: "3m", action: "down" }],
/// }
/// ```
///
/// Every problem is reported with the file, the line and column, the key path and what was expected,
/// and one load reports every problem it finds:
///
/// ```
/// quickstart.json5:12:18: throttles[0].duration.sigma: expected a number >= 0, got -1
/// ```
///
/// Choices the format makes beyond DESIGN.md:
/// - Unknown keys are errors; so is a key given twice in one object.
/// - Event `at` instants lie in `[0s, duration)`: events do not fire while the run drains.
/// - A rate schedule starts at `"0s"`, its instants strictly increase and stay before `duration`, and at
///   least one rate is positive. A batch's `at` lies before `duration`.
/// - A throttle whose trace has a `duration` column takes no `duration` distribution (it would be
///   ignored); its ``ThrottleSpec/duration`` is then `constant 0`, never drawn from.
/// - Trace seconds are read exactly (no floating point); digits past the ninth decimal round half up.
///   Trace rows at or after `duration` stay in the model; the run does not replay them, since arrivals
///   stop at the horizon.
public enum ScenarioLoader {
    /// Loads and validates the scenario file at `url`; relative CSV paths inside it start at its directory.
    ///
    /// Messages name the file as `url.relativePath`, which is the path as the user typed it for a URL
    /// made with `URL(fileURLWithPath:)`.
    ///
    /// - Throws: ``ScenarioError`` with every problem found, in file order.
    public static func load(contentsOf url: URL) throws(ScenarioError) -> Scenario {
        let file = url.relativePath
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "it cannot be read" : "it does not exist"
            throw ScenarioError(
                file: file,
                problems: [.init(file: file, keyPath: "", message: "expected a scenario file, got none (\(reason))")])
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ScenarioError(
                file: file, problems: [.init(file: file, keyPath: "", message: "expected UTF-8 text, got other bytes")])
        }
        return try load(json5: text, file: file, baseDirectory: url.absoluteURL.deletingLastPathComponent())
    }

    /// Parses and validates a scenario given as text.
    ///
    /// - Parameters:
    ///   - text: The JSON5 text.
    ///   - file: The name to give in messages, such as `"scenarios/quickstart.json5"`.
    ///   - baseDirectory: The directory that relative `file:` paths (traces, empirical durations) start at.
    /// - Throws: ``ScenarioError`` with every problem found, in file order.
    public static func load(json5 text: String, file: String, baseDirectory: URL) throws(ScenarioError) -> Scenario {
        let root: JSON5Value
        do {
            root = try JSON5Parser.parse(text)
        } catch {
            throw ScenarioError(
                file: file,
                problems: [
                    .init(
                        file: file, line: error.position.line, column: error.position.column, keyPath: "",
                        message: error.message)
                ])
        }
        let reader = ScenarioReader(file: file, baseDirectory: baseDirectory)
        let scenario = reader.readScenario(root)
        if let scenario, reader.problems.isEmpty { return scenario }
        throw ScenarioError(file: file, problems: ordered(reader.problems, scenarioFile: file))
    }

    /// Checks the scenario file at `url` without keeping it: what `grmgr-sim validate FILE…` prints.
    ///
    /// - Returns: Every problem found, in file order; empty when the file is a valid scenario.
    public static func validate(contentsOf url: URL) -> [ScenarioError.Problem] {
        do {
            _ = try load(contentsOf: url)
            return []
        } catch {
            return error.problems
        }
    }

    /// Problems in file order: the scenario's by position, then those of each CSV file, in the order the
    /// files were found.
    private static func ordered(_ problems: [ScenarioError.Problem], scenarioFile: String) -> [ScenarioError.Problem] {
        var fileOrder: [String: Int] = [scenarioFile: 0]
        for problem in problems where fileOrder[problem.file] == nil {
            fileOrder[problem.file] = fileOrder.count
        }
        let sorted = problems.enumerated().sorted { lhs, rhs in
            let left = (
                fileOrder[lhs.element.file] ?? 0, lhs.element.line ?? .max, lhs.element.column ?? .max, lhs.offset
            )
            let right = (
                fileOrder[rhs.element.file] ?? 0, rhs.element.line ?? .max, rhs.element.column ?? .max, rhs.offset
            )
            return left < right
        }
        guard !sorted.isEmpty else {
            // readScenario returns nil only after reporting; this keeps the error non-empty regardless.
            return [.init(file: scenarioFile, keyPath: "", message: "expected a valid scenario, got an invalid one")]
        }
        return sorted.map(\.element)
    }
}
