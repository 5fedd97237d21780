import Foundation
import Grmgr
import GrmgrSimulation

/// `grmgr-sim bench sim`: M/M/10 with λ = 9/s and mean service 1 s, run four ways in one process.
struct SimulationBenchmark {
    struct Result {
        var tasksPerSecondSummary: Double
        var tasksPerSecondTraces: Double
        var tasksPerSecondDopChanges: Double
        var floorTasksPerSecond: Double
        var peakResidentMegabytes: Double
        var tasks: Int
    }

    var tasks = 10_000_000
    /// How many times each of the four runs is made; each figure is the median of its runs.
    var rounds = 3

    /// The workload: enough horizon for `tasks` arrivals at 9/s.
    func scenario(dopChanges: Bool) throws -> Scenario {
        let horizon = TimeAmount.seconds(Int64((Double(tasks) / 9).rounded(.up)))
        var events: [TimedScalingEvent] = []
        if dopChanges {
            // 10 → 8 → 10 every 500 s, about 2,200 changes over the run.
            var at = TimeAmount.seconds(500)
            var down = true
            while at < horizon {
                events.append(TimedScalingEvent(at: at, event: ScalingEvent(action: .set(dop: down ? 8 : 10))))
                down.toggle()
                at = at + .seconds(500)
            }
        }
        let throttle = ThrottleSpec(
            config: try ThrottleConfig(name: "mmc", dop: 10, min: 1, hold: .zero),
            arrivals: .poisson(schedule: [RateSegment(at: .zero, rate: 9)]),
            duration: DurationSpec(.exponential(mu: 1)))
        return Scenario(
            name: "bench-mm10", seed: 1, duration: horizon, sample: .seconds(1), throttles: [throttle], events: events)
    }

    func run() throws -> Result {
        let plain = try scenario(dopChanges: false)
        let changing = try scenario(dopChanges: true)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("grmgr-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        // The four runs alternate, round after round, and each figure is the median of its rounds: on a
        // machine shared with other work a burst of load then spoils one round of each, not the whole of
        // one figure, and the ratios compare like with like.
        var summary: [Double] = []
        var floor: [Double] = []
        var changes: [Double] = []
        var traces: [Double] = []
        for _ in 0..<Swift.max(1, rounds) {
            settle(removing: directory)
            summary.append(
                try measure {
                    var simulator = try Simulator(scenario: plain); return try simulator.run()
                })
            floor.append(try measureFloor(plain))
            changes.append(
                try measure {
                    var simulator = try Simulator(scenario: changing); return try simulator.run()
                })
            settle(removing: directory)
            traces.append(try measure { try ScenarioRunner.run(plain, writingTo: directory) })
        }
        return Result(
            tasksPerSecondSummary: ThrottleBenchmark.median(summary),
            tasksPerSecondTraces: ThrottleBenchmark.median(traces),
            tasksPerSecondDopChanges: ThrottleBenchmark.median(changes),
            floorTasksPerSecond: ThrottleBenchmark.median(floor), peakResidentMegabytes: peakResidentMegabytes(),
            tasks: tasks)
    }

    /// Removes the last traces run's files (about 2 GB) and flushes whatever is still dirty, so that the
    /// kernel's writeback of one run does not take CPU time from the next measurement.
    private func settle(removing directory: URL) {
        try? FileManager.default.removeItem(at: directory)
        sync()
    }

    /// Tasks per second of one run.
    private func measure(_ body: () throws -> SimulationResult) throws -> Double {
        var result: SimulationResult?
        let elapsed = try ContinuousClock().measure { result = try body() }
        let finished = result?.throttles.reduce(0) { $0 + $1.tasks } ?? 0
        return Double(finished) / elapsed.secondsDouble
    }

    /// The same workload and random streams through a bare heap and a counter: no core, no statistics, no files.
    private func measureFloor(_ scenario: Scenario) throws -> Double {
        let spec = scenario.throttles[0]
        var arrivals = try ArrivalGenerator(spec.arrivals, horizon: scenario.duration)
        var durations = try DurationSampler(spec.duration)
        let arrivalStream = RandomStream(seed: scenario.seed, stream: spec.config.name, purpose: .arrivals)
        let durationStream = RandomStream(seed: scenario.seed, stream: spec.config.name, purpose: .durations)
        // Like the simulator, the next arrival waits beside the heap, which holds only completions; the
        // payload is 4 bytes like the simulator's running-task slot, so heap entries are the same 24 bytes.
        var queue = EventQueue<Int32>()
        var waiting = [TimeAmount]()
        var head = 0
        var running = 0
        var finished = 0
        let servers = spec.config.dop
        let elapsed = ContinuousClock().measure {
            var nextArrival = arrivals.next(using: arrivalStream)
            while true {
                if let arrival = nextArrival, queue.nextInstant.map({ arrival.at <= $0 }) ?? true {
                    let now = arrival.at
                    let service = durations.next(using: durationStream)
                    if running < servers {
                        running += 1
                        queue.schedule(0, at: now + service)
                    } else {
                        waiting.append(service)
                    }
                    nextArrival = arrivals.next(using: arrivalStream)
                } else if let (now, _) = queue.popNext() {
                    finished += 1
                    if head < waiting.count {
                        queue.schedule(0, at: now + waiting[head])
                        head += 1
                        if head == waiting.count {
                            waiting.removeAll(keepingCapacity: true)
                            head = 0
                        }
                    } else {
                        running -= 1
                    }
                } else {
                    break
                }
            }
        }
        return Double(finished) / elapsed.secondsDouble
    }

    private func peakResidentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }
}
