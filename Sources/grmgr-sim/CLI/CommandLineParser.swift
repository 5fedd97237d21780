/// Matches command-line words against a command's ``ArgumentSpec``s, with swift-argument-parser's conventions:
///
/// - `--flag`; `--option value` or `--option=value`; `-o value` for a short name;
/// - an option's value may start with `-` only in the `--option=value` form or when it is a negative number
///   (`--offset -5`), so that a forgotten value (`--out --seed 1`) is reported rather than swallowed;
/// - a repeating option collects every occurrence (`--vary a=1,2 --vary b=3`); giving any other option twice
///   is an error;
/// - bare words fill the positional arguments in order, a repeating one taking the rest;
/// - `--` ends the options: every later word is positional;
/// - `-h` and `--help` anywhere before `--` ask for help.
///
/// Short flags cannot be bundled (`-ab`): the tool has few of them and bundling hides typos.
enum CommandLineParser {
    /// Thrown when `-h` or `--help` is on the command line.
    struct HelpRequest: Error {}

    /// The arguments recognised, and for a group the words from the subcommand's name on.
    struct Outcome {
        /// The recognised arguments.
        var arguments: ParsedArguments
        /// With `stopAtFirstPositional`, the first bare word and everything after it; otherwise empty.
        var remainder: ArraySlice<String>
    }

    /// Parses `words` against `specs`.
    ///
    /// - Parameter stopAtFirstPositional: for a group command: its options come first, then a subcommand's
    ///   name; stop there and return the rest in ``Outcome/remainder``.
    /// - Throws: ``UsageError`` for an unknown option, a missing or unexpected value, a missing argument;
    ///   ``HelpRequest`` for `-h` or `--help`.
    static func parse(
        _ words: ArraySlice<String>,
        specs: [ArgumentSpec],
        stopAtFirstPositional: Bool = false
    ) throws -> Outcome {
        var arguments = ParsedArguments(specs: specs)
        var positionals: [String] = []
        var seenOptions: Set<String> = []
        var index = words.startIndex
        var optionsEnded = false

        while index < words.endIndex {
            let word = words[index]
            index += 1
            if optionsEnded || !looksLikeOption(word) {
                if stopAtFirstPositional && !optionsEnded {
                    return Outcome(arguments: arguments, remainder: words[(index - 1)...])
                }
                positionals.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            if word == "-h" || word == "--help" { throw HelpRequest() }

            let (spec, inlineValue) = try lookUp(word, in: specs)
            switch spec.kind {
            case .flag:
                if inlineValue != nil { throw UsageError("flag '\(spec.label)' does not take a value") }
                arguments.setFlag(spec.name)
            case .option:
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else if index < words.endIndex && !looksLikeOption(words[index]) {
                    value = words[index]
                    index += 1
                } else {
                    throw UsageError("missing value for '\(spec.label)'")
                }
                if !spec.isRepeating && !seenOptions.insert(spec.name).inserted {
                    throw UsageError("option '\(spec.label)' given more than once")
                }
                arguments.append(value, for: spec.name)
            case .positional:
                preconditionFailure("lookUp returns only flags and options")
            }
        }

        try assignPositionals(positionals, specs: specs, to: &arguments)
        for spec in specs where spec.kind == .option && spec.isRequired && arguments.values(spec.name).isEmpty {
            throw UsageError("missing expected argument '\(spec.label)'")
        }
        return Outcome(arguments: arguments, remainder: words[words.endIndex...])
    }

    /// Whether a word is an option (or `--`) rather than a value: it starts with `-`, is longer than `-`
    /// alone (standard input, by convention), and is not a negative number.
    static func looksLikeOption(_ word: String) -> Bool {
        guard word.hasPrefix("-"), word.count > 1 else { return false }
        return Double(word) == nil
    }

    /// The spec a word names, and the value after `=` in `--name=value`.
    private static func lookUp(_ word: String, in specs: [ArgumentSpec]) throws -> (ArgumentSpec, String?) {
        let named = specs.filter { $0.kind != .positional }
        if word.hasPrefix("--") {
            let body = word.dropFirst(2)
            let name = body.prefix { $0 != "=" }
            let inlineValue = name.endIndex < body.endIndex ? String(body[body.index(after: name.endIndex)...]) : nil
            if let spec = named.first(where: { $0.name == name }) { return (spec, inlineValue) }
            let candidates = named.map { "--\($0.name)" } + ["--help"]
            throw UsageError("unknown option '--\(name)'" + suggestionSuffix(for: "--\(name)", among: candidates))
        }
        if word.count == 2, let spec = named.first(where: { $0.shortName == word.last }) {
            return (spec, nil)
        }
        throw UsageError("unknown option '\(word)'")
    }

    private static func assignPositionals(
        _ values: [String],
        specs: [ArgumentSpec],
        to arguments: inout ParsedArguments
    ) throws {
        var remaining = values[...]
        for spec in specs where spec.kind == .positional {
            if spec.isRepeating {
                for value in remaining { arguments.append(value, for: spec.name) }
                if remaining.isEmpty && spec.isRequired {
                    throw UsageError("missing expected argument '\(spec.label) ...'")
                }
                remaining = []
            } else if let value = remaining.popFirst() {
                arguments.append(value, for: spec.name)
            } else if spec.isRequired {
                throw UsageError("missing expected argument '\(spec.label)'")
            }
        }
        if let extra = remaining.first {
            throw UsageError("unexpected argument '\(extra)'")
        }
    }

    /// `; did you mean 'x'?` when one candidate is within two edits of `word`, else empty.
    static func suggestionSuffix(for word: String, among candidates: [String]) -> String {
        let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= 2 }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return "" }
        return "; did you mean '\(best.0)'?"
    }

    /// The Levenshtein distance between two strings, by characters.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs)
        let right = Array(rhs)
        var previous = Array(0...right.count)
        for (row, leftCharacter) in left.enumerated() {
            var current = [row + 1] + Array(repeating: 0, count: right.count)
            for (column, rightCharacter) in right.enumerated() {
                let substitution = previous[column] + (leftCharacter == rightCharacter ? 0 : 1)
                current[column + 1] = min(substitution, previous[column + 1] + 1, current[column] + 1)
            }
            previous = current
        }
        return previous[right.count]
    }
}
