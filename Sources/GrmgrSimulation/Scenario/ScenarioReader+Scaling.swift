import Grmgr

/// The `action` values of an event and the key each takes besides `at`, `throttle` and `action`.
enum EventActionName: String, CaseIterable {
    case up, down, set, percent, profile

    /// The keys this action takes: `by` (optional) for up and down, the required value for the others.
    var keys: [String] {
        switch self {
        case .up, .down: return ["by"]
        case .set: return ["dop"]
        case .percent: return ["percent"]
        case .profile: return ["profile"]
        }
    }

    /// `"up", "down", …` for messages.
    static var listed: String { allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") }
}

extension ScenarioReader {
    /// The action keys of a profile step; a step has exactly one.
    static let stepActionKeys = ["up", "down", "set", "percent"]

    /// The keys every event takes.
    static let eventKeys = ["at", "throttle", "action"]

    // MARK: - Profiles

    /// The `profiles` array, and the names declared (unique, or reported).
    func readProfiles(_ field: ScenarioField) -> ([ScalingProfile]?, DeclaredNames) {
        guard let elements = array(field, nonEmpty: false, of: "profiles") else {
            return (nil, DeclaredNames(isComplete: false))
        }
        var names = DeclaredNames()
        var firstUse: [String: String] = [:]
        var profiles: [ScalingProfile] = []
        var allRead = true
        for element in elements {
            let (nameField, profile) = readProfile(element)
            if let nameField, case .string(let name) = nameField.value.kind {
                if let first = firstUse[name] {
                    report(
                        nameField, expected: "a name no other profile has",
                        got: "\(nameField.value.summary) (also \(first))")
                    allRead = false
                } else {
                    firstUse[name] = nameField.path
                    names.names.append(name)
                }
            } else {
                names.isComplete = false
            }
            if let profile { profiles.append(profile) } else { allRead = false }
        }
        return (allRead ? profiles : nil, names)
    }

    /// One profile: its name field (when it holds a valid name) and the profile.
    private func readProfile(_ field: ScenarioField) -> (nameField: ScenarioField?, profile: ScalingProfile?) {
        guard
            let profile = object(
                field, expected: "a profile such as { name: \"recover\", steps: [{ after: \"0s\", up: 1 }] }")
        else { return (nil, nil) }
        checkKeys(profile, allowed: ["name", "steps"])
        let nameField = require(profile, "name", "a non-empty string")
        let name = nameField.flatMap { string($0) }
        let steps = require(profile, "steps", "a non-empty array of steps such as { after: \"30s\", up: 1 }")
            .flatMap { readSteps($0) }
        let validName = name == nil ? nil : nameField
        guard let name, let steps else { return (validName, nil) }
        do {
            return (validName, try ScalingProfile(name: name, steps: steps))
        } catch {
            // readSteps mirrors ScalingProfile's checks; this catches any rule it adds later.
            report(
                profile.path.appendingKey(error.field.rawValue), at: profile.position,
                "expected \(error.expected), got \(error.value)")
            return (validName, nil)
        }
    }

    /// Steps with offsets `>= 0s`, in order, each with exactly one action.
    private func readSteps(_ field: ScenarioField) -> [ScalingProfile.Step]? {
        guard let elements = array(field, nonEmpty: true, of: "steps such as { after: \"30s\", up: 1 }") else {
            return nil
        }
        var steps: [ScalingProfile.Step] = []
        var allRead = true
        var previous: (amount: TimeAmount, written: String)?
        for element in elements {
            guard let step = object(element, expected: "a step such as { after: \"30s\", up: 1 }") else {
                allRead = false
                continue
            }
            checkKeys(step, allowed: ["after"] + Self.stepActionKeys)
            var after = require(step, "after", DurationBound.nonNegative.expectation)
                .flatMap { goDuration($0, .nonNegative) }
            if let offset = after, let afterField = step["after"] {
                if let previous, offset < previous.amount {
                    report(
                        afterField,
                        expected: "an offset >= the previous step's \(previous.written) (steps run in order)")
                    after = nil
                }
                previous = (offset, afterField.value.summary)
            }
            let action = readStepAction(step)
            if let after, let action {
                steps.append(ScalingProfile.Step(after: after, action: action))
            } else {
                allRead = false
            }
        }
        return allRead ? steps : nil
    }

    /// The one action of a step: `up: n`, `down: n`, `set: n` or `percent: n`.
    private func readStepAction(_ step: ScenarioObject) -> ScalingAction? {
        let actions = step.members.filter { Self.stepActionKeys.contains($0.key) }
        guard let first = actions.first else {
            report(step.path, at: step.position, "expected one action key (up, down, set or percent), got none")
            return nil
        }
        if actions.count > 1 {
            let second = actions[1]
            report(
                step.path.appendingKey(second.key), at: second.keyPosition,
                "expected one action per step, got both \(first.key) and \(second.key)")
            return nil
        }
        let field = ScenarioField(value: first.value, path: step.path.appendingKey(first.key))
        switch first.key {
        case "up": return integer(field, atLeast: 1).map { .up(by: $0) }
        case "down": return integer(field, atLeast: 1).map { .down(by: $0) }
        case "set": return integer(field, atLeast: 0).map { .set(dop: $0) }
        default: return integer(field, atLeast: 0, atMost: 100).map { .percent($0) }
        }
    }

    // MARK: - Events

    /// The `events` array. Events fire at instants in `[0s, duration)`: none while the run drains.
    func readEvents(
        _ field: ScenarioField, horizon: Horizon?, throttles: DeclaredNames, profiles: DeclaredNames
    ) -> [TimedScalingEvent]? {
        guard let elements = array(field, nonEmpty: false, of: "events") else { return nil }
        var events: [TimedScalingEvent] = []
        var allRead = true
        for element in elements {
            if let event = readEvent(element, horizon: horizon, throttles: throttles, profiles: profiles) {
                events.append(event)
            } else {
                allRead = false
            }
        }
        return allRead ? events : nil
    }

    private func readEvent(
        _ field: ScenarioField, horizon: Horizon?, throttles: DeclaredNames, profiles: DeclaredNames
    ) -> TimedScalingEvent? {
        guard let event = object(field, expected: "an event such as { at: \"2m\", action: \"down\" }") else {
            return nil
        }
        let action = require(event, "action", "one of \(EventActionName.listed)")
            .flatMap { choice($0, among: EventActionName.allCases.map(\.rawValue)) }
            .flatMap(EventActionName.init(rawValue:))
        if let action {
            checkKeys(event, allowed: Self.eventKeys + action.keys, context: " for action \"\(action.rawValue)\"")
        } else {
            checkKeys(event, allowed: Self.eventKeys + ["by", "dop", "percent", "profile"])
        }
        let at = require(event, "at", DurationBound.nonNegative.expectation)
            .flatMap { instantBeforeHorizon($0, horizon: horizon) }
        let throttle = optional(event, "throttle", default: String?.none) { throttleField in
            reference(throttleField, to: "throttle", among: throttles, absentMeaning: "every throttle").map {
                Optional($0)
            }
        }
        let scaling = action.flatMap { readEventAction($0, event, profiles: profiles) }
        guard let at, let throttle, let scaling else { return nil }
        return TimedScalingEvent(at: at, event: ScalingEvent(throttle: throttle, action: scaling))
    }

    private func readEventAction(
        _ action: EventActionName, _ event: ScenarioObject, profiles: DeclaredNames
    ) -> ScalingAction? {
        switch action {
        case .up, .down:
            // Without `by`, the throttle's own configured step applies.
            guard let byField = event["by"] else { return action == .up ? .up() : .down() }
            return integer(byField, atLeast: 1).map { action == .up ? .up(by: $0) : .down(by: $0) }
        case .set:
            return require(event, "dop", "an integer >= 0 (clamped to the throttle's min and dop)")
                .flatMap { integer($0, atLeast: 0) }
                .map { .set(dop: $0) }
        case .percent:
            return require(event, "percent", "an integer from 0 to 100 (of the throttle's dop)")
                .flatMap { integer($0, atLeast: 0, atMost: 100) }
                .map { .percent($0) }
        case .profile:
            return require(event, "profile", "the name of a profile")
                .flatMap { reference($0, to: "profile", among: profiles, absentMeaning: nil) }
                .map { .profile($0) }
        }
    }

    /// A name that must be one of `declared` (when all declared names are known).
    private func reference(
        _ field: ScenarioField, to kind: String, among declared: DeclaredNames, absentMeaning: String?
    ) -> String? {
        guard let name = string(field) else { return nil }
        guard declared.isComplete, !declared.names.contains(name) else { return name }
        var expected = "the name of a \(kind)"
        if declared.names.isEmpty {
            expected += " (the scenario declares no \(kind)s)"
        } else {
            expected += " (\(declared.listed))"
        }
        if let absentMeaning { expected += ", or no \(kind) key for \(absentMeaning)" }
        var got = field.value.summary
        if let suggestion = NameSuggestion.closest(to: name, among: declared.names) {
            got += " (did you mean \"\(suggestion.escapedForMessage)\"?)"
        }
        report(field, expected: expected, got: got)
        return nil
    }
}
