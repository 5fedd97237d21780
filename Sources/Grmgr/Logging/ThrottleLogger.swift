/// Metadata attached to a log record: string keys and values, as swift-log's `Logger.Metadata` prints them.
public typealias LogMetadata = [String: String]

/// One log message from the throttle core, built only when its level is enabled.
public struct LogRecord: Hashable, Sendable {
    /// The severity.
    public var level: LogLevel
    /// The message.
    public var message: String
    /// Structured context, such as `throttle`, `ceiling`, `running`.
    public var metadata: LogMetadata

    /// Creates a record.
    public init(level: LogLevel, message: String, metadata: LogMetadata = [:]) {
        self.level = level
        self.message = message
        self.metadata = metadata
    }
}

/// Where the throttle service sends its log records; shaped like swift-log's `LogHandler`.
///
/// The service asks ``logLevel`` first and builds no message below it, so a logger set to ``SeedLogLevel/none``
/// costs nothing on the hot path. To bridge to swift-log:
///
/// ```swift
/// struct SwiftLogBridge: ThrottleLogger {
///     let logger: Logging.Logger
///     var logLevel: LogLevel? { LogLevel(rawValue: logger.logLevel.rawValue) }  // map as you prefer
///     func log(_ record: LogRecord) {
///         logger.log(level: .init(record.level), "\(record.message)", metadata: record.metadata.mapValues { .string($0) })
///     }
/// }
/// ```
public protocol ThrottleLogger: Sendable {
    /// The lowest level to log, or `nil` to log nothing.
    var logLevel: LogLevel? { get }
    /// Writes one record; called outside the service's lock.
    func log(_ record: LogRecord)
}

/// A logger that writes one line per record to standard error: `2026-12-04T19:49:50Z notice grmgr: message key=value`.
public struct StandardErrorLogger: ThrottleLogger {
    /// The lowest level written, or `nil` for none.
    public var logLevel: LogLevel?

    /// Creates a logger at a swift-log style level.
    public init(level: LogLevel? = .notice) {
        self.logLevel = level
    }

    /// Creates a logger at one of the Go original's levels.
    public init(_ level: SeedLogLevel) {
        self.logLevel = level.threshold
    }

    /// Writes `level grmgr: message key=value …` to standard error.
    public func log(_ record: LogRecord) {
        let metadata = record.metadata.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        StandardError.emit("\(record.level) grmgr: \(record.message)\(metadata)\n")
    }
}
