/// Log levels, the same seven as swift-log, so a ``ThrottleLogger`` bridges to a swift-log `Logger`
/// with a one-to-one mapping.
public enum LogLevel: Int, Hashable, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    /// Fine-grained detail: every grant and release.
    case trace
    /// Queueing decisions and profile steps; the Go original's `Debug` level.
    case debug
    /// Registration and deletion of throttles.
    case info
    /// Applied and refused scaling changes, shutdown; the Go original's `Alert` level.
    case notice
    /// Something is wrong but the service goes on.
    case warning
    /// A misuse that was refused.
    case error
    /// The service cannot go on.
    case critical

    /// Orders by severity.
    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The lowercase name, as swift-log prints it.
    public var description: String {
        switch self {
        case .trace: return "trace"
        case .debug: return "debug"
        case .info: return "info"
        case .notice: return "notice"
        case .warning: return "warning"
        case .error: return "error"
        case .critical: return "critical"
        }
    }
}

/// The Go original's `SetLogger` levels, mapped onto ``LogLevel`` thresholds.
public enum SeedLogLevel: Hashable, Sendable {
    /// Only alerts: scaling changes, refusals, shutdown (``LogLevel/notice`` and above).
    case alert
    /// Everything down to queueing decisions (``LogLevel/debug`` and above).
    case debug
    /// Nothing.
    case none

    /// The lowest level logged, or `nil` when nothing is.
    public var threshold: LogLevel? {
        switch self {
        case .alert: return .notice
        case .debug: return .debug
        case .none: return nil
        }
    }
}
