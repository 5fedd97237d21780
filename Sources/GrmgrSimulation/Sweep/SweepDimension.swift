/// One varied setting and its values, in the order given: `hold=0s,10s,30s`.
public struct SweepDimension: Hashable, Sendable, CustomStringConvertible {
    /// The setting.
    public var setting: SweepSetting
    /// Its values, distinct, in command-line order.
    public var values: [SweepValue]

    /// Creates a dimension.
    ///
    /// - Throws: ``SweepError`` when `values` is empty or repeats a value.
    public init(setting: SweepSetting, values: [SweepValue]) throws(SweepError) {
        guard !values.isEmpty else {
            throw SweepError("--vary \(setting.rawValue): expected at least one value", isCommandLineMistake: true)
        }
        var seen: Set<SweepValue> = []
        for value in values where !seen.insert(value).inserted {
            throw SweepError(
                "--vary \(setting.rawValue): expected distinct values, got \(value) twice", isCommandLineMistake: true)
        }
        self.setting = setting
        self.values = values
    }

    /// Parses `name=value,value,…`, as `--vary` takes it.
    ///
    /// - Throws: ``SweepError`` (a command-line mistake) for an unknown setting, a missing `=`, or a bad value.
    public init(parsing text: String) throws(SweepError) {
        guard let equals = text.firstIndex(of: "=") else {
            throw SweepError(
                "--vary: expected setting=value,value (such as hold=0s,10s,30s), got \"\(text)\"",
                isCommandLineMistake: true)
        }
        let name = String(text[..<equals])
        guard let setting = SweepSetting(rawValue: name) else {
            let names = SweepSetting.allCases.map(\.rawValue).joined(separator: ", ")
            throw SweepError("--vary: expected one of \(names), got \"\(name)\"", isCommandLineMistake: true)
        }
        var values: [SweepValue] = []
        for part in text[text.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false) {
            values.append(try setting.value(parsing: String(part)))
        }
        try self.init(setting: setting, values: values)
    }

    /// `hold=0s,10s,30s`.
    public var description: String {
        setting.rawValue + "=" + values.map(\.description).joined(separator: ",")
    }
}
