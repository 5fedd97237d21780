import Foundation
import Grmgr
import XCTest

@testable import GrmgrSimulation

final class OutputCSVWriterTests: XCTestCase {
    /// The text one writer produced from `body`, in memory.
    private func csv(bufferCapacity: Int = 4096, _ body: (CSVWriter) -> Void) -> String {
        let writer = CSVWriter.inMemory(bufferCapacity: bufferCapacity)
        body(writer)
        return String(decoding: writer.memoryContents(), as: UTF8.self)
    }

    /// One field, as written.
    private func field(_ body: (CSVWriter) -> Void) -> String {
        csv(body)
    }

    // MARK: - Times

    func testSecondsHaveExactlyNineDecimals() {
        let cases: [(Int64, String)] = [
            (0, "0.000000000"),
            (1, "0.000000001"),
            (999_999_999, "0.999999999"),
            (1_000_000_000, "1.000000000"),
            (12_000_000_001, "12.000000001"),
            (600_000_000_000, "600.000000000"),
            (-1, "-0.000000001"),
            (-500_000_000, "-0.500000000"),
            (-12_345_678_901, "-12.345678901"),
            (Int64.max, "9223372036.854775807"),
            (Int64.min, "-9223372036.854775808"),
        ]
        for (nanoseconds, expected) in cases {
            XCTAssertEqual(field { $0.writeSeconds(nanoseconds: nanoseconds) }, expected, "\(nanoseconds) ns")
        }
    }

    func testSecondsOfTimePointsAndAmountsAgreeAndNilIsEmpty() {
        let text = csv { writer in
            writer.write(seconds: TimePoint(nanoseconds: 1_500_000_000))
            writer.write(seconds: TimeAmount.milliseconds(-250))
            writer.write(seconds: TimePoint?.none)
            writer.write(seconds: TimeAmount?.none)
            writer.write(seconds: TimeAmount?.some(.seconds(2)))
            writer.endRow()
        }
        XCTAssertEqual(text, "1.500000000,-0.250000000,,,2.000000000\n")
    }

    func testSecondsMatchAnIndependentFormattingOnRandomValues() {
        var random = StatisticsTestRandom(seed: 7)
        for _ in 0..<20_000 {
            let nanoseconds = Int64(bitPattern: random.next()) >> Int.random(in: 0...62, using: &random)
            let magnitude = nanoseconds.magnitude
            let fraction = String(magnitude % 1_000_000_000)
            let expected =
                (nanoseconds < 0 ? "-" : "") + "\(magnitude / 1_000_000_000)."
                + String(repeating: "0", count: 9 - fraction.count) + fraction
            XCTAssertEqual(field { $0.writeSeconds(nanoseconds: nanoseconds) }, expected, "seed 7, \(nanoseconds) ns")
        }
    }

    // MARK: - Integers

    func testIntegersIncludingExtremes() {
        let values: [Int64] = [0, 7, 10, 99, 100, 12_345, -1, -100, .max, .min]
        for value in values {
            XCTAssertEqual(field { $0.write(integer: value) }, String(value))
        }
        var random = StatisticsTestRandom(seed: 11)
        for _ in 0..<20_000 {
            let value = Int64(bitPattern: random.next()) >> Int.random(in: 0...63, using: &random)
            XCTAssertEqual(field { $0.write(integer: value) }, String(value), "seed 11")
        }
        XCTAssertEqual(field { $0.write(integer: Int(42)) }, "42")
    }

    // MARK: - Text

    func testFieldsAreQuotedOnlyWhenRFC4180RequiresIt() {
        let cases: [(String, String)] = [
            ("data-propagation", "data-propagation"),
            ("", ""),
            ("café ☕", "café ☕"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("carriage\rreturn", "\"carriage\rreturn\""),
            ("\"", "\"\"\"\""),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(field { $0.write(field: text) }, expected, "field \(text.debugDescription)")
            XCTAssertEqual(field { $0.write(CSVField(text)) }, expected, "CSVField \(text.debugDescription)")
        }
    }

    func testFieldsLongerThanTheBufferAreWrittenWhole() {
        let long = String(repeating: "ab\"c,", count: 600)
        let quoted = "\"" + long.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let text = csv(bufferCapacity: 1024) { writer in
            writer.write(integer: 1)
            writer.write(field: long)
            writer.write(CSVField(long))
            writer.endRow()
        }
        XCTAssertEqual(text, "1,\(quoted),\(quoted)\n")
    }

    // MARK: - Decimals

    func testDecimalsRoundToNearestEvenFromTheExactBinaryValue() {
        let cases: [(Double, String)] = [
            (0, "0.000000"),
            (-0.0, "0.000000"),
            (1.5, "1.500000"),
            (-2.25, "-2.250000"),
            (0.0078125, "0.007812"),  // an exact tie: to even
            (0.0234375, "0.023438"),  // an exact tie: to even, upwards
            (0.1, "0.100000"),
            (2.0000005, "2.000001"),  // the binary value is just above the half
            (0.9999996, "1.000000"),  // carries into the whole part
            (-0.0000004, "0.000000"),  // rounds to zero: no sign
            (-0.0000006, "-0.000001"),
            (123_456.789_012_5, "123456.789012"),  // the binary value is just below the half
            (9.223_372_036_854_775_808e18, "9223372036854775808.000000"),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(field { $0.write(decimal: value) }, expected, "\(value)")
        }
    }

    func testDecimalsAgreeWithCPrintfOnRandomValuesOfEveryMagnitude() {
        var random = StatisticsTestRandom(seed: 3)
        for iteration in 0..<30_000 {
            let exponent = Double(Int.random(in: -12...30, using: &random))
            var value = Double.random(in: -1...1, using: &random) * pow(10, exponent)
            if iteration % 5 == 0 { value = (value * 128).rounded() / 128 }  // plenty of exact ties
            let digits = iteration % 3 == 0 ? 6 : Int.random(in: 0...9, using: &random)
            var expected = String(format: "%.\(digits)f", value)
            if expected.hasPrefix("-") && expected.allSatisfy({ "-0.".contains($0) }) { expected.removeFirst() }
            XCTAssertEqual(
                field { $0.write(decimal: value, fractionDigits: digits) },
                expected,
                "seed 3, \(value) with \(digits) digits"
            )
        }
    }

    func testHugeDecimalsAreWrittenExactly() {
        for value in [1e300, -1.7976931348623157e308, 3.0e19, 1e22] {
            XCTAssertEqual(field { $0.write(decimal: value) }, String(format: "%.6f", value))
        }
    }

    func testNotANumberIsEmptyAndInfinitiesAreSpelledOut() {
        let text = csv { writer in
            writer.write(decimal: .nan)
            writer.write(decimal: .infinity)
            writer.write(decimal: -.infinity)
            writer.write(decimal: 1, fractionDigits: 0)
            writer.endRow()
        }
        XCTAssertEqual(text, ",inf,-inf,1\n")
    }

    // MARK: - Row API

    func testTheRowAPIWritesTheSameBytesAsFieldByField() {
        var random = StatisticsTestRandom(seed: 17)
        let names = (0...40).map { CSVField(String(repeating: "n", count: $0) + ($0 % 7 == 3 ? "," : "")) }
        let fieldByField = CSVWriter.inMemory(bufferCapacity: 1024)
        let rowByRow = CSVWriter.inMemory(bufferCapacity: 1024)
        for _ in 0..<3_000 {
            let task = Int64(bitPattern: random.next()) >> Int.random(in: 0...63, using: &random)
            let time = Int64(bitPattern: random.next()) >> Int.random(in: 0...63, using: &random)
            let name = names[Int.random(in: 0..<names.count, using: &random)]
            let end: TimePoint? = Bool.random(using: &random) ? TimePoint(nanoseconds: time / 3) : nil
            let amount = TimeAmount.nanoseconds(Int64.random(in: 0..<100_000_000_000, using: &random))

            fieldByField.write(integer: task)
            fieldByField.write(name)
            fieldByField.writeSeconds(nanoseconds: time)
            fieldByField.write(seconds: end)
            fieldByField.write(seconds: amount)
            fieldByField.write(seconds: TimeAmount?.none)
            fieldByField.writeEmpty()
            fieldByField.write(integer: Int(task & 0xFF))
            fieldByField.endRow()

            rowByRow.writeRow(reserving: 300) { row in
                row.write(integer: task)
                row.write(name)
                row.writeSeconds(nanoseconds: time)
                row.write(seconds: end)
                row.write(seconds: amount)
                row.write(seconds: TimeAmount?.none)
                row.writeEmpty()
                row.write(integer: Int(task & 0xFF))
            }
        }
        XCTAssertEqual(
            String(decoding: rowByRow.memoryContents(), as: UTF8.self),
            String(decoding: fieldByField.memoryContents(), as: UTF8.self)
        )
    }

    func testRowsMixWithFieldByFieldRowsAndHeaders() {
        let text = csv { writer in
            writer.writeHeader(["time", "cause"])
            writer.writeRow { row in
                row.write(seconds: TimePoint(nanoseconds: 1))
                row.write(CSVField("grant"))
            }
            writer.write(seconds: TimePoint(nanoseconds: 2))
            writer.write(field: "done")
            writer.endRow()
            writer.writeRow { row in
                row.write(seconds: TimeAmount.seconds(3))
                row.writeEmpty()
            }
        }
        XCTAssertEqual(text, "time,cause\n0.000000001,grant\n0.000000002,done\n3.000000000,\n")
    }

    func testARowWithoutFieldsIsAnEmptyLineAndAThrowingRowWritesNothing() throws {
        struct Stop: Error {}
        let writer = CSVWriter.inMemory()
        writer.writeRow { _ in }
        XCTAssertThrowsError(
            try writer.writeRow { row in
                row.write(integer: 1)
                throw Stop()
            }
        )
        writer.writeRow { $0.write(integer: 2) }
        XCTAssertEqual(String(decoding: writer.memoryContents(), as: UTF8.self), "\n2\n")
    }

    func testDigitWordsCoverEveryPositionAndCarry() {
        var values: [UInt32] = [0, 1, 9, 10, 99, 100, 9_999, 10_000, 12_345_678, 99_999_999, 10_000_001]
        var random = StatisticsTestRandom(seed: 23)
        values += (0..<100_000).map { _ in UInt32.random(in: 0..<100_000_000, using: &random) }
        for value in values {
            let word = DigitFormatting.eightDigitWord(value).littleEndian
            let text = withUnsafeBytes(of: word) { String(decoding: $0, as: UTF8.self) }
            let plain = String(value)
            XCTAssertEqual(text, String(repeating: "0", count: 8 - plain.count) + plain)
        }
        for value: UInt64 in [0, 9, 10, 99, 100, 999, 1_000, 99_999_999, 100_000_000, .max] {
            XCTAssertEqual(DigitFormatting.digitCount(value), String(value).count)
        }
    }

    // MARK: - Rows and files

    func testRowsSurviveManyBufferFlushes() {
        var expected = "task,throttle,arrival\n"
        let text = csv(bufferCapacity: 1024) { writer in
            writer.writeHeader(["task", "throttle", "arrival"])
            let name = CSVField("data-propagation")
            for task in 0..<5_000 {
                writer.write(integer: task)
                writer.write(name)
                writer.writeSeconds(nanoseconds: Int64(task) * 1_000_003)
                writer.endRow()
                let fraction = String(Int64(task) * 1_000_003 % 1_000_000_000)
                expected +=
                    "\(task),data-propagation,\(Int64(task) * 1_000_003 / 1_000_000_000)."
                    + String(repeating: "0", count: 9 - fraction.count) + fraction + "\n"
            }
        }
        XCTAssertEqual(text, expected)
    }

    func testEmptyFieldsKeepTheirSeparators() {
        let text = csv { writer in
            writer.writeEmpty()
            writer.writeEmpty()
            writer.write(field: "x")
            writer.endRow()
            writer.writeEmpty()
            writer.endRow()
        }
        XCTAssertEqual(text, ",,x\n\n")
    }

    func testWritesAFileThroughItsPathAndThroughAFileHandle() throws {
        let directory = try OutputTestDirectory()
        let url = directory.url.appendingPathComponent("tasks.csv")
        let writer = try CSVWriter(url: url)
        writer.writeHeader(["a", "b"])
        writer.write(integer: 1)
        writer.write(seconds: TimeAmount.seconds(2))
        writer.endRow()
        try writer.close()
        try writer.close()
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "a,b\n1,2.000000000\n")

        let handleURL = directory.url.appendingPathComponent("handle.csv")
        XCTAssertTrue(FileManager.default.createFile(atPath: handleURL.path, contents: nil))
        let handle = try FileHandle(forWritingTo: handleURL)
        let handleWriter = CSVWriter(fileHandle: handle)
        handleWriter.write(field: "x,y")
        handleWriter.endRow()
        try handleWriter.close()
        try handle.close()
        XCTAssertEqual(try String(contentsOf: handleURL, encoding: .utf8), "\"x,y\"\n")
    }

    func testCreatingAFileInAMissingDirectoryNamesThePathAndTheReason() throws {
        let directory = try OutputTestDirectory()
        let path = directory.url.appendingPathComponent("missing/tasks.csv").path
        XCTAssertThrowsError(try CSVWriter(path: path)) { error in
            XCTAssertEqual("\(error)", "cannot create file \(path): No such file or directory")
        }
    }

    func testAWriteErrorIsThrownByFlushAndClose() throws {
        let descriptor = open("/dev/null", O_RDONLY)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        let writer = CSVWriter(fileDescriptor: descriptor, closesDescriptor: true)
        writer.write(field: "lost")
        writer.endRow()
        XCTAssertThrowsError(try writer.flush()) { error in
            XCTAssertEqual((error as? OutputError)?.code, EBADF)
            XCTAssertTrue("\(error)".hasPrefix("cannot write <fd \(descriptor)>: "), "\(error)")
        }
        XCTAssertThrowsError(try writer.close())
    }
}
