public import Foundation

/// A single file that appears complete or not at all: written under a hidden temporary name in the same
/// directory, then renamed over the destination.
///
/// For reports and other single files; for a set of files that belong together, use
/// ``AtomicOutputDirectory``.
///
/// ```swift
/// try AtomicFile.write(Array(markdown.utf8), to: URL(fileURLWithPath: "reports/report.md"))
/// ```
public struct AtomicFile: Sendable {
    /// Where the file appears on ``commit()``.
    public let destination: URL

    /// The hidden file (`.<name>.tmp-<pid>-<random>`) to write to until ``commit()``; it exists, empty,
    /// after `init`.
    public let temporaryURL: URL

    /// Creates the empty temporary file next to `destination`, creating missing parent directories.
    ///
    /// - Throws: ``OutputError``, for example `cannot create file /x/report.md: Permission denied`.
    public init(destination: URL) throws {
        let destination = destination.standardizedFileURL
        let name = destination.lastPathComponent
        let parent = destination.deletingLastPathComponent()
        do {
            try FileSystem.createDirectories(parent.path)
        } catch {
            throw OutputError(operation: "cannot create file", path: destination.path, code: error.code)
        }
        var attempts = 0
        while true {
            let candidate = parent.appendingPathComponent(".\(name).tmp-\(FileSystem.uniqueSuffix())")
            do {
                try FileSystem.writeFile(candidate.path, bytes: [], exclusive: true)
                self.destination = destination
                self.temporaryURL = candidate
                return
            } catch let error where error.code == EEXIST && attempts < 8 {
                attempts += 1
            } catch {
                throw OutputError(operation: "cannot create file", path: destination.path, code: error.code)
            }
        }
    }

    /// Renames the temporary file over ``destination``, atomically replacing any previous file.
    ///
    /// - Throws: ``OutputError`` when the rename fails (say, a directory is in the way); the previous file is
    ///   then untouched and the temporary file is left for ``discard()``.
    public func commit() throws {
        do {
            try FileSystem.rename(temporaryURL.path, to: destination.path)
        } catch {
            throw OutputError(operation: "cannot replace file", path: destination.path, code: error.code)
        }
    }

    /// Removes the temporary file; the destination is not touched. Safe to call more than once.
    public func discard() {
        try? FileSystem.removeTree(temporaryURL.path)
    }

    /// Writes `bytes` to `destination` atomically.
    ///
    /// - Throws: ``OutputError``; on failure no temporary file is left behind.
    public static func write(_ bytes: [UInt8], to destination: URL) throws {
        let file = try AtomicFile(destination: destination)
        do {
            try FileSystem.writeFile(file.temporaryURL.path, bytes: bytes, exclusive: false)
        } catch {
            file.discard()
            throw OutputError(operation: "cannot write file", path: destination.path, code: error.code)
        }
        do {
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// Writes `text` as UTF-8 to `destination` atomically.
    ///
    /// - Throws: ``OutputError``; on failure no temporary file is left behind.
    public static func write(_ text: String, to destination: URL) throws {
        try write(Array(text.utf8), to: destination)
    }
}
