#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure to create, write, rename or remove an output file or directory.
///
/// The description reads like a shell tool's message: what we tried, on which path, and why it failed,
/// for example `cannot create output directory /x/y: Permission denied`.
public struct OutputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was attempted, such as `cannot create output directory`.
    public var operation: String
    /// The path the operation concerned, as the user named it where possible.
    public var path: String
    /// Why it failed, such as `Permission denied`.
    public var reason: String
    /// The `errno` value behind the failure, when the system reported one.
    public var code: Int32?

    /// Creates an error with an explicit reason.
    public init(operation: String, path: String, reason: String, code: Int32? = nil) {
        self.operation = operation
        self.path = path
        self.reason = reason
        self.code = code
    }

    /// Creates an error whose reason is the system's text for `code` (an `errno` value).
    public init(operation: String, path: String, code: Int32) {
        self.init(operation: operation, path: path, reason: OutputError.systemMessage(code), code: code)
    }

    /// `operation path: reason`.
    public var description: String {
        "\(operation) \(path): \(reason)"
    }

    /// The C library's text for an `errno` value.
    static func systemMessage(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
