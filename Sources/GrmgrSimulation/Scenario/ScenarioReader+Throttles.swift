import Grmgr

extension ScenarioReader {
    /// The keys of a throttle.
    static let throttleKeys = ["name", "dop", "min", "up", "down", "hold", "holdFrom", "arrivals", "duration"]

    /// The `holdFrom` words and what they mean.
    static let holdOrigins: [String: HoldOrigin] = ["applied": .appliedChange, "request": .request]

    /// The `throttles` array: each throttle, and the names declared (unique, or reported).
    func readThrottles(_ field: ScenarioField, horizon: Horizon?) -> ([ThrottleSpec]?, DeclaredNames) {
        guard let elements = array(field, nonEmpty: true, of: "throttles") else {
            return (nil, DeclaredNames(isComplete: false))
        }
        var names = DeclaredNames()
        var firstUse: [String: String] = [:]
        var specs: [ThrottleSpec] = []
        var allRead = true
        for element in elements {
            let (name, spec) = readThrottle(element, horizon: horizon)
            if let (text, nameField) = name {
                if let first = firstUse[text] {
                    report(
                        nameField, expected: "a name no other throttle has",
                        got: "\(nameField.value.summary) (also \(first))")
                    allRead = false
                } else {
                    firstUse[text] = nameField.path
                    names.names.append(text)
                }
            } else {
                names.isComplete = false
            }
            if let spec { specs.append(spec) } else { allRead = false }
        }
        return (allRead ? specs : nil, names)
    }

    /// One throttle: its name (with the field, for duplicate errors) and its spec, each `nil` when
    /// reported.
    private func readThrottle(
        _ field: ScenarioField, horizon: Horizon?
    ) -> (name: (String, ScenarioField)?, spec: ThrottleSpec?) {
        let example = "a throttle such as { name: \"api\", dop: 10, arrivals: …, … }"
        guard let throttle = object(field, expected: example) else { return (nil, nil) }
        checkKeys(throttle, allowed: Self.throttleKeys)
        let nameField = require(throttle, "name", "a non-empty string")
        let name = nameField.flatMap { string($0) }
        let dop = require(throttle, "dop", "an integer >= 1").flatMap { integer($0, atLeast: 1) }
        var minimum = optional(throttle, "min", default: 1) { integer($0, atLeast: 0) }
        if let dop, let value = minimum, value > dop, let minField = throttle["min"] {
            report(minField, expected: "an integer from 0 to dop (\(dop))")
            minimum = nil
        }
        let up = optional(throttle, "up", default: 1) { integer($0, atLeast: 0) }
        let down = optional(throttle, "down", default: 2) { integer($0, atLeast: 0) }
        let hold = optional(throttle, "hold", default: .seconds(30)) { goDuration($0, .nonNegative) }
        let holdOrigin = optional(throttle, "holdFrom", default: .appliedChange) { holdField in
            choice(holdField, among: ["applied", "request"]).flatMap { Self.holdOrigins[$0] }
        }
        let arrivals = require(throttle, "arrivals", "an arrival process such as { process: \"poisson\", rate: 10 }")
            .flatMap { readArrivals($0, horizon: horizon) }
        let duration = readThrottleDuration(throttle, arrivals: arrivals)

        let namePair = zip(name, nameField)
        guard let name, let dop, let minimum, let up, let down, let hold, let holdOrigin, let arrivals, let duration
        else { return (namePair, nil) }
        do {
            let config = try ThrottleConfig(
                name: name, dop: dop, down: down, up: up, min: minimum, hold: hold, holdOrigin: holdOrigin)
            return (namePair, ThrottleSpec(config: config, arrivals: arrivals.spec, duration: duration))
        } catch {
            // The checks above mirror ThrottleConfig's; this catches any rule it adds later, at its field.
            let key = error.field.rawValue
            let target = throttle[key]
            report(
                target?.path ?? throttle.path.appendingKey(key), at: target?.value.position ?? throttle.position,
                "expected \(error.expected), got \(error.value)")
            return (namePair, nil)
        }
    }

    /// The `duration` of a throttle: required, except for a trace that gives every task's duration, where
    /// it is refused (it would be silently ignored) and a placeholder `constant 0` fills the spec.
    private func readThrottleDuration(_ throttle: ScenarioObject, arrivals: ArrivalRead?) -> DurationSpec? {
        guard let arrivals else {
            // The arrivals were wrong, so whether a duration is needed is unknown: check only what is there.
            return throttle["duration"].flatMap { readDurationSpec($0) }
        }
        if let source = arrivals.durationSource {
            if let field = throttle["duration"] {
                report(
                    field, expected: "no duration distribution, since the trace \(source) gives every task's duration",
                    got: field.value.typedSummary)
                return nil
            }
            return DurationSpec(.constant(value: 0))
        }
        return require(throttle, "duration", "a duration distribution such as { dist: \"exponential\", mu: 0.5 }")
            .flatMap { readDurationSpec($0) }
    }
}

/// Both values, when both are there.
private func zip<First, Second>(_ first: First?, _ second: Second?) -> (First, Second)? {
    guard let first, let second else { return nil }
    return (first, second)
}
