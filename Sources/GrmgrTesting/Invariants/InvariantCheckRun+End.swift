internal import Grmgr

extension InvariantCheckRun {
    /// The checks at the end of the trace: every queued ticket accounted for, and, for a drained run,
    /// nothing still running or waiting.
    mutating func checkEnd() {
        let instant = trace.endInstant ?? .zero
        for slot in throttles.indices {
            let throttle = throttles[slot]
            let ledger = ledgers[slot]
            if ticketed, ledger.open > throttle.waiting + ledger.unattributedCancels {
                let missing = ledger.open - throttle.waiting - ledger.unattributedCancels
                let oldest = ledger.queue[ledger.head]
                report(
                    .conservation, slot, nil, instant,
                    "\(missing) queued ticket(s) were never granted, failed or cancelled, yet no longer wait "
                        + "(the oldest open one is ticket \(oldest.ticket), queued at \(oldest.instant.secondsText))")
            }
            if checker.end == .drained, throttle.running > 0 || throttle.waiting > 0 {
                report(
                    .noLostTask, slot, nil, instant,
                    "the run ended with \(throttle.running) task(s) granted and never done and "
                        + "\(throttle.waiting) still waiting (\(throttle.ledger))")
            }
        }
    }

    /// The checks of per-task records: consistent times, FIFO starts, and the same counts as the state
    /// changes (a task missing from the records, or from the state changes, is lost).
    mutating func checkTasks(_ tasks: [TraceTask]) {
        var byName: [String: [TraceTask]] = [:]
        var seen: Set<Int> = []
        for task in tasks {
            byName[task.throttle, default: []].append(task)
            if !seen.insert(task.id).inserted {
                reportTask(.conservation, task.throttle, task.arrival, "task \(task.id) is recorded twice")
            }
        }
        for name in byName.keys.sorted() {
            let records = byName[name]!.sorted { ($0.arrival, $0.id) < ($1.arrival, $1.id) }
            checkTaskTimes(records)
            checkTaskCounts(name, records)
        }
    }

    private mutating func checkTaskTimes(_ records: [TraceTask]) {
        var latestStart: TraceTask?
        for task in records {
            if let start = task.start, start < task.arrival {
                reportTask(.conservation, task.throttle, start, "task \(task.id) started before it arrived")
            }
            if let end = task.end, task.start.map({ end < $0 }) ?? true {
                reportTask(.conservation, task.throttle, end, "task \(task.id) ended without having started")
            }
            guard let start = task.start else { continue }
            if let earlier = latestStart, let earlierStart = earlier.start, start < earlierStart {
                reportTask(
                    .fifo, task.throttle, start,
                    "task \(earlier.id) arrived at \(earlier.arrival.secondsText) and started at "
                        + "\(earlierStart.secondsText), after task \(task.id), which arrived later "
                        + "(\(task.arrival.secondsText)) and started at \(start.secondsText)")
            }
            if latestStart?.start.map({ start > $0 }) ?? true { latestStart = task }
        }
    }

    private mutating func checkTaskCounts(_ name: String, _ records: [TraceTask]) {
        let slots = throttles.indices.filter { throttles[$0].name == name }
        guard !slots.isEmpty else {
            reportTask(.conservation, name, records[0].arrival, "tasks were recorded for a throttle never registered")
            return
        }
        let asked = slots.reduce(0) { $0 + throttles[$1].asked }
        let granted = slots.reduce(0) { $0 + throttles[$1].granted }
        let done = slots.reduce(0) { $0 + throttles[$1].done }
        let started = records.count { $0.start != nil }
        let ended = records.count { $0.end != nil }
        let instant = trace.endInstant ?? .zero
        if records.count != asked || started != granted || ended != done {
            reportTask(
                .conservation, name, instant,
                "the task records count \(records.count) arrived, \(started) started, \(ended) ended, but the "
                    + "state changes count \(asked) asked, \(granted) granted, \(done) done: a task was lost")
        }
        if checker.end == .drained {
            let open = records.filter { $0.start != nil && $0.end == nil }.map(\.id)
            if !open.isEmpty {
                reportTask(
                    .noLostTask, name, instant,
                    "task(s) \(open.prefix(10).map(String.init).joined(separator: ", ")) started and never ended")
            }
        }
    }

    private mutating func reportTask(_ invariant: Invariant, _ name: String, _ instant: TimePoint, _ message: String) {
        let slot =
            throttles.lastIndex { $0.name == name } ?? track(ThrottleID(slot: .max, generation: .max), name: name)
        report(invariant, slot, nil, instant, message + " (tasks)")
    }
}
