/// The values a command line gave a command, looked up by the names its ``ArgumentSpec``s declare.
///
/// Looking up a name the command did not declare is a programming error and traps, so that a typo in a
/// command shows up on its first test run rather than as an option that silently never takes effect.
struct ParsedArguments: Sendable {
    private let specs: [String: ArgumentSpec]
    private var flags: Set<String> = []
    private var values: [String: [String]] = [:]

    /// Empty arguments for a command with these declarations.
    init(specs: [ArgumentSpec]) {
        self.specs = Dictionary(specs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Records that a flag was given.
    mutating func setFlag(_ name: String) {
        flags.insert(name)
    }

    /// Records a value for an option or a positional argument.
    mutating func append(_ value: String, for name: String) {
        values[name, default: []].append(value)
    }

    /// Whether the flag `--name` was given.
    func flag(_ name: String) -> Bool {
        precondition(spec(name).kind == .flag, "'\(name)' is not a flag")
        return flags.contains(name)
    }

    /// The value of an option or positional argument, or `nil` when it was not given.
    func value(_ name: String) -> String? {
        precondition(spec(name).kind != .flag, "'\(name)' is a flag, not an option or argument")
        return values[name]?.last
    }

    /// Every value of a repeating option or positional argument, in command-line order.
    func values(_ name: String) -> [String] {
        precondition(spec(name).kind != .flag, "'\(name)' is a flag, not an option or argument")
        return values[name] ?? []
    }

    /// The value converted by `transform`, `nil` when not given.
    ///
    /// - Parameter expected: what a valid value is, for the message: `an integer`.
    /// - Throws: ``UsageError`` `invalid value 'x' for '--seed <seed>': expected an integer` when `transform`
    ///   returns `nil`.
    func value<Value>(_ name: String, expected: String, _ transform: (String) -> Value?) throws -> Value? {
        guard let text = value(name) else { return nil }
        guard let converted = transform(text) else {
            throw UsageError("invalid value '\(text)' for '\(spec(name).label)': expected \(expected)")
        }
        return converted
    }

    /// The value as a decimal integer, `nil` when not given.
    ///
    /// - Throws: ``UsageError`` when the value is not an integer.
    func integer(_ name: String) throws -> Int? {
        try value(name, expected: "an integer") { Int($0) }
    }

    /// The value as a count of at least 1 (tasks, rounds, jobs), `nil` when not given.
    ///
    /// - Throws: ``UsageError`` when the value is not an integer or is below 1.
    func count(_ name: String) throws -> Int? {
        try value(name, expected: "an integer of at least 1") { Int($0).flatMap { $0 >= 1 ? $0 : nil } }
    }

    private func spec(_ name: String) -> ArgumentSpec {
        guard let spec = specs[name] else { preconditionFailure("no argument named '\(name)' is declared") }
        return spec
    }
}
