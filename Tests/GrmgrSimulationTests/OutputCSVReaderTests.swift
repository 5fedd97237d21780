import XCTest

@testable import GrmgrSimulation

/// The CSV reader: RFC 4180 quotes, strict about malformed ones, and lines counted as an editor shows them.
final class OutputCSVReaderTests: XCTestCase {
    /// Each data row of `text` with the line it starts on.
    private func rows(_ text: String) throws -> [(line: Int, fields: [String])] {
        let reader = try CSVReader(bytes: Array(text.utf8), path: "t.csv")
        var rows: [(line: Int, fields: [String])] = []
        try reader.forEachRow { fields, line in rows.append((line, fields)) }
        return rows
    }

    /// The error reading every row of `text`, or `nil` when it reads.
    private func error(_ text: String) -> CSVReadError? {
        do {
            _ = try CSVReader(bytes: Array(text.utf8), path: "t.csv").rows()
            return nil
        } catch {
            return error
        }
    }

    func testQuotedFieldsDoubledQuotesCRLFAndBlankLinesAreRead() throws {
        let read = try rows("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n\"\",2\r\n3,4")
        XCTAssertEqual(read.map(\.fields), [["x, y", "say \"hi\""], ["", "2"], ["3", "4"]])
        XCTAssertEqual(read.map(\.line), [2, 4, 5])
    }

    func testARowsLineIsWhereItStartsAndQuotedNewlinesMoveLaterRowsDown() throws {
        let read = try rows("a,b\n1,\"two\nlines\"\n2,\"three\r\n\r\nlines\"\n3,x\n")
        XCTAssertEqual(read.map(\.fields), [["1", "two\nlines"], ["2", "three\r\n\r\nlines"], ["3", "x"]])
        XCTAssertEqual(read.map(\.line), [2, 4, 7])
    }

    func testACarriageReturnIsDataUnlessItEndsALineOrTheFile() throws {
        XCTAssertEqual(try rows("a,b\n1,x\ry\n2,z\r").map(\.fields), [["1", "x\ry"], ["2", "z"]])
    }

    func testMalformedQuotesAreReportedAtTheirLine() {
        let cases: [(text: String, line: Int, message: String)] = [
            ("a,b\n1,x\"y\n", 2, "a quote inside an unquoted field"),
            ("a,b\n1,\"x\"y\n", 2, "text after a closing quote"),
            ("a,b\n1,\"x\" \n", 2, "text after a closing quote"),
            ("a,b\n1,2\n3,\"x\n4,5\n", 3, "a quoted field is never closed"),
            ("a,\"b\n", 1, "a quoted field is never closed"),
            ("a,b\"\n1,2\n", 1, "a quote inside an unquoted field"),
        ]
        for (text, line, message) in cases {
            XCTAssertEqual(error(text), CSVReadError(path: "t.csv", line: line, message: message), text)
        }
    }

    func testABadRowAfterAQuotedFieldSpanningTwoLinesIsReportedAtItsOwnLine() {
        // Line 2 starts a row whose second field ends on line 3, so the bad rows start on line 4.
        XCTAssertEqual(
            error("a,b\n1,\"two\nlines\"\n2,x\"y\n"),
            CSVReadError(path: "t.csv", line: 4, message: "a quote inside an unquoted field"))
        XCTAssertEqual(
            error("a,b\n1,\"two\nlines\"\n2,3,4\n"),
            CSVReadError(path: "t.csv", line: 4, message: "expected 2 fields, found 3"))
        // Within a row, a problem is reported on the line it is on, not the line the row starts on.
        XCTAssertEqual(
            error("a,b\n\"two\nlines\" ,1\n"),
            CSVReadError(path: "t.csv", line: 3, message: "text after a closing quote"))
    }

    func testAnEmptyFileHasNoHeader() {
        XCTAssertEqual(
            error(""), CSVReadError(path: "t.csv", line: 1, message: "expected a header row, got an empty file"))
    }
}
