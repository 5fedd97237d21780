import XCTest

@testable import GrmgrSimulation

/// The position-tracking JSON5 reader behind scenario files.
final class ScenarioJSON5ParserTests: XCTestCase {
    private func parse(_ text: String) throws -> JSON5Value {
        try JSON5Parser.parse(text)
    }

    private func syntaxError(_ text: String, line: UInt = #line) -> JSON5SyntaxError? {
        do {
            _ = try JSON5Parser.parse(text)
            XCTFail("expected a syntax error", line: line)
            return nil
        } catch {
            return error
        }
    }

    private func members(_ value: JSON5Value) -> [JSON5Member] {
        guard case .object(let members) = value.kind else { return [] }
        return members
    }

    func testValuesCarryTheLineAndColumnWhereTheyStart() throws {
        let value = try parse("{\n  a: 1,\n\t b: [true, null],\r\n  'c': \"é\",\n}")
        let found = members(value)
        XCTAssertEqual(found.map(\.key), ["a", "b", "c"])
        XCTAssertEqual(
            found.map(\.keyPosition), [.init(line: 2, column: 3), .init(line: 3, column: 3), .init(line: 4, column: 3)])
        XCTAssertEqual(
            found.map(\.value.position),
            [.init(line: 2, column: 6), .init(line: 3, column: 6), .init(line: 4, column: 8)])
        guard case .array(let elements) = found[1].value.kind else { return XCTFail("expected an array") }
        XCTAssertEqual(elements.map(\.position), [.init(line: 3, column: 7), .init(line: 3, column: 13)])
    }

    func testStringEscapesAreResolved() throws {
        // The fourth string continues on the next line: a backslash before a line break joins the lines.
        let text = #"['a\'b', "tab\tnew\nline", "\x41\u00e9\ud83d\ude00", "line \"# + "\n" + #"continued", "\q"]"#
        let value = try parse(text)
        guard case .array(let elements) = value.kind else { return XCTFail("expected an array") }
        let strings = elements.compactMap { element -> String? in
            if case .string(let text) = element.kind { return text }
            return nil
        }
        XCTAssertEqual(strings, ["a'b", "tab\tnew\nline", "Aé😀", "line continued", "q"])
    }

    func testNumbersKeepTheirTextAndExactIntegers() throws {
        let value = try parse("[42, -7, 0x1F, 1.5e3, .5, 5., +Infinity, -0, 18446744073709551615]")
        guard case .array(let elements) = value.kind else { return XCTFail("expected an array") }
        let numbers = elements.compactMap { element -> JSON5Number? in
            if case .number(let number) = element.kind { return number }
            return nil
        }
        XCTAssertEqual(
            numbers.map(\.text), ["42", "-7", "0x1F", "1.5e3", ".5", "5.", "+Infinity", "-0", "18446744073709551615"])
        XCTAssertEqual(numbers.map(\.value).prefix(6), [42, -7, 31, 1500, 0.5, 5])
        XCTAssertEqual(numbers[6].value, .infinity)
        XCTAssertEqual(numbers.map(\.exactInt), [42, -7, 31, 1500, nil, 5, nil, 0, nil])
        XCTAssertEqual(numbers[8].exactUInt64, .max)
        XCTAssertNil(numbers[1].exactUInt64)
    }

    func testSyntaxErrorsSayWhatWasExpectedAndWhere() {
        let cases: [(String, Int, Int, String)] = [
            ("", 1, 1, "expected a JSON5 value such as { name: \"…\", … }, got an empty file"),
            ("{ a: 1 } x", 1, 10, "expected the end of the file after the top-level value, got 'x'"),
            (
                "{ a: tru }", 1, 6,
                "expected a value (object, array, string, number, true, false or null), got tru "
                    + "(strings need quotes: \"tru\")"
            ),
            ("{ a 1 }", 1, 5, "expected ':' after the key \"a\", got '1'"),
            ("[1, 2", 1, 6, "expected ] to close the array that starts at 1:1"),
            ("{\n  a: 01 }", 2, 6, "expected a number without leading zeros, got 01"),
            ("{ 'a': \"\\u12\" }", 1, 13, "expected 4 hexadecimal digits in the escape, got '\"'"),
            ("{ a: 1, , }", 1, 9, "expected a key (a name or a quoted string) or '}', got ','"),
        ]
        for (text, line, column, message) in cases {
            let error = syntaxError(text)
            XCTAssertEqual(error?.position, SourcePosition(line: line, column: column), text)
            XCTAssertEqual(error?.message, message, text)
        }
    }

    func testDeepNestingIsRefusedInsteadOfOverflowingTheStack() {
        let text = String(repeating: "[", count: 10_000)
        XCTAssertEqual(
            syntaxError(text)?.message,
            "expected at most \(JSON5Parser.maximumDepth) levels of nesting, got more")
    }

    func testNameSuggestionFindsTyposAndTranspositions() {
        XCTAssertEqual(NameSuggestion.closest(to: "drian", among: ["drain", "duration"]), "drain")
        XCTAssertEqual(NameSuggestion.closest(to: "HoldFrom", among: ["hold", "holdFrom"]), "holdFrom")
        XCTAssertNil(NameSuggestion.closest(to: "zzz", among: ["dop", "min"]))
    }
}
