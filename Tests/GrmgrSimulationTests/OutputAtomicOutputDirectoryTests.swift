import Foundation
import GrmgrSimulation
import XCTest

final class OutputAtomicOutputDirectoryTests: XCTestCase {
    private let marker = AtomicOutputDirectory.markerFileName

    /// Writes one run's files through an atomic directory and commits it.
    private func commitRun(_ files: [String: String], to destination: URL) throws {
        let output = try AtomicOutputDirectory(destination: destination)
        for (name, text) in files {
            let writer = try CSVWriter(url: output.url(for: name))
            writer.write(field: text)
            writer.endRow()
            try writer.close()
        }
        try output.commit()
    }

    func testTheTemporaryDirectoryIsAHiddenSiblingAndCommitMovesItIntoPlace() throws {
        let root = try OutputTestDirectory()
        let destination = root.url.appendingPathComponent("reports/quickstart")
        let output = try AtomicOutputDirectory(destination: destination)

        let parent = destination.deletingLastPathComponent().path
        XCTAssertEqual(output.temporaryURL.deletingLastPathComponent().path, parent)
        XCTAssertTrue(output.temporaryURL.lastPathComponent.hasPrefix(".quickstart.tmp-\(getpid())-"))
        XCTAssertEqual(output.url(for: "tasks.csv").deletingLastPathComponent().path, output.temporaryURL.path)
        XCTAssertFalse(FileManager.default.fileExists(atPath: destination.path), "nothing appears before commit")

        try root.write("task\n", to: "tasks.csv", in: output.temporaryURL)
        try output.commit()

        XCTAssertEqual(try root.entries(destination), [marker, "tasks.csv"])
        XCTAssertEqual(try root.read("tasks.csv", in: destination), "task\n")
        XCTAssertEqual(try root.entries(destination.deletingLastPathComponent()), ["quickstart"], "no temp left")
    }

    func testCommitReplacesThePreviousOutputAndLeavesNothingBehind() throws {
        let root = try OutputTestDirectory()
        let destination = root.url.appendingPathComponent("run")
        try commitRun(["tasks.csv": "old", "events.csv": "old"], to: destination)
        try commitRun(["tasks.csv": "new"], to: destination)

        XCTAssertEqual(try root.entries(destination), [marker, "tasks.csv"], "the old run's files are gone")
        XCTAssertEqual(try root.read("tasks.csv", in: destination), "new\n")
        XCTAssertEqual(try root.entries(), ["run"], "no .tmp or .old sibling is left")
    }

    func testAnEmptyDirectoryIsReplaced() throws {
        let root = try OutputTestDirectory()
        let destination = root.url.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)
        try commitRun(["tasks.csv": "new"], to: destination)
        XCTAssertEqual(try root.read("tasks.csv", in: destination), "new\n")
        XCTAssertEqual(try root.entries(), ["empty"])
    }

    func testADiscardedRunLeavesThePreviousOutputUntouchedAndNoTemporaryDirectory() throws {
        let root = try OutputTestDirectory()
        let destination = root.url.appendingPathComponent("run")
        try commitRun(["tasks.csv": "previous"], to: destination)

        let failed = try AtomicOutputDirectory(destination: destination)
        let writer = try CSVWriter(url: failed.url(for: "tasks.csv"))
        writer.write(field: "half a fil")
        try writer.close()
        failed.discard()
        failed.discard()

        XCTAssertEqual(try root.read("tasks.csv", in: destination), "previous\n")
        XCTAssertEqual(try root.entries(), ["run"])
        XCTAssertThrowsError(try failed.commit()) { error in
            XCTAssertTrue("\(error)".contains("is gone (discarded or committed already)"), "\(error)")
        }
        XCTAssertEqual(try root.read("tasks.csv", in: destination), "previous\n")
    }

    func testAForeignNonEmptyDirectoryIsNeverReplaced() throws {
        let root = try OutputTestDirectory()
        let destination = root.url.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)
        try root.write("precious", to: "thesis.tex", in: destination)

        XCTAssertThrowsError(try AtomicOutputDirectory(destination: destination)) { error in
            XCTAssertEqual(
                "\(error)",
                "refusing to replace \(destination.path): it is not empty and was not written by grmgr-sim "
                    + "(no \(marker) file); remove it or choose another output directory"
            )
        }
        XCTAssertEqual(try root.entries(destination), ["thesis.tex"])
        XCTAssertEqual(try root.entries(), ["home"])
    }

    func testCommitRechecksTheDestinationAndKeepsWhatAppearedMeanwhile() throws {
        let root = try OutputTestDirectory()
        let destination = root.url.appendingPathComponent("run")
        let output = try AtomicOutputDirectory(destination: destination)
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)
        try root.write("someone else's", to: "notes.txt", in: destination)

        XCTAssertThrowsError(try output.commit())
        XCTAssertEqual(try root.entries(destination), ["notes.txt"])
        output.discard()
        XCTAssertEqual(try root.entries(), ["run"])
    }

    func testAFileInTheWayIsReportedBeforeAnyWork() throws {
        let root = try OutputTestDirectory()
        let destination = root.url.appendingPathComponent("out")
        try root.write("a file", to: "out", in: root.url)
        XCTAssertThrowsError(try AtomicOutputDirectory(destination: destination)) { error in
            let expected = "cannot replace output directory \(destination.path): it exists and is not a directory"
            XCTAssertEqual("\(error)", expected)
        }
        XCTAssertEqual(try root.entries(), ["out"])
    }

    func testAnUncreatableParentGivesAClearError() throws {
        let root = try OutputTestDirectory()
        try root.write("a file", to: "plain", in: root.url)
        let destination = root.url.appendingPathComponent("plain/sub/out")
        XCTAssertThrowsError(try AtomicOutputDirectory(destination: destination)) { error in
            XCTAssertEqual("\(error)", "cannot create output directory \(destination.path): Not a directory")
        }
    }

    func testAnUnwritableParentSaysPermissionDenied() throws {
        try XCTSkipIf(geteuid() == 0, "root ignores directory permissions")
        let root = try OutputTestDirectory()
        let locked = root.url.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }
        let destination = locked.appendingPathComponent("out")
        XCTAssertThrowsError(try AtomicOutputDirectory(destination: destination)) { error in
            XCTAssertEqual("\(error)", "cannot create output directory \(destination.path): Permission denied")
        }
    }

    func testARootOrParentReferenceIsRefused() {
        XCTAssertThrowsError(try AtomicOutputDirectory(destination: URL(fileURLWithPath: "/")))
    }
}
