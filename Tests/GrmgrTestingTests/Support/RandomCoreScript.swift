import Grmgr
import GrmgrTesting

/// A seeded random sequence of commands run through a `ThrottleCore`, recorded as a trace: asks, dones,
/// cancels, up/down/set/percent/profile requests (per throttle and service-wide), profile timers, idle
/// watches, deletes and re-registrations over a few throttles with random settings.
///
/// The script only chooses commands and keeps the handles it needs (queued waiters, pending timers); every
/// decision is the core's. At the end it drains: each live throttle is set to its max and every task is done.
struct RandomCoreScript {
    private var random: SplitMix64
    private var driver = CoreDriver()
    private var live: [ThrottleID] = []
    private var draining: [ThrottleID] = []
    private var waiters: [Waiter] = []
    private var timers: [(timer: ProfileTimer, at: TimePoint)] = []
    private var profiles: [String] = []
    /// Running tasks per throttle, as the core's last state change of each reported it.
    private var running: [ThrottleID: Int] = [:]
    private var registered = 0

    /// Runs `commands` random commands chosen from `seed`, then drains, and returns the trace.
    static func trace(seed: UInt64, commands: Int) throws -> ThrottleTrace {
        var script = RandomCoreScript(random: SplitMix64(seed: seed))
        try script.setUp()
        for _ in 0..<commands {
            try script.step()
            script.noteRunning()
        }
        try script.drain()
        return script.driver.trace
    }

    private init(random: SplitMix64) {
        self.random = random
    }

    private mutating func setUp() throws {
        for index in 0..<random.int(in: 1...3) {
            var steps: [ScalingProfile.Step] = []
            var after = TimeAmount.zero
            for _ in 0..<random.int(in: 1...4) {
                after = after + .milliseconds(Int64(random.int(in: 0...3_000)))
                steps.append(ScalingProfile.Step(after: after, action: randomChange()))
            }
            let profile = try ScalingProfile(name: "profile-\(index)", steps: steps)
            try driver.core.registerProfile(profile)
            profiles.append(profile.name)
        }
        for _ in 0..<random.int(in: 2...4) { try registerThrottle() }
    }

    private mutating func registerThrottle() throws {
        let dop = random.int(in: 1...6)
        let config = try ThrottleConfig(
            name: "throttle-\(registered % 5)", dop: dop, down: random.int(in: 0...3),
            up: random.int(in: 0...3), min: random.int(in: 0...dop),
            hold: .milliseconds(Int64(random.int(in: 0...3_000))),
            holdOrigin: random.coin() ? .appliedChange : .request)
        registered += 1
        guard driver.core.id(named: config.name) == nil else { return }
        live.append(try driver.register(config))
    }

    private mutating func step() throws {
        advanceTime()
        let roll = random.index(below: 100)
        switch roll {
        case 0..<30: try ask()
        case 30..<55: try done()
        case 55..<62: cancel()
        case 62..<82: try scale()
        case 82..<88: fireTimer()
        case 88..<92: try scaleAll()
        case 92..<95: watchIdle()
        case 95..<97: try delete()
        default: try registerThrottle()
        }
    }

    private mutating func advanceTime() {
        switch random.index(below: 10) {
        case 0..<5: break  // Same instant: several commands at once, as in a burst.
        case 5..<9: driver.now = driver.now + .milliseconds(Int64(random.int(in: 1...1_500)))
        default: driver.now = driver.now + .seconds(Int64(random.int(in: 2...10)))
        }
    }

    private mutating func ask() throws {
        guard !live.isEmpty else { return }
        let id = live[random.index(below: live.count)]
        if case .queued(let waiter) = try driver.ask(id) { waiters.append(waiter) }
    }

    private mutating func done() throws {
        draining.removeAll { running[$0, default: 0] == 0 }
        let busy = (live + draining).filter { running[$0, default: 0] > 0 }
        guard !busy.isEmpty else { return }
        let id = busy[random.index(below: busy.count)]
        try driver.done(id)
    }

    private mutating func noteRunning() {
        for case .stateChanged(let change) in driver.lastActions { running[change.throttle] = change.running }
    }

    private mutating func cancel() {
        guard !waiters.isEmpty else { return }
        let waiter = waiters.remove(at: random.index(below: waiters.count))
        driver.run { _ = $0.cancel(waiter) }  // Often already granted: then it is a no-op.
    }

    private mutating func scale() throws {
        guard !live.isEmpty else { return }
        let id = live[random.index(below: live.count)]
        let action: ScalingAction =
            random.index(below: 6) == 0
            ? .profile(profiles[random.index(below: profiles.count)]) : randomChange()
        try driver.scale(id, action)
        collectTimers()
    }

    private mutating func scaleAll() throws {
        let action = randomChange()
        let now = driver.now
        try driver.run { try $0.scaleAll(action, at: now) }
        collectTimers()
    }

    private mutating func fireTimer() {
        guard !timers.isEmpty else { return }
        let next = timers.indices.min { timers[$0].at < timers[$1].at }!
        let (timer, at) = timers.remove(at: next)
        if at > driver.now { driver.now = at }
        let now = driver.now
        driver.run { $0.timerFired(timer, at: now) }  // Stale when its profile was superseded: ignored.
        collectTimers()
    }

    private mutating func watchIdle() {
        let candidates = live + draining
        guard !candidates.isEmpty else { return }
        let id = candidates[random.index(below: candidates.count)]
        _ = driver.run { $0.watchIdle(id) }
    }

    private mutating func delete() throws {
        guard !live.isEmpty else { return }
        let id = live.remove(at: random.index(below: live.count))
        try driver.run { try $0.delete(id) }
        draining.append(id)
        if random.coin() { try registerThrottle() }
    }

    private mutating func drain() throws {
        let now = driver.now
        for id in live { try driver.run { _ = try $0.scale(id, .set(dop: .max), at: now) } }
        for id in live + draining {
            while let snapshot = try? driver.core.snapshot(id), snapshot.running > 0 { try driver.done(id) }
        }
    }

    /// Keeps the timers the last command scheduled, to fire them later.
    private mutating func collectTimers() {
        for case .scheduleTimer(let timer, let at) in driver.lastActions { timers.append((timer, at)) }
    }

    private mutating func randomChange() -> ScalingAction {
        switch random.index(below: 10) {
        case 0..<3: return .up(by: random.coin() ? nil : random.int(in: 0...3))
        case 3..<6: return .down(by: random.coin() ? nil : random.int(in: 0...3))
        case 6..<8: return .set(dop: random.int(in: -1...8))
        default: return .percent(random.int(in: 0...150))
        }
    }
}
