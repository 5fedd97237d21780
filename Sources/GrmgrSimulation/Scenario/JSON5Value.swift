/// A place in a text file: 1-based line and column, the column counted in Unicode scalars.
struct SourcePosition: Hashable, Sendable, Comparable {
    /// The line, from 1.
    var line: Int
    /// The column, from 1.
    var column: Int

    static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A parsed JSON5 value with the position where it starts, so that a semantic error can point at it.
struct JSON5Value: Sendable {
    /// The kinds of JSON5 values.
    enum Kind: Sendable {
        /// `{ key: value, … }`, members in file order (keys are unique: the parser rejects duplicates).
        case object([JSON5Member])
        /// `[ value, … ]`.
        case array([JSON5Value])
        /// A single- or double-quoted string, escapes resolved.
        case string(String)
        /// A number, with the text it was written as.
        case number(JSON5Number)
        /// `true` or `false`.
        case bool(Bool)
        /// `null`.
        case null
    }

    /// What the value is.
    var kind: Kind
    /// Where its first character is.
    var position: SourcePosition

    /// The value as an error message shows what it got: strings quoted, numbers as written.
    var summary: String {
        switch kind {
        case .object: return "an object"
        case .array: return "an array"
        case .string(let text): return "\"\(text.escapedForMessage)\""
        case .number(let number): return number.text
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        }
    }

    /// The value with its type spelled out, for messages about a value of the wrong type.
    var typedSummary: String {
        switch kind {
        case .string: return "the string \(summary)"
        case .number: return "the number \(summary)"
        case .object, .array, .bool, .null: return summary
        }
    }
}

/// One `key: value` of an object.
struct JSON5Member: Sendable {
    /// The key, unquoted.
    var key: String
    /// Where the key starts.
    var keyPosition: SourcePosition
    /// The value.
    var value: JSON5Value
}

/// A JSON5 number: the text as written and its value.
struct JSON5Number: Sendable {
    /// An integer written as one (`42`, `-7`, `0x1F`), kept exactly, beyond what a `Double` holds.
    struct IntegerLiteral: Sendable {
        /// Whether a minus sign precedes it.
        var isNegative: Bool
        /// Its absolute value.
        var magnitude: UInt64
    }

    /// The text as written, sign included.
    var text: String
    /// The value (may be infinite or not-a-number: JSON5 allows `Infinity` and `NaN`).
    var value: Double
    /// The exact value when the text is an integer literal that fits in 64 bits.
    var integerLiteral: IntegerLiteral?

    /// The value as an `Int`, when it is a whole number that fits: exactly for integer literals, and
    /// for other notations (`1e5`, `100.0`) when the `Double` is integral and below 2^53, so exact too.
    var exactInt: Int? {
        if let literal = integerLiteral {
            guard literal.magnitude <= UInt64(Int.max) else { return nil }
            let magnitude = Int(literal.magnitude)
            return literal.isNegative ? -magnitude : magnitude
        }
        guard value.isFinite, value.rounded() == value, value.magnitude <= 9_007_199_254_740_992 else { return nil }
        return Int(value)
    }

    /// The value as a `UInt64`, when it is a whole number >= 0 that fits; exact like ``exactInt``.
    var exactUInt64: UInt64? {
        if let literal = integerLiteral {
            return literal.isNegative && literal.magnitude != 0 ? nil : literal.magnitude
        }
        guard let int = exactInt, int >= 0 else { return nil }
        return UInt64(int)
    }
}

extension StringProtocol {
    /// The string with quotes, backslashes and control characters escaped, for quoting it in a message.
    var escapedForMessage: String {
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
