import Foundation

/// A CSV file a scenario refers to, read into memory.
struct LoadedCSV {
    /// The file's text.
    var text: String
    /// The path to show in messages: relative to the working directory when the file is below it.
    var displayPath: String
}

extension ScenarioReader {
    /// Reads the CSV file named by a `file:` field, relative to the scenario's directory unless absolute;
    /// `nil` after reporting a missing, unreadable or non-UTF-8 file at the field.
    func loadCSV(_ field: ScenarioField) -> LoadedCSV? {
        guard let path = string(field) else { return nil }
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseDirectory.appendingPathComponent(path)
        let displayPath = Self.displayPath(url)
        let expected = "a readable CSV file (relative paths start at the scenario's directory)"
        guard let data = FileManager.default.contents(atPath: url.standardizedFileURL.path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: url.standardizedFileURL.path, isDirectory: &isDirectory)
            let reason = exists ? (isDirectory.boolValue ? "is a directory" : "cannot be read") : "does not exist"
            report(field, expected: expected, got: "\(field.value.summary) (\(displayPath) \(reason))")
            return nil
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            report(field, expected: expected, got: "\(field.value.summary) (\(displayPath) is not UTF-8 text)")
            return nil
        }
        return LoadedCSV(text: text, displayPath: displayPath)
    }

    /// Records a problem found inside a CSV file, at its line and column, under the key path that named it.
    func report(_ failure: ScenarioCSV.Failure, in csv: LoadedCSV, path: String) {
        report(file: csv.displayPath, line: failure.line, column: failure.column, path: path, failure.message)
    }

    /// `url` as a path to show: relative to the working directory when below it, absolute otherwise.
    static func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        var directory = FileManager.default.currentDirectoryPath
        if !directory.hasSuffix("/") { directory += "/" }
        return path.hasPrefix(directory) ? String(path.dropFirst(directory.count)) : path
    }
}
