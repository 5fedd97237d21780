import Foundation
import GrmgrSimulation
import XCTest

/// Shared helpers for the scenario tests: the shipped scenarios directory, a scratch directory for CSV
/// files, and loaders that return the scenario or the error.
enum ScenarioTestSupport {
    /// The package's `scenarios/` directory, found from this file's path.
    static var scenariosDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // GrmgrSimulationTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("scenarios", isDirectory: true)
    }

    /// A minimal valid scenario with `throttle` spliced in as the throttle object's extra keys, and
    /// `extra` as extra top-level keys.
    static func scenario(throttle: String = "", extra: String = "") -> String {
        """
        {
          name: "t",
          duration: "10m",
          throttles: [{
            name: "api", dop: 4,
            arrivals: { process: "poisson", rate: 2 },
            duration: { dist: "exponential", mu: 0.5 },\(throttle)
          }],\(extra)
        }
        """
    }
}

/// A fresh directory under the temporary directory, removed when the test ends.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("grmgr-scenario-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `text` to `name` inside the directory and returns its URL.
    @discardableResult
    func write(_ text: String, to name: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file
    }
}

extension XCTestCase {
    /// Loads `text` as `file` (relative CSV paths start at `base`), failing the test on an error.
    func loadScenario(
        _ text: String, file: String = "test.json5", base: URL? = nil, line: UInt = #line
    ) -> Scenario? {
        do {
            return try ScenarioLoader.load(
                json5: text, file: file, baseDirectory: base ?? FileManager.default.temporaryDirectory)
        } catch {
            XCTFail("unexpected error:\n\(error)", line: line)
            return nil
        }
    }

    /// Loads `text`, expecting it to fail; returns the error, failing the test when it loads.
    func loadError(
        _ text: String, file: String = "test.json5", base: URL? = nil, line: UInt = #line
    ) -> ScenarioError? {
        do {
            _ = try ScenarioLoader.load(
                json5: text, file: file, baseDirectory: base ?? FileManager.default.temporaryDirectory)
            XCTFail("expected an error, got a scenario", line: line)
            return nil
        } catch {
            return error
        }
    }
}
