import Foundation
import Grmgr

/// A value in the scenario tree and its key path (`throttles[0].duration.sigma`).
struct ScenarioField {
    /// The value.
    var value: JSON5Value
    /// Where it is in the scenario.
    var path: String
}

/// The members of one object, by key, with the object's own path and position for "missing key" errors.
struct ScenarioObject {
    /// The object's key path.
    var path: String
    /// Where its `{` is.
    var position: SourcePosition
    /// The members in file order.
    var members: [JSON5Member]

    /// The member with this key, as a field.
    subscript(key: String) -> ScenarioField? {
        members.first { $0.key == key }.map { ScenarioField(value: $0.value, path: path.appendingKey(key)) }
    }

    /// Whether the object has this key.
    func has(_ key: String) -> Bool { members.contains { $0.key == key } }
}

/// Turns a parsed JSON5 tree into a validated ``Scenario``, collecting every problem with its place.
///
/// Each `read…` method returns `nil` exactly when it has reported a problem, so the caller can go on
/// with the next field and a file's problems all show up in one run. Checks that compare two values
/// (warmup before duration, an event's throttle name) run only when both values were read, so one
/// mistake does not cascade into several messages. The sections live in `ScenarioReader+….swift`.
final class ScenarioReader {
    /// The scenario file, as the user named it.
    let file: String
    /// The directory that relative CSV paths are resolved against.
    let baseDirectory: URL
    /// What is wrong so far.
    private(set) var problems: [ScenarioError.Problem] = []

    init(file: String, baseDirectory: URL) {
        self.file = file
        self.baseDirectory = baseDirectory
    }

    // MARK: - Reporting

    /// Records a problem in the scenario file.
    func report(_ path: String, at position: SourcePosition?, _ message: String) {
        problems.append(
            ScenarioError.Problem(
                file: file, line: position?.line, column: position?.column, keyPath: path, message: message))
    }

    /// Records `expected …, got …` at a field.
    func report(_ field: ScenarioField, expected: String, got: String? = nil) {
        report(field.path, at: field.value.position, "expected \(expected), got \(got ?? field.value.summary)")
    }

    /// Records a problem in another file (a CSV) that the scenario refers to at `path`.
    func report(file: String, line: Int, column: Int, path: String, _ message: String) {
        problems.append(
            ScenarioError.Problem(file: file, line: line, column: column, keyPath: path, message: message))
    }

    // MARK: - Objects and keys

    /// The members of an object, or `nil` after reporting that the value is something else.
    func object(_ field: ScenarioField, expected: String = "an object") -> ScenarioObject? {
        guard case .object(let members) = field.value.kind else {
            report(field, expected: expected, got: field.value.typedSummary)
            return nil
        }
        return ScenarioObject(path: field.path, position: field.value.position, members: members)
    }

    /// Reports each key that is not in `allowed`, naming the allowed ones and the closest match.
    func checkKeys(_ object: ScenarioObject, allowed: [String], context: String = "") {
        for member in object.members where !allowed.contains(member.key) {
            var message = "expected one of the keys \(allowed.joined(separator: ", "))\(context), "
            message += "got unknown key \"\(member.key.escapedForMessage)\""
            if let suggestion = NameSuggestion.closest(to: member.key, among: allowed) {
                message += " (did you mean \"\(suggestion)\"?)"
            }
            report(object.path.appendingKey(member.key), at: member.keyPosition, message)
        }
    }

    /// The field under `key`, or `nil` after reporting that the required key is missing.
    func require(_ object: ScenarioObject, _ key: String, _ expected: String) -> ScenarioField? {
        guard let field = object[key] else {
            report(object.path.appendingKey(key), at: object.position, "expected \(expected), got nothing (required)")
            return nil
        }
        return field
    }

    /// The value under `key` read by `read`, `defaultValue` when the key is absent, and `nil` when the
    /// value is present but invalid (already reported).
    func optional<Value>(
        _ object: ScenarioObject, _ key: String, default defaultValue: Value, _ read: (ScenarioField) -> Value?
    ) -> Value? {
        guard let field = object[key] else { return defaultValue }
        return read(field)
    }

    // MARK: - Scalars

    /// A string; `nonEmpty` also refuses `""`.
    func string(_ field: ScenarioField, nonEmpty: Bool = true) -> String? {
        let expected = nonEmpty ? "a non-empty string" : "a string"
        guard case .string(let text) = field.value.kind else {
            report(field, expected: expected, got: field.value.typedSummary)
            return nil
        }
        if nonEmpty, text.isEmpty {
            report(field, expected: expected)
            return nil
        }
        return text
    }

    /// `true` or `false`.
    func bool(_ field: ScenarioField) -> Bool? {
        guard case .bool(let flag) = field.value.kind else {
            report(field, expected: "true or false", got: field.value.typedSummary)
            return nil
        }
        return flag
    }

    /// A whole number in `minimum...maximum`; `1e5` and `100.0` count as whole numbers.
    func integer(_ field: ScenarioField, atLeast minimum: Int, atMost maximum: Int = .max) -> Int? {
        let expected =
            maximum == .max ? "an integer >= \(minimum)" : "an integer from \(minimum) to \(maximum)"
        guard case .number(let number) = field.value.kind else {
            report(field, expected: expected, got: field.value.typedSummary)
            return nil
        }
        guard let value = number.exactInt, value >= minimum, value <= maximum else {
            report(field, expected: expected)
            return nil
        }
        return value
    }

    /// A whole number from 0 to 2^64 - 1.
    func unsignedInteger(_ field: ScenarioField) -> UInt64? {
        let expected = "an integer from 0 to \(UInt64.max)"
        guard case .number(let number) = field.value.kind else {
            report(field, expected: expected, got: field.value.typedSummary)
            return nil
        }
        guard let value = number.exactUInt64 else {
            report(field, expected: expected)
            return nil
        }
        return value
    }

    /// The lower bound of a number.
    enum NumberBound {
        /// Any finite number.
        case any
        /// At least this.
        case atLeast(Double)
        /// Strictly more than this.
        case greaterThan(Double)

        /// `a number >= 0`, `a number > 0`, `a number`.
        var expectation: String {
            switch self {
            case .any: return "a finite number"
            case .atLeast(let bound): return "a number >= \(bound.compactDescription)"
            case .greaterThan(let bound): return "a number > \(bound.compactDescription)"
            }
        }

        func admits(_ value: Double) -> Bool {
            guard value.isFinite else { return false }
            switch self {
            case .any: return true
            case .atLeast(let bound): return value >= bound
            case .greaterThan(let bound): return value > bound
            }
        }
    }

    /// A finite number within `bound`.
    func number(_ field: ScenarioField, _ bound: NumberBound) -> Double? {
        guard case .number(let number) = field.value.kind else {
            report(field, expected: bound.expectation, got: field.value.typedSummary)
            return nil
        }
        guard bound.admits(number.value) else {
            report(field, expected: bound.expectation)
            return nil
        }
        return number.value
    }

    /// One of the given words, with a suggestion for a near miss.
    func choice(_ field: ScenarioField, among options: [String]) -> String? {
        let expected = "one of " + options.map { "\"\($0)\"" }.joined(separator: ", ")
        guard case .string(let text) = field.value.kind else {
            report(field, expected: expected, got: field.value.typedSummary)
            return nil
        }
        guard options.contains(text) else {
            var got = field.value.summary
            if let suggestion = NameSuggestion.closest(to: text, among: options) {
                got += " (did you mean \"\(suggestion)\"?)"
            }
            report(field, expected: expected, got: got)
            return nil
        }
        return text
    }

    /// The lower bound of a Go duration.
    enum DurationBound {
        /// `0s` or more.
        case nonNegative
        /// More than `0s`.
        case positive

        var expectation: String {
            switch self {
            case .nonNegative: return "a Go duration >= 0s such as \"30s\" or \"1m30s\""
            case .positive: return "a Go duration > 0s such as \"30s\" or \"1m30s\""
            }
        }
    }

    /// A Go duration string (`"1m30s"`) within `bound`.
    func goDuration(_ field: ScenarioField, _ bound: DurationBound) -> TimeAmount? {
        guard case .string(let text) = field.value.kind else {
            var got = field.value.typedSummary
            if case .number(let number) = field.value.kind {
                got += " (durations are strings with a unit, such as \"\(number.text)s\")"
            }
            report(field, expected: bound.expectation, got: got)
            return nil
        }
        let amount: TimeAmount
        do {
            amount = try TimeAmount(goSyntax: text)
        } catch {
            report(field, expected: bound.expectation, got: "\(field.value.summary) (\(error))")
            return nil
        }
        switch bound {
        case .nonNegative where amount < .zero, .positive where amount <= .zero:
            report(field, expected: bound.expectation)
            return nil
        default:
            return amount
        }
    }

    // MARK: - Arrays

    /// The elements of an array, each with its indexed path; `nonEmpty` also refuses `[]`.
    func array(_ field: ScenarioField, nonEmpty: Bool, of element: String) -> [ScenarioField]? {
        let expected = nonEmpty ? "a non-empty array of \(element)" : "an array of \(element)"
        guard case .array(let elements) = field.value.kind else {
            report(field, expected: expected, got: field.value.typedSummary)
            return nil
        }
        if nonEmpty, elements.isEmpty {
            report(field, expected: expected, got: "[]")
            return nil
        }
        return elements.enumerated().map { ScenarioField(value: $1, path: field.path.appendingIndex($0)) }
    }
}

extension String {
    /// The key path of `key` inside this one: `throttles[0]` + `dop` is `throttles[0].dop`; a key that is
    /// not a plain name is quoted, as in `throttles[0]["my key"]`.
    func appendingKey(_ key: String) -> String {
        let isPlain =
            !key.isEmpty && key.unicodeScalars.allSatisfy { $0 == "_" || $0 == "$" || $0.properties.isIDContinue }
            && !("0"..."9").contains(key.unicodeScalars.first!)
        if !isPlain { return self + "[\"\(key.escapedForMessage)\"]" }
        return isEmpty ? key : self + "." + key
    }

    /// The key path of element `index` of the array at this one: `throttles[2]`.
    func appendingIndex(_ index: Int) -> String {
        self + "[\(index)]"
    }
}

extension Double {
    /// `1` rather than `1.0`, `0.5` as is: bounds in messages read like the numbers users write.
    var compactDescription: String {
        if isFinite, rounded() == self, magnitude < 1e15 { return String(Int64(self)) }
        return "\(self)"
    }
}
