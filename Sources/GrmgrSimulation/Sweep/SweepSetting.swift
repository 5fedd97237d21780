import Grmgr

/// A throttle setting that a sweep varies: `--vary hold=0s,10s,30s`.
public enum SweepSetting: String, Hashable, Sendable, CaseIterable {
    /// ``ThrottleConfig/hold``, as Go durations.
    case hold
    /// ``ThrottleConfig/up``, the step of one `up`.
    case up
    /// ``ThrottleConfig/down``, the step of one `down`.
    case down
    /// ``ThrottleConfig/min``, the floor.
    case min
    /// ``ThrottleConfig/dop``, the configured ceiling (`max`).
    case dop
    /// The profile that the scenario's `profile` events start, by name.
    case profile

    /// What a value must look like, for messages and help.
    public var expectedValue: String {
        switch self {
        case .hold: return "a Go duration such as \"30s\""
        case .up, .down, .min: return "a whole number of at least 0"
        case .dop: return "a whole number of at least 1"
        case .profile: return "a profile name"
        }
    }

    /// Parses one value of this setting.
    ///
    /// - Throws: ``SweepError`` (a command-line mistake) naming the setting, the text and what was expected.
    public func value(parsing text: String) throws(SweepError) -> SweepValue {
        func fail() -> SweepError {
            SweepError(
                "--vary \(rawValue): expected \(expectedValue), got \"\(text)\"", isCommandLineMistake: true)
        }
        switch self {
        case .hold:
            guard let amount = try? TimeAmount(goSyntax: text), amount >= .zero else { throw fail() }
            return .duration(amount)
        case .up, .down, .min, .dop:
            guard text.allSatisfy(\.isASCIIDigit), let value = Int(text), value >= (self == .dop ? 1 : 0) else {
                throw fail()
            }
            return .integer(value)
        case .profile:
            guard !text.isEmpty else { throw fail() }
            return .name(text)
        }
    }

    /// This setting's value in a throttle's configuration; `nil` for `profile`, which lives in the events.
    func value(in config: ThrottleConfig) -> SweepValue? {
        switch self {
        case .hold: return .duration(config.hold)
        case .up: return .integer(config.up)
        case .down: return .integer(config.down)
        case .min: return .integer(config.min)
        case .dop: return .integer(config.dop)
        case .profile: return nil
        }
    }
}

extension Character {
    /// `0` to `9`, and nothing else (not the other scripts' digits `Int.init` would refuse anyway).
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
