import Grmgr

/// The names a list declares (throttles, profiles), for checking the references events make to them.
struct DeclaredNames {
    /// The names read, in file order.
    var names: [String] = []
    /// Whether every entry's name could be read; when not, an unknown reference is not reported, since
    /// it may name the entry whose name was wrong.
    var isComplete = true

    /// The names for a message: `"api", "crawler"`.
    var listed: String { names.map { "\"\($0.escapedForMessage)\"" }.joined(separator: ", ") }
}

/// The scenario's `duration`, which bounds every instant in it, and how the file wrote it.
struct Horizon {
    /// The duration.
    var amount: TimeAmount
    /// As written, quoted: `"10m"`.
    var written: String
}

extension ScenarioReader {
    /// The keys of a scenario's top level.
    static let scenarioKeys = [
        "name", "seed", "duration", "warmup", "sample", "drain", "throttles", "profiles", "events",
    ]

    /// The whole scenario, or `nil` when anything was reported.
    func readScenario(_ root: JSON5Value) -> Scenario? {
        let rootField = ScenarioField(value: root, path: "")
        guard let top = object(rootField, expected: "an object with the keys name, duration, throttles, …") else {
            return nil
        }
        checkKeys(top, allowed: Self.scenarioKeys)
        let name = require(top, "name", "a non-empty string").flatMap { string($0) }
        let seed = optional(top, "seed", default: 1) { unsignedInteger($0) }
        let horizon = require(top, "duration", DurationBound.positive.expectation).flatMap { field in
            goDuration(field, .positive).map { Horizon(amount: $0, written: field.value.summary) }
        }
        var warmup = optional(top, "warmup", default: .zero) { goDuration($0, .nonNegative) }
        if let horizon, let amount = warmup, amount >= horizon.amount, let field = top["warmup"] {
            report(field, expected: "a warmup shorter than the duration (\(horizon.written))")
            warmup = nil
        }
        let sample = optional(top, "sample", default: .seconds(1)) { goDuration($0, .positive) }
        let drain = optional(top, "drain", default: true) { bool($0) }

        var throttleNames = DeclaredNames(isComplete: false)
        var throttles: [ThrottleSpec]?
        if let field = require(top, "throttles", "a non-empty array of throttles") {
            (throttles, throttleNames) = readThrottles(field, horizon: horizon)
        }
        var profileNames = DeclaredNames()
        var profiles: [ScalingProfile]? = []
        if let field = top["profiles"] {
            (profiles, profileNames) = readProfiles(field)
        }
        var events: [TimedScalingEvent]? = []
        if let field = top["events"] {
            events = readEvents(field, horizon: horizon, throttles: throttleNames, profiles: profileNames)
        }

        guard problems.isEmpty, let name, let seed, let horizon, let warmup, let sample, let drain, let throttles,
            let profiles, let events
        else { return nil }
        return Scenario(
            name: name, seed: seed, duration: horizon.amount, warmup: warmup, sample: sample, drain: drain,
            throttles: throttles, profiles: profiles, events: events)
    }
}
