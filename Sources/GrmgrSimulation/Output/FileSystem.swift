import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX file operations behind atomic outputs, with `errno` values instead of Foundation's
/// wordier errors, so that messages read `Permission denied`.
enum FileSystem {
    /// What is at a path, without following a final symbolic link.
    enum Kind {
        case missing
        case directory
        case symbolicLink
        case other
    }

    /// The kind of the entry at `path`, or the `errno` of a failed `lstat`.
    static func kind(of path: String) -> Result<Kind, SystemError> {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let code = errno
            return code == ENOENT ? .success(.missing) : .failure(SystemError(code: code))
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .success(.directory)
        case S_IFLNK: return .success(.symbolicLink)
        default: return .success(.other)
        }
    }

    /// Creates `path` and any missing parents, like `mkdir -p`.
    static func createDirectories(_ path: String) throws(SystemError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += prefix.isEmpty || prefix.hasSuffix("/") ? String(component) : "/" + component
            if mkdir(prefix, 0o755) == 0 { continue }
            let code = errno
            guard code == EEXIST else { throw SystemError(code: code) }
            // Something exists: fine if it is (or links to) a directory, else say what `mkdir -p` says.
            guard case .success(.directory) = directoryKindFollowingLinks(prefix) else {
                throw SystemError(code: ENOTDIR)
            }
        }
    }

    /// Creates a directory; fails if anything exists at `path`.
    static func createDirectory(_ path: String) throws(SystemError) {
        guard mkdir(path, 0o755) == 0 else { throw SystemError(code: errno) }
    }

    /// Renames `source` to `destination` (atomic within one file system).
    static func rename(_ source: String, to destination: String) throws(SystemError) {
        guard systemRename(source, destination) == 0 else { throw SystemError(code: errno) }
    }

    /// Removes a file or a directory tree; a missing path is not an error.
    static func removeTree(_ path: String) throws {
        guard case .success(let kind) = kind(of: path), kind != .missing else { return }
        try FileManager.default.removeItem(atPath: path)
    }

    /// The names in a directory, without `.` and `..`.
    static func entries(of path: String) throws(SystemError) -> [String] {
        guard let directory = opendir(path) else { throw SystemError(code: errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// A random suffix for temporary names: collisions between runs are practically impossible.
    static func uniqueSuffix() -> String {
        "\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 36))"
    }

    /// Writes all of `bytes` to the file at `path`, which must not exist when `exclusive` is true.
    static func writeFile(_ path: String, bytes: [UInt8], exclusive: Bool) throws(SystemError) {
        let mode = exclusive ? O_EXCL : O_TRUNC
        let descriptor = open(path, O_WRONLY | O_CREAT | mode | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SystemError(code: errno) }
        var failure: Int32?
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0 && failure == nil { failure = errno }
        if let failure { throw SystemError(code: failure) }
    }

    private static func directoryKindFollowingLinks(_ path: String) -> Result<Kind, SystemError> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(SystemError(code: errno)) }
        return .success(info.st_mode & S_IFMT == S_IFDIR ? .directory : .other)
    }
}

/// An `errno` value from a failed system call.
struct SystemError: Error {
    /// The `errno` value.
    var code: Int32
}

/// `rename(2)`, named apart from ``FileSystem/rename(_:to:)``.
private func systemRename(_ source: String, _ destination: String) -> Int32 {
    rename(source, destination)
}
