import Dispatch
import Foundation

/// `bench`: benchmarks that print ratios measured side by side in one run.
struct BenchCommand: Command {
    let name = "bench"
    let abstract = "Measure the throttle and the simulator against their floors, side by side."
    let subcommands: [any Command] = [ThrottleBenchCommand(), SimulationBenchCommand(), SweepBenchCommand()]
}

/// `bench throttle`.
struct ThrottleBenchCommand: Command {
    let name = "throttle"
    let abstract = "control()/done() cost against a bare Mutex and DispatchSemaphore; the dispatcher loop."
    let discussion = """
        Targets on a 2-core machine: pair_ns at most 2x mutex_pair_ns; dispatch at least 0.8x the floor \
        (the same loop over a bare mutex-counter limiter).
        """
    let arguments: [ArgumentSpec] = [
        .flag("json", help: "Print one JSON object instead of a table."),
        .option("pairs", valueName: "n", help: "Sequential pairs per measurement.", defaultDescription: "5000000"),
        .option("tasks", valueName: "n", help: "Tasks in the dispatcher loop.", defaultDescription: "1000000"),
    ]

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        var benchmark = ThrottleBenchmark()
        if let pairs = try arguments.count("pairs") { benchmark.pairs = pairs }
        if let tasks = try arguments.count("tasks") { benchmark.dispatchedTasks = tasks }
        let result = try runBlocking { [benchmark] in try await benchmark.run() }
        let fields: [(String, Double)] = [
            ("pair_ns", result.pairNanoseconds), ("mutex_pair_ns", result.mutexPairNanoseconds),
            ("semaphore_pair_ns", result.semaphorePairNanoseconds),
            ("dispatch_tasks_per_s_dop10", result.dispatchTasksPerSecondDop10),
            ("dispatch_tasks_per_s_dop100", result.dispatchTasksPerSecondDop100),
            ("floor_dispatch_tasks_per_s_dop10", result.floorDispatchTasksPerSecondDop10),
            ("floor_dispatch_tasks_per_s_dop100", result.floorDispatchTasksPerSecondDop100),
            ("pair_to_mutex_ratio", result.pairNanoseconds / result.mutexPairNanoseconds),
            (
                "dispatch_to_floor_ratio_dop10",
                result.dispatchTasksPerSecondDop10 / result.floorDispatchTasksPerSecondDop10
            ),
            (
                "dispatch_to_floor_ratio_dop100",
                result.dispatchTasksPerSecondDop100 / result.floorDispatchTasksPerSecondDop100
            ),
        ]
        context.console.print(arguments.flag("json") ? BenchReport.json(fields) : BenchReport.table(fields))
        return .success
    }
}

/// `bench sim`.
struct SimulationBenchCommand: Command {
    let name = "sim"
    let abstract = "Simulated M/M/10 tasks per second: summary, traces, dop changes, against a bare heap loop."
    let discussion = """
        M/M/10 with arrival rate 9/s and exponential service of mean 1 s. Targets on a 2-core machine: \
        summary at least 5,000,000 tasks/s and 0.5x the floor; traces at least 2,500,000 tasks/s; dop changes \
        within 10% of summary; peak RSS at most 150 MB.
        """
    let arguments: [ArgumentSpec] = [
        .flag("json", help: "Print one JSON object instead of a table."),
        .option("tasks", valueName: "n", help: "Tasks per run.", defaultDescription: "10000000"),
        .option(
            "rounds", valueName: "n", help: "Runs of each kind, alternating; each figure is their median.",
            defaultDescription: "3"),
    ]

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        var benchmark = SimulationBenchmark()
        if let tasks = try arguments.count("tasks") { benchmark.tasks = tasks }
        if let rounds = try arguments.count("rounds") { benchmark.rounds = rounds }
        let result = try benchmark.run()
        let fields: [(String, Double)] = [
            ("tasks_per_s_summary", result.tasksPerSecondSummary),
            ("tasks_per_s_traces", result.tasksPerSecondTraces),
            ("tasks_per_s_dop_changes", result.tasksPerSecondDopChanges),
            ("floor_tasks_per_s", result.floorTasksPerSecond), ("peak_rss_mb", result.peakResidentMegabytes),
            ("summary_to_floor_ratio", result.tasksPerSecondSummary / result.floorTasksPerSecond),
            ("dop_changes_to_summary_ratio", result.tasksPerSecondDopChanges / result.tasksPerSecondSummary),
            ("tasks", Double(result.tasks)), ("rounds", Double(benchmark.rounds)),
        ]
        context.console.print(arguments.flag("json") ? BenchReport.json(fields) : BenchReport.table(fields))
        return .success
    }
}

/// Formats benchmark figures.
enum BenchReport {
    static func json(_ fields: [(String, Double)]) -> String {
        "{" + fields.map { "\"\($0.0)\": \(number($0.1))" }.joined(separator: ", ") + "}"
    }

    static func table(_ fields: [(String, Double)]) -> String {
        let width = fields.map(\.0.count).max() ?? 0
        return fields.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + number($0.1) }
            .joined(separator: "\n")
    }

    private static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        // Counts and large rates as integers; ratios and nanoseconds with three decimals.
        return value.magnitude >= 1_000 || value == value.rounded()
            ? "\(Int(value.rounded()))" : SummaryTable.fixed(value, 3)
    }
}

/// Runs async work from the synchronous command-line entry point, on the global executor.
func runBlocking<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) throws -> Value {
    let outcome = BlockingOutcome<Value>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { outcome.result = .success(try await body()) } catch { outcome.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try outcome.result!.get()
}

/// The result slot of ``runBlocking(_:)``: written once by the task before the semaphore is signalled,
/// read only after the wait, so the semaphore orders the two accesses.
private final class BlockingOutcome<Value: Sendable>: @unchecked Sendable {
    var result: Result<Value, any Error>?
}
