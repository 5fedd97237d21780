public import Foundation

/// An output directory that appears complete or not at all.
///
/// Files are written into a hidden sibling, `.<name>.tmp-<pid>-<random>`, in the destination's parent, so
/// that the final rename stays on one file system and is atomic. ``commit()`` swaps it into place; until then
/// the previous output (if any) is untouched, so a failed or interrupted run never leaves half files at the
/// destination.
///
/// Safety: the directory is replaced as a whole, so only a directory this type wrote (it holds a
/// ``markerFileName`` file) or an empty one is ever replaced. Pointing `--out` at, say, a home directory is
/// refused instead of deleting it.
///
/// ```swift
/// let output = try AtomicOutputDirectory(destination: URL(fileURLWithPath: "reports/quickstart"))
/// do {
///     let tasks = try CSVWriter(url: output.url(for: "tasks.csv"))
///     // … write rows …
///     try tasks.close()
///     try output.commit()
/// } catch {
///     output.discard()
///     throw error
/// }
/// ```
///
/// An interrupted process (a signal) leaves its hidden temporary directory behind, but never a partial
/// destination.
public struct AtomicOutputDirectory: Sendable {
    /// The name of the marker file that identifies a directory as replaceable output.
    public static let markerFileName = ".grmgr-output"

    /// Where the output appears on ``commit()``.
    public let destination: URL

    /// The hidden directory the files are written to until ``commit()``.
    public let temporaryURL: URL

    /// Creates the temporary directory next to `destination`, creating missing parents.
    ///
    /// Fails early, before any work is done, when `destination` exists and cannot be replaced.
    ///
    /// - Throws: ``OutputError``, for example `cannot create output directory /x/y: Permission denied`.
    public init(destination: URL) throws {
        let destination = destination.standardizedFileURL
        let name = destination.lastPathComponent
        guard !name.isEmpty, name != "/", name != ".", name != ".." else {
            throw OutputError(
                operation: "cannot use output directory",
                path: destination.path,
                reason: "give a directory name, not a root or a parent reference"
            )
        }
        let parent = destination.deletingLastPathComponent().path
        do {
            try FileSystem.createDirectories(parent)
        } catch {
            throw OutputError(operation: "cannot create output directory", path: destination.path, code: error.code)
        }
        try Self.checkReplaceable(destination.path)

        var attempts = 0
        while true {
            let candidate = URL(fileURLWithPath: parent).appendingPathComponent(
                ".\(name).tmp-\(FileSystem.uniqueSuffix())",
                isDirectory: true
            )
            do {
                try FileSystem.createDirectory(candidate.path)
                self.destination = destination
                self.temporaryURL = candidate
                break
            } catch let error where error.code == EEXIST && attempts < 8 {
                attempts += 1
            } catch {
                throw OutputError(operation: "cannot create output directory", path: destination.path, code: error.code)
            }
        }
        do {
            try FileSystem.writeFile(
                temporaryURL.appendingPathComponent(Self.markerFileName).path,
                bytes: Array("Written by grmgr-sim. The next run replaces this directory as a whole.\n".utf8),
                exclusive: true
            )
        } catch {
            discard()
            throw OutputError(operation: "cannot write to output directory", path: destination.path, code: error.code)
        }
    }

    /// The URL to write the file `fileName` to, inside the temporary directory.
    public func url(for fileName: String) -> URL {
        temporaryURL.appendingPathComponent(fileName, isDirectory: false)
    }

    /// Moves the written files into place at ``destination``.
    ///
    /// If ``destination`` exists, it is renamed aside, the new directory is renamed in, and only then is the old
    /// one removed; if the second rename fails the old one is put back. A failure to remove the old directory
    /// once the new one is in place is not an error: it stays behind as a hidden `.<name>.old-…` sibling.
    ///
    /// - Throws: ``OutputError`` when the new output could not be put in place; the previous output is then
    ///   still at ``destination`` and the temporary directory is left for ``discard()``.
    public func commit() throws {
        let target = destination.path
        guard case .success(.directory) = FileSystem.kind(of: temporaryURL.path) else {
            throw OutputError(
                operation: "cannot commit output directory",
                path: target,
                reason: "its temporary directory \(temporaryURL.path) is gone (discarded or committed already)"
            )
        }
        try Self.checkReplaceable(target)
        do {
            try FileSystem.rename(temporaryURL.path, to: target)
            return
        } catch let error where error.code == EEXIST || error.code == ENOTEMPTY {
            // Something is in the way: swap it out below.
        } catch {
            throw OutputError(operation: "cannot move output into place at", path: target, code: error.code)
        }

        let aside = destination.deletingLastPathComponent().appendingPathComponent(
            ".\(destination.lastPathComponent).old-\(FileSystem.uniqueSuffix())"
        ).path
        do {
            try FileSystem.rename(target, to: aside)
        } catch {
            throw OutputError(operation: "cannot move aside previous output", path: target, code: error.code)
        }
        do {
            try FileSystem.rename(temporaryURL.path, to: target)
        } catch {
            try? FileSystem.rename(aside, to: target)
            throw OutputError(operation: "cannot move output into place at", path: target, code: error.code)
        }
        try? FileSystem.removeTree(aside)
    }

    /// Removes the temporary directory and everything in it; the destination is not touched.
    ///
    /// Safe to call more than once, and after a failed ``commit()``.
    public func discard() {
        try? FileSystem.removeTree(temporaryURL.path)
    }

    /// Throws unless `path` is missing, an empty directory, or a directory holding the marker file.
    private static func checkReplaceable(_ path: String) throws {
        let kind: FileSystem.Kind
        switch FileSystem.kind(of: path) {
        case .success(let found): kind = found
        case .failure(let error):
            throw OutputError(operation: "cannot use output directory", path: path, code: error.code)
        }
        switch kind {
        case .missing:
            return
        case .symbolicLink:
            throw OutputError(
                operation: "cannot replace output directory",
                path: path,
                reason: "it is a symbolic link; name the directory it points to"
            )
        case .other:
            throw OutputError(
                operation: "cannot replace output directory",
                path: path,
                reason: "it exists and is not a directory"
            )
        case .directory:
            let entries: [String]
            do {
                entries = try FileSystem.entries(of: path)
            } catch {
                throw OutputError(operation: "cannot read output directory", path: path, code: error.code)
            }
            guard entries.isEmpty || entries.contains(markerFileName) else {
                throw OutputError(
                    operation: "refusing to replace",
                    path: path,
                    reason: "it is not empty and was not written by grmgr-sim (no \(markerFileName) file); "
                        + "remove it or choose another output directory"
                )
            }
        }
    }
}
