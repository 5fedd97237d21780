import Grmgr
import XCTest

final class ThrottleConfigTests: XCTestCase {
    func testDefaultsAreThoseOfTheGoOriginal() throws {
        let config = try ThrottleConfig(name: "crawler", dop: 8)
        XCTAssertEqual(config.down, 2)
        XCTAssertEqual(config.up, 1)
        XCTAssertEqual(config.min, 1)
        XCTAssertEqual(config.hold, .seconds(30))
        XCTAssertEqual(config.holdOrigin, .appliedChange)
    }

    func testNewConfigParsesTheHoldAsAGoDuration() throws {
        let config = try ThrottleConfig(name: "unmarshaler", dop: 16, down: 2, up: 1, min: 3, hold: "1m30s")
        XCTAssertEqual(config.hold, .seconds(90))
    }

    func testEveryInvalidFieldIsNamedWithItsValue() {
        func message(_ make: () throws -> ThrottleConfig) -> String {
            do {
                _ = try make()
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        XCTAssertEqual(
            message { try ThrottleConfig(name: "", dop: 1) }, #"invalid name "" for "": expected a non-empty name"#)
        XCTAssertEqual(
            message { try ThrottleConfig(name: "c", dop: 0) }, #"invalid dop 0 for "c": expected at least 1"#)
        XCTAssertEqual(
            message { try ThrottleConfig(name: "c", dop: 3, min: 5) },
            #"invalid min 5 for "c": expected at most dop (3)"#)
        XCTAssertEqual(
            message { try ThrottleConfig(name: "c", dop: 3, min: -1) }, #"invalid min -1 for "c": expected at least 0"#)
        XCTAssertEqual(
            message { try ThrottleConfig(name: "c", dop: 3, up: -1) }, #"invalid up -1 for "c": expected at least 0"#)
        XCTAssertEqual(
            message { try ThrottleConfig(name: "c", dop: 3, down: -2) },
            #"invalid down -2 for "c": expected at least 0"#)
        XCTAssertEqual(
            message { try ThrottleConfig(name: "c", dop: 3, down: 2, up: 1, min: 1, hold: "5 seconds") },
            #"invalid hold "5 seconds" for "c": expected a Go duration such as "30s" (time: unknown unit " seconds" in duration "5 seconds")"#
        )
        XCTAssertEqual(
            message { try ThrottleConfig(name: "c", dop: 3, down: 2, up: 1, min: 1, hold: "-1s") },
            #"invalid hold -1s for "c": expected a duration of at least 0s"#)
        XCTAssertEqual(
            message { try ThrottleConfig(name: "c", dop: 3, down: 2, up: 1, min: 1, hold: "") },
            #"invalid hold "" for "c": expected a Go duration such as "30s" (time: invalid duration "")"#)
        XCTAssertEqual(
            message { try ThrottleConfig(name: "c", dop: 3, down: 2, up: 1, min: 1, hold: "99999999h") },
            #"invalid hold "99999999h" for "c": expected a Go duration such as "30s" (time: invalid duration "99999999h" (out of range))"#
        )
    }

    func testFieldsChangedAfterCreationAreValidatedAtRegistration() throws {
        var config = try ThrottleConfig(name: "c", dop: 3)
        config.min = 4
        var core = ThrottleCore()
        XCTAssertThrowsError(try core.register(config)) { error in
            guard case .invalidConfiguration(let configError) = error as? ThrottleError else {
                return XCTFail("expected invalidConfiguration, got \(error)")
            }
            XCTAssertEqual(configError.field, .min)
            XCTAssertEqual(configError.value, "4")
        }
    }
}
