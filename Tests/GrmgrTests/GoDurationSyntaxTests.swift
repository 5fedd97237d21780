import Grmgr
import XCTest

final class GoDurationSyntaxTests: XCTestCase {
    func testParsesEveryUnitAndCompoundForms() throws {
        let cases: [(String, Int64)] = [
            ("0", 0), ("0s", 0), ("5s", 5_000_000_000), ("30s", 30_000_000_000), ("1478s", 1_478_000_000_000),
            ("-5s", -5_000_000_000), ("+5s", 5_000_000_000), ("-0", 0), ("+0", 0),
            ("5.0s", 5_000_000_000), ("5.6s", 5_600_000_000), ("5.s", 5_000_000_000), (".5s", 500_000_000),
            ("1.0s", 1_000_000_000), ("1.00s", 1_000_000_000), ("1.004s", 1_004_000_000), ("1.0040s", 1_004_000_000),
            ("100.00100s", 100_001_000_000), ("10ns", 10), ("11us", 11_000), ("12µs", 12_000), ("12μs", 12_000),
            ("13ms", 13_000_000), ("14s", 14_000_000_000), ("15m", 900_000_000_000), ("16h", 57_600_000_000_000),
            ("3h30m", 12_600_000_000_000), ("10.5s4m", 250_500_000_000), ("-2m3.4s", -123_400_000_000),
            ("1h2m3s4ms5us6ns", 3_723_004_005_006), ("39h9m14.425s", 140_954_425_000_000),
            ("52763797000ns", 52_763_797_000), ("0.3333333333333333333h", 1_200_000_000_000),
            ("9007199254740993ns", 9_007_199_254_740_993), ("9223372036854775807ns", .max),
            ("9223372036854775.807us", .max), ("-9223372036854775808ns", .min), ("1h2m3.5s", 3_723_500_000_000),
            ("0.100000000000000000000h", 360_000_000_000), ("0.830103483285477580700h", 2_988_372_539_827),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(try TimeAmount(goSyntax: text).nanoseconds, expected, text)
        }
    }

    func testRejectsWhatGoRejectsWithGosMessage() {
        let cases: [(String, String)] = [
            ("", #"time: invalid duration """#),
            ("3", #"time: missing unit in duration "3""#),
            ("-", #"time: invalid duration "-""#),
            ("s", #"time: invalid duration "s""#),
            (".", #"time: invalid duration ".""#),
            ("-.", #"time: invalid duration "-.""#),
            (".s", #"time: invalid duration ".s""#),
            ("+.s", #"time: invalid duration "+.s""#),
            ("1d", #"time: unknown unit "d" in duration "1d""#),
            ("5 seconds", #"time: unknown unit " seconds" in duration "5 seconds""#),
            ("9223372036854775808ns", #"time: invalid duration "9223372036854775808ns" (out of range)"#),
            ("9223372036854775.808us", #"time: invalid duration "9223372036854775.808us" (out of range)"#),
            ("3000000h", #"time: invalid duration "3000000h" (out of range)"#),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try TimeAmount(goSyntax: text), text) { error in
                XCTAssertEqual("\(error)", message, text)
            }
        }
    }

    func testFormatsLikeGoDurationString() {
        let cases: [(Int64, String)] = [
            (0, "0s"), (1, "1ns"), (1_100, "1.1µs"), (2_200_000, "2.2ms"), (3_300_000_000, "3.3s"),
            (240_000_000_000, "4m0s"), (270_000_000_000, "4m30s"), (3_600_000_000_000, "1h0m0s"),
            (3_723_500_000_000, "1h2m3.5s"), (-1_500_000, "-1.5ms"), (90_000_000_000, "1m30s"),
            (.max, "2562047h47m16.854775807s"), (.min, "-2562047h47m16.854775808s"), (999, "999ns"),
            (1_000, "1µs"), (1_000_001, "1.000001ms"), (1_000_000_001, "1.000000001s"),
        ]
        for (nanoseconds, text) in cases {
            XCTAssertEqual(TimeAmount(nanoseconds: nanoseconds).goSyntax, text)
        }
    }

    func testFormattingRoundTripsThroughTheParser() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<10_000 {
            let value = Int64(bitPattern: generator.next()) >> Int64(generator.next() % 60)
            let amount = TimeAmount(nanoseconds: value)
            XCTAssertEqual(try TimeAmount(goSyntax: amount.goSyntax), amount, amount.goSyntax)
        }
    }

    func testArithmeticSaturatesInsteadOfTrapping() {
        XCTAssertEqual((TimePoint.distantFuture + .seconds(1)).nanoseconds, .max)
        XCTAssertEqual((TimeAmount(nanoseconds: .min) - .seconds(1)).nanoseconds, .min)
        XCTAssertEqual(TimeAmount.hours(Int64.max).nanoseconds, .max)
        XCTAssertEqual(TimeAmount(seconds: 1.5).nanoseconds, 1_500_000_000)
        XCTAssertEqual(TimeAmount(seconds: .infinity).nanoseconds, .max)
        XCTAssertEqual(TimeAmount(Duration.milliseconds(1500)), .milliseconds(1500))
        XCTAssertEqual(TimePoint(nanoseconds: 5) - TimePoint(nanoseconds: 8), .nanoseconds(-3))
    }
}
