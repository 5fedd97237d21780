import Grmgr

/// A throttle's arrivals as read, with where its task durations come from when the trace gives them.
struct ArrivalRead {
    /// The arrival process.
    var spec: ArrivalSpec
    /// The trace file, shown as in messages, when it has a `duration` column; `nil` otherwise.
    var durationSource: String?
}

/// The `process` values of an arrival spec and the keys each takes besides `process`.
enum ArrivalProcessName: String, CaseIterable {
    case poisson, renewal, deterministic, batch, trace

    /// The keys this process takes besides `process`.
    var keys: [String] {
        switch self {
        case .poisson: return ["rate", "schedule"]
        case .renewal, .deterministic: return ["interval"]
        case .batch: return ["count", "at"]
        case .trace: return ["file"]
        }
    }

    /// Every process's keys, for checking keys when the process itself is wrong.
    static var allKeys: [String] { ["process"] + ["rate", "schedule", "interval", "count", "at", "file"] }

    /// `"poisson", "renewal", …` for messages.
    static var listed: String { allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") }
}

extension ScenarioReader {
    /// A throttle's `arrivals` object; `horizon` (the scenario duration, when valid) bounds instants.
    func readArrivals(_ field: ScenarioField, horizon: Horizon?) -> ArrivalRead? {
        guard let arrivals = object(field, expected: "an arrival process such as { process: \"poisson\", rate: 10 }")
        else { return nil }
        let process = require(arrivals, "process", "one of \(ArrivalProcessName.listed)")
            .flatMap { choice($0, among: ArrivalProcessName.allCases.map(\.rawValue)) }
            .flatMap(ArrivalProcessName.init(rawValue:))
        guard let process else {
            checkKeys(arrivals, allowed: ArrivalProcessName.allKeys)
            return nil
        }
        checkKeys(arrivals, allowed: ["process"] + process.keys, context: " for process \"\(process.rawValue)\"")
        switch process {
        case .poisson:
            return readPoisson(arrivals, horizon: horizon).map { ArrivalRead(spec: $0) }
        case .renewal:
            return require(arrivals, "interval", "a duration distribution such as { dist: \"exponential\", mu: 0.1 }")
                .flatMap { readDurationSpec($0) }
                .map { ArrivalRead(spec: .renewal(interval: $0)) }
        case .deterministic:
            return require(arrivals, "interval", DurationBound.positive.expectation)
                .flatMap { goDuration($0, .positive) }
                .map { ArrivalRead(spec: .deterministic(interval: $0)) }
        case .batch:
            let count = require(arrivals, "count", "an integer >= 1").flatMap { integer($0, atLeast: 1) }
            let at = optional(arrivals, "at", default: .zero) { atField in
                instantBeforeHorizon(atField, horizon: horizon)
            }
            guard let count, let at else { return nil }
            return ArrivalRead(spec: .batch(count: count, at: at))
        case .trace:
            return readTrace(arrivals)
        }
    }

    /// An instant `>= 0s` and, when the horizon is known, before it.
    func instantBeforeHorizon(_ field: ScenarioField, horizon: Horizon?) -> TimeAmount? {
        guard let instant = goDuration(field, .nonNegative) else { return nil }
        if let horizon, instant >= horizon.amount {
            report(field, expected: "an instant before the end of the run (duration \(horizon.written))")
            return nil
        }
        return instant
    }

    /// `rate` (a constant rate) or `schedule` (a piecewise-constant rate), exactly one of them.
    private func readPoisson(_ arrivals: ScenarioObject, horizon: Horizon?) -> ArrivalSpec? {
        switch (arrivals["rate"], arrivals["schedule"]) {
        case (nil, nil):
            report(
                arrivals.path, at: arrivals.position,
                "expected rate (arrivals per second) or schedule ([{ at, rate }, …]), got neither")
            return nil
        case (.some, .some(let schedule)):
            report(schedule, expected: "either rate or schedule, not both", got: "both")
            return nil
        case (.some(let rate), nil):
            return number(rate, .greaterThan(0)).map { .poisson(schedule: [RateSegment(at: .zero, rate: $0)]) }
        case (nil, .some(let schedule)):
            return readSchedule(schedule, horizon: horizon).map { .poisson(schedule: $0) }
        }
    }

    /// A rate schedule: segments from `0s` on, strictly increasing instants before the horizon, rates
    /// `>= 0` and at least one of them `> 0`.
    private func readSchedule(_ field: ScenarioField, horizon: Horizon?) -> [RateSegment]? {
        guard let elements = array(field, nonEmpty: true, of: "segments such as { at: \"0s\", rate: 10 }") else {
            return nil
        }
        var segments: [RateSegment] = []
        var allRead = true
        var previous: (amount: TimeAmount, written: String)?
        for (index, element) in elements.enumerated() {
            guard let segment = object(element, expected: "a segment such as { at: \"0s\", rate: 10 }") else {
                allRead = false
                continue
            }
            checkKeys(segment, allowed: ["at", "rate"])
            var at = require(segment, "at", DurationBound.nonNegative.expectation)
                .flatMap { instantBeforeHorizon($0, horizon: horizon) }
            if let instant = at, let atField = segment["at"] {
                if index == 0, instant != .zero {
                    report(atField, expected: "\"0s\" for the first segment, so that the schedule covers the start")
                    at = nil
                } else if let previous, instant <= previous.amount {
                    report(atField, expected: "an instant after the previous segment's \(previous.written)")
                    at = nil
                }
                previous = (instant, atField.value.summary)
            }
            let rate = require(segment, "rate", "a number >= 0 (arrivals per second)")
                .flatMap { number($0, .atLeast(0)) }
            if let at, let rate {
                segments.append(RateSegment(at: at, rate: rate))
            } else {
                allRead = false
            }
        }
        guard allRead else { return nil }
        guard segments.contains(where: { $0.rate > 0 }) else {
            report(field, expected: "at least one segment with a rate > 0", got: "only rates of 0")
            return nil
        }
        return segments
    }

    /// A trace CSV: arrivals and, with a `duration` column, each task's duration.
    private func readTrace(_ arrivals: ScenarioObject) -> ArrivalRead? {
        guard let fileField = require(arrivals, "file", "a CSV file path such as \"data/trace.csv\""),
            let csv = loadCSV(fileField)
        else { return nil }
        do {
            let trace = try ScenarioCSV.parseTrace(csv.text)
            return ArrivalRead(
                spec: .trace(arrivals: trace.arrivals, durations: trace.durations),
                durationSource: trace.durations == nil ? nil : csv.displayPath)
        } catch {
            report(error, in: csv, path: fileField.path)
            return nil
        }
    }
}
