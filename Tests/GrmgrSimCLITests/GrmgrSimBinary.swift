import Foundation

/// Finds and runs the built `grmgr-sim` executable, which SwiftPM builds next to the test bundle because this
/// test target depends on it.
enum GrmgrSimBinary {
    /// What one run printed and how it ended.
    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The executable: `GRMGR_SIM_BINARY` if set, else the first `grmgr-sim` found next to the test bundle,
    /// the test runner, or in this package's `.build/debug`.
    static func url() throws -> URL {
        let fileManager = FileManager.default
        var directories: [URL] = []
        if let override = ProcessInfo.processInfo.environment["GRMGR_SIM_BINARY"] {
            return URL(fileURLWithPath: override)
        }
        // macOS: the .xctest bundle sits in the build products directory.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        // Linux: the test runner is an executable in the build products directory.
        directories.append(Bundle.main.bundleURL)
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        directories.append(packageRoot.appendingPathComponent(".build/debug"))

        let candidates = directories.map { $0.appendingPathComponent("grmgr-sim") }
        if let found = candidates.first(where: { fileManager.isExecutableFile(atPath: $0.path) }) {
            return found
        }
        throw NotFound(candidates: candidates.map(\.path))
    }

    /// The executable is missing although this target depends on it: a build problem, so the tests fail.
    struct NotFound: Error, CustomStringConvertible {
        var candidates: [String]
        var description: String { "grmgr-sim not found; looked at " + candidates.joined(separator: ", ") }
    }

    /// Runs `grmgr-sim` with `arguments` and waits for it.
    static func run(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = try url()
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes to the end before waiting, so a full pipe can never stall the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        DispatchQueue.global().async(group: group) {
            errorData = error.fileHandleForReading.readDataToEndOfFile()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self)
        )
    }
}
