/// `version`: prints the package version.
struct VersionCommand: Command {
    /// The version of the swift-grmgr package this tool was built from.
    static let packageVersion = "0.1.0"

    /// `version`.
    let name = "version"
    /// What it does.
    let abstract = "Print the package version."
    /// How it relates to `--version`.
    let discussion = "Prints the version of swift-grmgr this tool was built from, as 'grmgr-sim --version' does."

    /// Prints the version.
    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        context.console.print(Self.packageVersion)
        return .success
    }
}
