/// Renders help screens and usage lines in swift-argument-parser's layout:
///
/// ```
/// OVERVIEW: <abstract>
///
/// <discussion>
///
/// USAGE: <path> <arguments>
///
/// ARGUMENTS:
///   <scenario>              The scenario file.
///
/// OPTIONS:
///   -o, --out <dir>         Where to write. (default: reports/<name>)
///   -h, --help              Show help information.
///
/// SUBCOMMANDS:
///   version                 Print the package version.
///
///   See 'grmgr-sim help <subcommand>' for detailed help.
/// ```
///
/// Text wraps at 80 columns whatever the terminal, so that help output is the same everywhere (and testable).
enum HelpFormatter {
    /// Where text wraps.
    static let screenWidth = 80
    /// Where help texts start after their labels.
    static let labelColumn = 26

    /// The built-in `-h, --help` flag, listed last under `OPTIONS:`.
    static let helpFlag = ArgumentSpec.flag("help", short: "h", help: "Show help information.")

    /// The full help screen of `command`, reached through `path` (its name last).
    static func helpText(for command: any Command, path: [String]) -> String {
        var lines = wrap("OVERVIEW: " + command.abstract, width: screenWidth)
        if !command.discussion.isEmpty {
            lines.append("")
            for paragraphLine in command.discussion.split(separator: "\n", omittingEmptySubsequences: false) {
                lines += paragraphLine.isEmpty ? [""] : wrap(String(paragraphLine), width: screenWidth)
            }
        }
        lines.append("")
        let usage = ["USAGE:"] + usageWords(for: command, path: path)
        lines += wrap(words: usage, width: screenWidth, continuationIndent: 7)

        let positionals = command.arguments.filter { $0.kind == .positional }
        if !positionals.isEmpty {
            lines += ["", "ARGUMENTS:"]
            for spec in positionals { lines += row(label: spec.helpLabel, help: helpSentence(spec)) }
        }
        lines += ["", "OPTIONS:"]
        for spec in command.arguments where spec.kind != .positional {
            lines += row(label: spec.helpLabel, help: helpSentence(spec))
        }
        lines += row(label: helpFlag.helpLabel, help: helpFlag.help)

        if !command.subcommands.isEmpty {
            lines += ["", "SUBCOMMANDS:"]
            for subcommand in command.subcommands { lines += row(label: subcommand.name, help: subcommand.abstract) }
            lines += ["", "  See '\(path.joined(separator: " ")) help <subcommand>' for detailed help."]
        }
        return lines.joined(separator: "\n")
    }

    /// The usage line without its `USAGE:` prefix: the path, then each argument in declaration order, or
    /// `<subcommand>` for a group.
    static func usageLine(for command: any Command, path: [String]) -> String {
        usageWords(for: command, path: path).joined(separator: " ")
    }

    /// The usage line in unbreakable pieces: `[--out <dir>]` never wraps inside.
    private static func usageWords(for command: any Command, path: [String]) -> [String] {
        if let usage = command.usage { return path + usage.split(separator: " ").map(String.init) }
        if !command.subcommands.isEmpty { return path + ["<subcommand>"] }
        return path + command.arguments.map(\.usageFragment)
    }

    /// The spec's help with its default, if any: `Where to write. (default: out)`.
    private static func helpSentence(_ spec: ArgumentSpec) -> String {
        guard let defaultDescription = spec.defaultDescription else { return spec.help }
        return "\(spec.help) (default: \(defaultDescription))"
    }

    /// A two-column row: the label indented by two, the help from ``labelColumn`` on; a label too wide for its
    /// column gets a line of its own.
    static func row(label: String, help: String) -> [String] {
        let indentedLabel = "  " + label
        let helpLines = wrap(help, width: screenWidth - labelColumn)
        let padding = String(repeating: " ", count: labelColumn)
        guard let first = helpLines.first else { return [indentedLabel] }
        var lines: [String]
        if indentedLabel.count <= labelColumn - 2 {
            let gap = String(repeating: " ", count: labelColumn - indentedLabel.count)
            lines = [indentedLabel + gap + first]
        } else {
            lines = [indentedLabel, padding + first]
        }
        lines += helpLines.dropFirst().map { padding + $0 }
        return lines
    }

    /// Greedy word wrap at `width` columns; continuation lines are indented by `continuationIndent`, and a
    /// word longer than a line stands alone.
    static func wrap(_ text: String, width: Int, continuationIndent: Int = 0) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        return wrap(words: words, width: width, continuationIndent: continuationIndent)
    }

    /// Greedy wrap of pieces that may themselves contain spaces, joined by single spaces.
    static func wrap(words: [String], width: Int, continuationIndent: Int = 0) -> [String] {
        let indent = String(repeating: " ", count: continuationIndent)
        var lines: [String] = []
        var current = ""
        for word in words {
            if current.isEmpty {
                current = (lines.isEmpty ? "" : indent) + word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = indent + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
