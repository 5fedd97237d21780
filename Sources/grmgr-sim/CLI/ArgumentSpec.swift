/// The declaration of one flag, option or positional argument of a ``Command``, with its help text.
///
/// Names are long names without dashes (`out` for `--out`); a short name is one character (`o` for `-o`).
struct ArgumentSpec: Sendable {
    /// What kind of argument this is.
    enum Kind: Sendable {
        /// `--name`: present or absent.
        case flag
        /// `--name value` or `--name=value`.
        case option
        /// A bare value, matched by position.
        case positional
    }

    /// The kind of argument.
    var kind: Kind
    /// The long name (options and flags) or the positional's name, as `ParsedArguments` looks it up.
    var name: String
    /// The one-letter name, for flags and options.
    var shortName: Character?
    /// The placeholder for the value in help: `dir` shows as `<dir>`.
    var valueName: String
    /// One or two sentences for the help screen.
    var help: String
    /// Whether it may be given more than once (options) or take all remaining values (the last positional).
    var isRepeating: Bool
    /// Whether leaving it out is a usage error.
    var isRequired: Bool
    /// The default shown in help, as `(default: …)`; the command applies it.
    var defaultDescription: String?

    /// A flag: `--name` (or `-s`).
    static func flag(_ name: String, short: Character? = nil, help: String) -> ArgumentSpec {
        ArgumentSpec(
            kind: .flag,
            name: name,
            shortName: short,
            valueName: "",
            help: help,
            isRepeating: false,
            isRequired: false,
            defaultDescription: nil
        )
    }

    /// An option that takes a value: `--name value`, `--name=value` (or `-s value`).
    static func option(
        _ name: String,
        short: Character? = nil,
        valueName: String? = nil,
        help: String,
        defaultDescription: String? = nil,
        isRequired: Bool = false,
        isRepeating: Bool = false
    ) -> ArgumentSpec {
        ArgumentSpec(
            kind: .option,
            name: name,
            shortName: short,
            valueName: valueName ?? name,
            help: help,
            isRepeating: isRepeating,
            isRequired: isRequired,
            defaultDescription: defaultDescription
        )
    }

    /// A positional argument; a repeating one takes every remaining value and must come last.
    static func positional(
        _ name: String,
        help: String,
        isRequired: Bool = true,
        isRepeating: Bool = false
    ) -> ArgumentSpec {
        ArgumentSpec(
            kind: .positional,
            name: name,
            shortName: nil,
            valueName: name,
            help: help,
            isRepeating: isRepeating,
            isRequired: isRequired,
            defaultDescription: nil
        )
    }

    /// How the argument reads in help and messages: `--out <dir>`, `--json`, `<scenario>`.
    var label: String {
        switch kind {
        case .flag: return "--\(name)"
        case .option: return "--\(name) <\(valueName)>"
        case .positional: return "<\(valueName)>"
        }
    }

    /// The label with the short name in front, for the help screen: `-o, --out <dir>`.
    var helpLabel: String {
        let long = isRepeating && kind == .positional ? "\(label) ..." : label
        guard let shortName else { return long }
        return "-\(shortName), \(long)"
    }

    /// How the argument reads in a usage line: `[--out <dir>]`, `<files> ...`, `[--vary <setting> ...]`.
    var usageFragment: String {
        let core = isRepeating ? "\(label) ..." : label
        return isRequired ? core : "[\(core)]"
    }
}
