/// A JSON5 syntax error: where it is and what was expected there.
struct JSON5SyntaxError: Error, Hashable, Sendable {
    /// Where the parser stopped.
    var position: SourcePosition
    /// `expected …, got …`.
    var message: String
}

/// A JSON5 reader that records where every value starts.
///
/// Foundation's JSON5 support on Linux reports syntax errors without a line or column, and none at all
/// for values, so scenario files are read here instead. It accepts the JSON5 grammar
/// (https://spec.json5.org): comments, trailing commas, unquoted identifier keys, single-quoted strings,
/// hexadecimal numbers, leading or trailing decimal points, explicit `+`, `Infinity` and `NaN`.
/// Two deliberate departures: a key given twice is an error (JSON5 keeps the last, which hides typos in a
/// configuration file), and unquoted keys cannot contain `\u` escapes (quote such a key instead).
struct JSON5Parser {
    /// Deeper nesting is refused rather than risking the stack on a hostile file.
    static let maximumDepth = 256

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1

    private init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// Parses one JSON5 value that makes up the whole of `text`.
    ///
    /// - Throws: ``JSON5SyntaxError`` at the first place that is not JSON5.
    /// - Complexity: O(*n*) in the length of `text`.
    static func parse(_ text: String) throws(JSON5SyntaxError) -> JSON5Value {
        var parser = JSON5Parser(text)
        try parser.skipWhitespaceAndComments()
        if parser.isAtEnd {
            throw parser.error("expected a JSON5 value such as { name: \"…\", … }, got an empty file")
        }
        let value = try parser.parseValue(depth: 0)
        try parser.skipWhitespaceAndComments()
        if !parser.isAtEnd {
            throw parser.error("expected the end of the file after the top-level value, got \(parser.currentSummary)")
        }
        return value
    }

    // MARK: - Cursor

    private var isAtEnd: Bool { index >= scalars.count }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private var position: SourcePosition { SourcePosition(line: line, column: column) }

    private mutating func advance() {
        let scalar = scalars[index]
        index += 1
        if scalar == "\n" || scalar == "\u{2028}" || scalar == "\u{2029}" || (scalar == "\r" && current != "\n") {
            line += 1
            column = 1
        } else {
            column += 1
        }
    }

    private func error(_ message: String, at position: SourcePosition? = nil) -> JSON5SyntaxError {
        JSON5SyntaxError(position: position ?? self.position, message: message)
    }

    /// The character under the cursor as a message shows it.
    private var currentSummary: String {
        guard let scalar = current else { return "the end of the file" }
        return Self.summary(of: scalar)
    }

    private static func summary(of scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n", "\r", "\u{2028}", "\u{2029}": return "a line break"
        case "'": return "\"'\""
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar.properties.generalCategory == .spaceSeparator {
                return "U+" + String(scalar.value, radix: 16, uppercase: true)
            }
            return "'\(scalar)'"
        }
    }

    // MARK: - Whitespace and comments

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\n", "\u{0B}", "\u{0C}", "\r", " ", "\u{A0}", "\u{2028}", "\u{2029}", "\u{FEFF}": return true
        default: return scalar.properties.generalCategory == .spaceSeparator
        }
    }

    private static func isLineTerminator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    private mutating func skipWhitespaceAndComments() throws(JSON5SyntaxError) {
        while let scalar = current {
            if Self.isWhitespace(scalar) {
                advance()
            } else if scalar == "/", peek(1) == "/" {
                while let next = current, !Self.isLineTerminator(next) { advance() }
            } else if scalar == "/", peek(1) == "*" {
                let start = position
                advance()
                advance()
                while !(current == "*" && peek(1) == "/") {
                    if isAtEnd { throw error("expected */ to close the comment that starts here", at: start) }
                    advance()
                }
                advance()
                advance()
            } else {
                return
            }
        }
    }

    // MARK: - Values

    private mutating func parseValue(depth: Int) throws(JSON5SyntaxError) -> JSON5Value {
        guard depth < Self.maximumDepth else {
            throw error("expected at most \(Self.maximumDepth) levels of nesting, got more")
        }
        let start = position
        guard let scalar = current else { throw error("expected a value, got the end of the file") }
        switch scalar {
        case "{": return JSON5Value(kind: .object(try parseObject(depth: depth)), position: start)
        case "[": return JSON5Value(kind: .array(try parseArray(depth: depth)), position: start)
        case "\"", "'": return JSON5Value(kind: .string(try parseString()), position: start)
        case "-", "+", ".", "0"..."9": return JSON5Value(kind: .number(try parseNumber()), position: start)
        default:
            guard Self.isIdentifierStart(scalar) else {
                throw error(
                    "expected a value (object, array, string, number, true, false or null), got \(currentSummary)")
            }
            let word = readIdentifier()
            switch word {
            case "true": return JSON5Value(kind: .bool(true), position: start)
            case "false": return JSON5Value(kind: .bool(false), position: start)
            case "null": return JSON5Value(kind: .null, position: start)
            case "Infinity", "NaN":
                let value = word == "NaN" ? Double.nan : Double.infinity
                return JSON5Value(kind: .number(JSON5Number(text: word, value: value)), position: start)
            default:
                throw error(
                    "expected a value (object, array, string, number, true, false or null), got \(word) "
                        + "(strings need quotes: \"\(word)\")",
                    at: start)
            }
        }
    }

    private mutating func parseObject(depth: Int) throws(JSON5SyntaxError) -> [JSON5Member] {
        let open = position
        advance()
        var members: [JSON5Member] = []
        var seen: [String: SourcePosition] = [:]
        while true {
            try skipWhitespaceAndComments()
            if current == "}" {
                advance()
                return members
            }
            if isAtEnd { throw error("expected } to close the object that starts at \(open.line):\(open.column)") }
            let keyPosition = position
            let key = try parseKey()
            if let first = seen[key] {
                throw error(
                    "expected each key once per object, got \"\(key.escapedForMessage)\" again "
                        + "(first at \(first.line):\(first.column))",
                    at: keyPosition)
            }
            seen[key] = keyPosition
            try skipWhitespaceAndComments()
            guard current == ":" else {
                throw error("expected ':' after the key \"\(key.escapedForMessage)\", got \(currentSummary)")
            }
            advance()
            try skipWhitespaceAndComments()
            let value = try parseValue(depth: depth + 1)
            members.append(JSON5Member(key: key, keyPosition: keyPosition, value: value))
            try skipWhitespaceAndComments()
            switch current {
            case ",": advance()
            case "}": continue
            case nil: throw error("expected } to close the object that starts at \(open.line):\(open.column)")
            default:
                throw error(
                    "expected ',' or '}' after the value of \"\(key.escapedForMessage)\", got \(currentSummary)")
            }
        }
    }

    private mutating func parseKey() throws(JSON5SyntaxError) -> String {
        guard let scalar = current else { throw error("expected a key, got the end of the file") }
        if scalar == "\"" || scalar == "'" { return try parseString() }
        guard Self.isIdentifierStart(scalar) else {
            throw error("expected a key (a name or a quoted string) or '}', got \(currentSummary)")
        }
        return readIdentifier()
    }

    private mutating func parseArray(depth: Int) throws(JSON5SyntaxError) -> [JSON5Value] {
        let open = position
        advance()
        var elements: [JSON5Value] = []
        while true {
            try skipWhitespaceAndComments()
            if current == "]" {
                advance()
                return elements
            }
            if isAtEnd { throw error("expected ] to close the array that starts at \(open.line):\(open.column)") }
            if current == "," { throw error("expected a value or ']', got ','") }
            elements.append(try parseValue(depth: depth + 1))
            try skipWhitespaceAndComments()
            switch current {
            case ",": advance()
            case "]": continue
            case nil: throw error("expected ] to close the array that starts at \(open.line):\(open.column)")
            default: throw error("expected ',' or ']' after an array element, got \(currentSummary)")
            }
        }
    }

    // MARK: - Identifiers

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "$" || scalar == "_" || scalar.properties.isIDStart
    }

    private static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "$" || scalar == "_" || scalar == "\u{200C}" || scalar == "\u{200D}" || scalar.properties.isIDContinue
    }

    private mutating func readIdentifier() -> String {
        var word = String.UnicodeScalarView()
        while let scalar = current, Self.isIdentifierPart(scalar) {
            word.append(scalar)
            advance()
        }
        return String(word)
    }

    // MARK: - Strings

    private mutating func parseString() throws(JSON5SyntaxError) -> String {
        let start = position
        let quote = current!
        advance()
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = current else {
                throw error("expected a closing \(quote) for the string that starts at \(start.line):\(start.column)")
            }
            if scalar == quote {
                advance()
                return String(text)
            }
            if scalar == "\n" || scalar == "\r" {
                throw error("expected a closing \(quote) before the end of the line (write a line break as \\n)")
            }
            if scalar == "\\" {
                advance()
                try parseEscape(into: &text)
            } else {
                text.append(scalar)
                advance()
            }
        }
    }

    private mutating func parseEscape(into text: inout String.UnicodeScalarView) throws(JSON5SyntaxError) {
        guard let scalar = current else { throw error("expected an escape after \\, got the end of the file") }
        let simple: [Unicode.Scalar: Unicode.Scalar] = [
            "b": "\u{08}", "f": "\u{0C}", "n": "\n", "r": "\r", "t": "\t", "v": "\u{0B}",
        ]
        if let replacement = simple[scalar] {
            text.append(replacement)
            advance()
            return
        }
        switch scalar {
        case "0":
            if let next = peek(1), ("0"..."9").contains(next) {
                throw error("expected \\0 not followed by a digit (JSON5 has no octal escapes), got \\0\(next)")
            }
            text.append("\0")
            advance()
        case "1"..."9":
            throw error("expected an escape such as \\n or \\u00e9, got \\\(scalar)")
        case "x":
            advance()
            text.append(Unicode.Scalar(UInt8(try readHex(digits: 2))))
        case "u":
            advance()
            try appendUnicodeEscape(into: &text)
        case "\r":
            advance()
            if current == "\n" { advance() }
        case "\n", "\u{2028}", "\u{2029}":
            advance()
        default:
            // JSON5 keeps any other escaped character as itself: \' \" \\ \/ and even \a.
            text.append(scalar)
            advance()
        }
    }

    private mutating func appendUnicodeEscape(into text: inout String.UnicodeScalarView) throws(JSON5SyntaxError) {
        let start = position
        let unit = try readHex(digits: 4)
        if (0xD800..<0xDC00).contains(unit), current == "\\", peek(1) == "u" {
            advance()
            advance()
            let low = try readHex(digits: 4)
            guard (0xDC00..<0xE000).contains(low) else {
                throw error(
                    "expected a low surrogate after \\u\(String(unit, radix: 16)), got \\u\(String(low, radix: 16))",
                    at: start)
            }
            let value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            text.append(Unicode.Scalar(value)!)
            return
        }
        guard let scalar = Unicode.Scalar(unit) else {
            throw error("expected a Unicode scalar, got the lone surrogate \\u\(String(unit, radix: 16))", at: start)
        }
        text.append(scalar)
    }

    private mutating func readHex(digits: Int) throws(JSON5SyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let scalar = current, let digit = Self.hexValue(scalar) else {
                throw error("expected \(digits) hexadecimal digits in the escape, got \(currentSummary)")
            }
            value = value * 16 + digit
            advance()
        }
        return value
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": return scalar.value - 0x30
        case "a"..."f": return scalar.value - 0x61 + 10
        case "A"..."F": return scalar.value - 0x41 + 10
        default: return nil
        }
    }

    // MARK: - Numbers

    private mutating func parseNumber() throws(JSON5SyntaxError) -> JSON5Number {
        let start = position
        let startIndex = index
        var isNegative = false
        if current == "-" || current == "+" {
            isNegative = current == "-"
            advance()
        }
        let sign: Double = isNegative ? -1 : 1
        let number: JSON5Number
        if let scalar = current, Self.isIdentifierStart(scalar) {
            let word = readIdentifier()
            guard word == "Infinity" || word == "NaN" else {
                throw error("expected a number, got \(text(from: startIndex))", at: start)
            }
            number = JSON5Number(text: text(from: startIndex), value: word == "NaN" ? .nan : sign * .infinity)
        } else if current == "0", peek(1) == "x" || peek(1) == "X" {
            advance()
            advance()
            let digitsStart = index
            while let scalar = current, Self.hexValue(scalar) != nil { advance() }
            let digits = text(from: digitsStart)
            guard !digits.isEmpty else { throw error("expected hexadecimal digits after 0x, got \(currentSummary)") }
            let magnitude = UInt64(digits, radix: 16)
            let value = magnitude.map { Double($0) } ?? Self.hexDouble(digits)
            number = JSON5Number(
                text: text(from: startIndex), value: sign * value,
                integerLiteral: magnitude.map { .init(isNegative: isNegative, magnitude: $0) })
        } else {
            number = try parseDecimal(startIndex: startIndex, start: start, isNegative: isNegative)
        }
        if let scalar = current, Self.isIdentifierPart(scalar) {
            let word = number.text + readIdentifier()
            throw error("expected a number, got \(word) (a Go duration? durations are strings: \"\(word)\")", at: start)
        }
        return number
    }

    private mutating func parseDecimal(
        startIndex: Int, start: SourcePosition, isNegative: Bool
    ) throws(JSON5SyntaxError) -> JSON5Number {
        let integerDigits = readDigits()
        if integerDigits.count > 1, integerDigits.hasPrefix("0") {
            throw error("expected a number without leading zeros, got \(text(from: startIndex))", at: start)
        }
        var fractionDigits: String?
        if current == "." {
            advance()
            fractionDigits = readDigits()
        }
        guard !integerDigits.isEmpty || !(fractionDigits ?? "").isEmpty else {
            throw error("expected digits in the number, got \(text(from: startIndex))", at: start)
        }
        var exponent = ""
        if current == "e" || current == "E" {
            advance()
            var exponentSign = ""
            if current == "+" || current == "-" {
                exponentSign = String(current!)
                advance()
            }
            let digits = readDigits()
            guard !digits.isEmpty else { throw error("expected digits after the exponent 'e', got \(currentSummary)") }
            exponent = "e" + exponentSign + digits
        }
        let normalized =
            (isNegative ? "-" : "") + (integerDigits.isEmpty ? "0" : integerDigits) + "."
            + ((fractionDigits ?? "").isEmpty ? "0" : fractionDigits!) + exponent
        let value = Double(normalized) ?? .nan
        var literal: JSON5Number.IntegerLiteral?
        if fractionDigits == nil, exponent.isEmpty, let magnitude = UInt64(integerDigits) {
            literal = .init(isNegative: isNegative, magnitude: magnitude)
        }
        return JSON5Number(text: text(from: startIndex), value: value, integerLiteral: literal)
    }

    private mutating func readDigits() -> String {
        let start = index
        while let scalar = current, ("0"..."9").contains(scalar) { advance() }
        return text(from: start)
    }

    private func text(from start: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<index])
        return String(view)
    }

    /// A hexadecimal integer too large for 64 bits, as the nearest `Double`.
    private static func hexDouble(_ digits: String) -> Double {
        digits.unicodeScalars.reduce(0) { $0 * 16 + Double(hexValue($1) ?? 0) }
    }
}
