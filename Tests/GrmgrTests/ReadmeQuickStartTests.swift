import Foundation
import Grmgr
import XCTest

final class ReadmeQuickStartTests: XCTestCase {
    /// The README's quick start, verbatim between the markers; `testReadmeShowsThisCode` keeps them equal.
    private func quickStart(
        nodes: [Int], propagate: @escaping @Sendable (Int) async throws -> Void
    ) async throws
        -> Int
    {
        @Sendable func summarise(_ nodes: [Int]) async throws -> Int { nodes.count }
        // quick-start: begin
        let service = ThrottleService(logger: StandardErrorLogger(.alert))
        let propagation = try service.makeThrottle(
            ThrottleConfig(name: "data-propagation", dop: 20, down: 2, up: 1, min: 2, hold: "30s"))

        // The seed's loop in one call: every node, at most `dop` of them at once.
        try await propagation.concurrentForEach(nodes) { node in
            try await propagate(node)
        }

        // Or by hand, with the slot released however the body ends:
        let report = try await propagation.withControl { try await summarise(nodes) }

        // An outside monitor steps every throttle down (or one by name), and back up later:
        service.send(ScalingEvent(action: .down()))
        service.send(ScalingEvent(throttle: "data-propagation", action: .up()))

        await propagation.wait()  // nothing running or waiting
        try propagation.delete()
        service.shutdown()
        // quick-start: end
        return report
    }

    func testQuickStartRunsEveryNode() async throws {
        let seen = Locked<Set<Int>>([])
        let report = try await quickStart(nodes: Array(0..<100)) { node in seen.withLock { _ = $0.insert(node) } }
        XCTAssertEqual(seen.value, Set(0..<100))
        XCTAssertEqual(report, 100)
    }

    func testReadmeShowsThisCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let test = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        func block(_ text: String, begin: String, end: String) -> [String] {
            let lines = text.components(separatedBy: "\n")
            guard let start = lines.firstIndex(where: { $0.contains(begin) }),
                let stop = lines[start...].firstIndex(where: { $0.contains(end) })
            else { return [] }
            return lines[(start + 1)..<stop].map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("```") }
        }
        let fromReadme = block(readme, begin: "quick-start: begin", end: "quick-start: end")
        let fromTest = block(test, begin: "// quick-start: begin", end: "// quick-start: end")
        XCTAssertFalse(fromReadme.isEmpty)
        XCTAssertEqual(fromReadme, fromTest)
    }
}
