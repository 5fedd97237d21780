import Foundation
import GrmgrSimulation
import XCTest

final class OutputAtomicFileTests: XCTestCase {
    func testWriteCreatesParentsAndReplacesAnExistingFileWholly() throws {
        let root = try OutputTestDirectory()
        let destination = root.url.appendingPathComponent("reports/report.md")
        try AtomicFile.write("# first\n", to: destination)
        try AtomicFile.write(Array("# second\n".utf8), to: destination)
        XCTAssertEqual(try root.read("report.md", in: destination.deletingLastPathComponent()), "# second\n")
        XCTAssertEqual(try root.entries(destination.deletingLastPathComponent()), ["report.md"])
    }

    func testTheTemporaryFileIsAHiddenSiblingUntilCommit() throws {
        let root = try OutputTestDirectory()
        let destination = root.url.appendingPathComponent("summary.csv")
        let file = try AtomicFile(destination: destination)
        XCTAssertTrue(file.temporaryURL.lastPathComponent.hasPrefix(".summary.csv.tmp-\(getpid())-"))
        XCTAssertEqual(file.temporaryURL.deletingLastPathComponent().path, root.url.standardizedFileURL.path)

        let writer = try CSVWriter(url: file.temporaryURL)
        writer.write(integer: 1)
        writer.endRow()
        try writer.close()
        XCTAssertFalse(FileManager.default.fileExists(atPath: destination.path))
        try file.commit()
        XCTAssertEqual(try root.entries(), ["summary.csv"])
        XCTAssertEqual(try root.read("summary.csv", in: root.url), "1\n")
    }

    func testDiscardKeepsThePreviousFile() throws {
        let root = try OutputTestDirectory()
        let destination = root.url.appendingPathComponent("report.md")
        try AtomicFile.write("kept\n", to: destination)
        let file = try AtomicFile(destination: destination)
        try Data("half".utf8).write(to: file.temporaryURL)
        file.discard()
        XCTAssertEqual(try root.entries(), ["report.md"])
        XCTAssertEqual(try root.read("report.md", in: root.url), "kept\n")
    }

    func testADirectoryInTheWayFailsClearlyAndLeavesNoTemporaryFile() throws {
        let root = try OutputTestDirectory()
        let destination = root.url.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)
        XCTAssertThrowsError(try AtomicFile.write("x", to: destination)) { error in
            XCTAssertEqual("\(error)", "cannot replace file \(destination.path): Is a directory")
        }
        XCTAssertEqual(try root.entries(), ["taken"])
    }
}
