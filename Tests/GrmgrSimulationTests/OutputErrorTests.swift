import GrmgrSimulation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

final class OutputErrorTests: XCTestCase {
    func testTheDescriptionReadsLikeAShellToolsMessage() {
        let error = OutputError(operation: "cannot create output directory", path: "/x/y", code: EACCES)
        XCTAssertEqual(error.description, "cannot create output directory /x/y: Permission denied")
        XCTAssertEqual(error.code, EACCES)
        let custom = OutputError(operation: "cannot replace", path: "/x", reason: "it is a file")
        XCTAssertEqual(custom.description, "cannot replace /x: it is a file")
        XCTAssertNil(custom.code)
    }
}
