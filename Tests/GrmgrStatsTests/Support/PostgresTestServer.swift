#if WithStats
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XCTest

/// The throwaway server `scripts/with-postgres.sh` starts for `make test`, found through its environment.
struct PostgresTestServer {
    /// A libpq connection string to it.
    let conninfo: String
    /// The script that stops and starts it.
    private let control: String?

    /// The server, or a skip that says how to get one; under CI a missing server fails instead.
    static func fromEnvironment(file: StaticString = #filePath, line: UInt = #line) throws -> PostgresTestServer {
        let environment = ProcessInfo.processInfo.environment
        guard let conninfo = environment["GRMGR_TEST_POSTGRES"], !conninfo.isEmpty else {
            let message =
                "PostgreSQL tests need GRMGR_TEST_POSTGRES (a libpq connection string): run `make test`, or "
                + "`scripts/with-postgres.sh swift test --traits WithStats`, which start a throwaway server"
            if environment["CI"] == "true" { XCTFail(message, file: file, line: line) }
            throw XCTSkip(message)
        }
        return PostgresTestServer(conninfo: conninfo, control: environment["GRMGR_TEST_POSTGRES_CTL"])
    }

    /// Stops the server and waits until it is down.
    func stop() throws { try run("stop") }

    /// Starts the server again and waits until it accepts connections.
    func start() throws { try run("start") }

    private func run(_ verb: String) throws {
        guard let control else {
            throw XCTSkip("GRMGR_TEST_POSTGRES_CTL is not set: scripts/with-postgres.sh provides it")
        }
        // posix_spawn and waitpid rather than Foundation's Process, which can miss the exit of a child whose
        // daemon grandchild (the restarted server) inherited its descriptors.
        var pid: pid_t = 0
        let arguments = ["/bin/bash", control, verb]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        let spawned = posix_spawn(&pid, "/bin/bash", nil, nil, argv, environ)
        guard spawned == 0 else { throw StatsTestError("cannot run \(control): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        guard status == 0 else { throw StatsTestError("\(control) \(verb) failed with status \(status)") }
    }
}

/// A test precondition that did not hold.
struct StatsTestError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
#endif
