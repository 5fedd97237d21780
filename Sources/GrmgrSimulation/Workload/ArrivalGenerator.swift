public import Grmgr

/// One task arriving: when, and how long it takes when the workload says so.
public struct Arrival: Hashable, Sendable {
    /// The instant of arrival, from the start of the run.
    public var at: TimePoint
    /// The task's duration from a trace, or `nil` to draw it from the throttle's duration distribution.
    public var duration: TimeAmount?

    /// Creates an arrival.
    public init(at: TimePoint, duration: TimeAmount? = nil) {
        self.at = at
        self.duration = duration
    }
}

/// Produces the arrivals of an ``ArrivalSpec`` in time order, up to a horizon.
///
/// Time is kept in whole nanoseconds: a Poisson draw is worked out in floating-point seconds from the
/// previous arrival and rounded once, so errors never accumulate over a long run.
public struct ArrivalGenerator: Sendable {
    /// Arrivals happen strictly before this instant; after it, ``next(using:)`` returns `nil`.
    public let horizon: TimePoint

    private let process: Process
    /// The rate segments of a Poisson process, cut at the horizon; empty for other processes.
    private let segments: [Segment]
    /// The instants of a trace; empty for other processes.
    private let traceArrivals: [TimeAmount]
    /// The durations of a trace, when it has them.
    private let traceDurations: [TimeAmount]?
    /// The interval sampler of a renewal process (mutable: it counts redrawn negatives).
    private var intervals: DurationSampler?
    /// The last arrival's instant (Poisson, renewal, deterministic); the start of the run before the first.
    private var now: TimePoint = .zero
    /// The current rate segment (Poisson), or how many arrivals were returned (batch, trace).
    private var index = 0
    /// Set once the horizon or the end of the batch or trace is reached.
    private var finished = false

    /// The kind of process, with its scalar parameters; arrays live in stored properties of their own, so
    /// that switching over this on every arrival copies no reference.
    private enum Process: Sendable {
        case poisson
        case renewal
        case deterministic(interval: TimeAmount)
        case batch(count: Int, at: TimePoint)
        case trace
    }

    /// A stretch `[start, end)` of constant rate, cut at the horizon.
    private struct Segment: Sendable {
        var start: TimePoint
        var end: TimePoint
        /// Arrivals per second.
        var rate: Double
    }

    /// Validates `spec` and prepares to generate its arrivals before `horizon`.
    ///
    /// - Throws: ``WorkloadError`` naming the first invalid parameter and its value: a negative
    ///   `horizon`; for `poisson` an empty schedule, a negative or non-finite `schedule[i].rate`, a
    ///   `schedule[i].at` before 0 or not after the previous one, or no rate above zero; for `renewal` an
    ///   invalid `interval.…` parameter or a mean interval under 1 ns; for `deterministic` an
    ///   `interval <= 0`; for `batch` a `count` or `at` below 0; for `trace` an `arrivals[i]` below 0 or
    ///   before the previous one, a `durations` count different from the arrivals', or a `durations[i]`
    ///   below 0.
    public init(_ spec: ArrivalSpec, horizon: TimeAmount) throws(WorkloadError) {
        guard horizon >= .zero else {
            throw WorkloadError(parameter: "horizon", time: horizon, expected: "a duration >= 0")
        }
        self.horizon = .zero + horizon
        var segments: [Segment] = []
        var traceArrivals: [TimeAmount] = []
        var traceDurations: [TimeAmount]? = nil
        switch spec {
        case .poisson(let schedule):
            segments = try Self.segments(of: schedule, horizon: self.horizon)
            process = .poisson
        case .renewal(let interval):
            let sampler: DurationSampler
            do {
                sampler = try DurationSampler(interval)
            } catch {
                throw error.nested(in: "interval")
            }
            // A mean below a nanosecond rounds to zero-length intervals: time would never reach the horizon.
            if let mean = sampler.mean, mean < 1e-9 {
                throw WorkloadError(
                    parameter: "interval", value: "with mean \(WorkloadError.text(mean))s",
                    expected: "a distribution with a mean >= 1ns"
                )
            }
            intervals = sampler
            process = .renewal
        case .deterministic(let interval):
            guard interval > .zero else {
                throw WorkloadError(parameter: "interval", time: interval, expected: "a duration > 0")
            }
            process = .deterministic(interval: interval)
        case .batch(let count, let at):
            guard count >= 0 else {
                throw WorkloadError(parameter: "count", value: "\(count)", expected: "a count >= 0")
            }
            guard at >= .zero else {
                throw WorkloadError(parameter: "at", time: at, expected: "a time >= 0s")
            }
            process = .batch(count: count, at: .zero + at)
        case .trace(let arrivals, let durations):
            try Self.validateTrace(arrivals: arrivals, durations: durations)
            (traceArrivals, traceDurations) = (arrivals, durations)
            process = .trace
        }
        self.segments = segments
        self.traceArrivals = traceArrivals
        self.traceDurations = traceDurations
    }

    /// How many negative draws of a renewal process's `gaussian` intervals were redrawn; 0 otherwise.
    public var redrawnNegatives: Int {
        intervals?.redrawnNegatives ?? 0
    }

    /// The next arrival, no earlier than the previous one and strictly before ``horizon``; `nil` from then
    /// on. Only `poisson` and `renewal` draw from `stream`.
    public mutating func next(using stream: RandomStream) -> Arrival? {
        guard !finished else { return nil }
        let arrival: Arrival?
        switch process {
        case .poisson:
            arrival = nextPoisson(stream: stream)
        case .renewal:
            now = now + intervals!.next(using: stream)
            arrival = Arrival(at: now)
        case .deterministic(let interval):
            now = now + interval
            arrival = Arrival(at: now)
        case .batch(let count, let at):
            arrival = index < count ? Arrival(at: at) : nil
            index += 1
        case .trace:
            arrival =
                index < traceArrivals.count
                ? Arrival(at: .zero + traceArrivals[index], duration: traceDurations?[index]) : nil
            index += 1
        }
        guard let arrival, arrival.at < horizon else {
            finished = true
            return nil
        }
        return arrival
    }

    /// Inverts the cumulative intensity: an Exp(1) draw is spent across the segments from `now` on, each
    /// consuming rate × length, and the arrival falls where it runs out. Zero-rate segments consume nothing.
    private mutating func nextPoisson(stream: RandomStream) -> Arrival? {
        var remaining = stream.generator.exponential(mu: 1)
        while index < segments.count {
            let segment = segments[index]
            let from = max(now, segment.start)
            let capacity = segment.rate * (segment.end - from).seconds
            if remaining < capacity {
                let offset = TimeAmount(roundingNonNegativeNanoseconds: remaining / segment.rate * 1e9)
                // Rounding up onto `end` would put the arrival in the next segment, which may have rate 0.
                now = min(from + offset, segment.end - .nanoseconds(1))
                return Arrival(at: now)
            }
            remaining -= capacity
            index += 1
        }
        return nil
    }
}

extension ArrivalGenerator {
    /// The schedule as contiguous segments, the last one ending at the horizon, those past it dropped.
    private static func segments(of schedule: [RateSegment], horizon: TimePoint) throws(WorkloadError) -> [Segment] {
        guard !schedule.isEmpty else {
            throw WorkloadError(parameter: "schedule", value: "[]", expected: "at least one rate segment")
        }
        for (index, segment) in schedule.enumerated() {
            guard segment.rate.isFinite, segment.rate >= 0 else {
                throw WorkloadError(
                    parameter: "schedule[\(index)].rate", number: segment.rate, expected: "a number >= 0"
                )
            }
            if index == 0 {
                guard segment.at >= .zero else {
                    throw WorkloadError(parameter: "schedule[0].at", time: segment.at, expected: "a time >= 0s")
                }
            } else if segment.at <= schedule[index - 1].at {
                throw WorkloadError(
                    parameter: "schedule[\(index)].at", time: segment.at,
                    expected: "a time after schedule[\(index - 1)].at (\(schedule[index - 1].at.goSyntax))"
                )
            }
        }
        guard schedule.contains(where: { $0.rate > 0 }) else {
            let rates = schedule.map { "\($0.at.goSyntax): \(WorkloadError.text($0.rate))/s" }
            throw WorkloadError(
                parameter: "schedule", value: "[\(rates.joined(separator: ", "))]", expected: "a rate > 0 somewhere"
            )
        }
        var segments: [Segment] = []
        for (index, segment) in schedule.enumerated() {
            let start = TimePoint.zero + segment.at
            guard start < horizon else { break }
            let end = index + 1 < schedule.count ? min(.zero + schedule[index + 1].at, horizon) : horizon
            segments.append(Segment(start: start, end: end, rate: segment.rate))
        }
        return segments
    }

    private static func validateTrace(arrivals: [TimeAmount], durations: [TimeAmount]?) throws(WorkloadError) {
        for (index, at) in arrivals.enumerated() {
            if index == 0 {
                guard at >= .zero else {
                    throw WorkloadError(parameter: "arrivals[0]", time: at, expected: "a time >= 0s")
                }
            } else if at < arrivals[index - 1] {
                throw WorkloadError(
                    parameter: "arrivals[\(index)]", time: at,
                    expected: "a time >= arrivals[\(index - 1)] (\(arrivals[index - 1].goSyntax))"
                )
            }
        }
        guard let durations else { return }
        guard durations.count == arrivals.count else {
            throw WorkloadError(
                parameter: "durations", value: "\(durations.count) durations",
                expected: "one per arrival (\(arrivals.count))"
            )
        }
        for (index, duration) in durations.enumerated() where duration < .zero {
            throw WorkloadError(parameter: "durations[\(index)]", time: duration, expected: "a duration >= 0s")
        }
    }
}
