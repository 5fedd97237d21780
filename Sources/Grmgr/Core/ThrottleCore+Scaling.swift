extension ThrottleCore {
    // MARK: Profiles

    /// Registers a profile that scaling events can start by name.
    ///
    /// - Throws: ``ThrottleError/invalidConfiguration(_:)`` for an invalid profile,
    ///   ``ThrottleError/duplicateProfile(name:)`` when the name is taken.
    public mutating func registerProfile(_ profile: ScalingProfile) throws(ThrottleError) {
        do { try profile.validate() } catch { throw .invalidConfiguration(error) }
        guard profiles[profile.name] == nil else { throw .duplicateProfile(name: profile.name) }
        profiles[profile.name] = profile
    }

    /// The registered profile with this name, if any.
    public func profile(named name: String) -> ScalingProfile? {
        profiles[name]
    }

    // MARK: Scaling requests

    /// Applies an outside event to its throttle, or to every live throttle (in slot order) when it names none.
    ///
    /// - Throws: ``ThrottleError/unknownThrottle(name:)``, ``ThrottleError/unknownProfile(name:)`` or
    ///   ``ThrottleError/serviceShutDown``; nothing is changed then.
    public mutating func apply(_ event: ScalingEvent, at now: TimePoint) throws(ThrottleError) {
        if let name = event.throttle {
            guard let id = liveNames[name] else {
                guard !isShutDown else { throw .serviceShutDown }
                throw .unknownThrottle(name: name)
            }
            _ = try scale(id, event.action, at: now)
        } else {
            try scaleAll(event.action, at: now)
        }
    }

    /// Applies one scaling request to every live throttle, in slot order.
    ///
    /// - Throws: ``ThrottleError/unknownProfile(name:)`` or ``ThrottleError/serviceShutDown``; nothing
    ///   is changed then.
    public mutating func scaleAll(_ action: ScalingAction, at now: TimePoint) throws(ThrottleError) {
        try checkScalable(action)
        for index in slots.indices where slots[index].phase == .live {
            let id = ThrottleID(slot: UInt32(index), generation: slots[index].generation)
            _ = request(index, id, action, at: now)
        }
    }

    /// Applies one scaling request to one throttle. A request cancels the rest of a profile the throttle
    /// is running; `up`/`down` are refused within the hold; every change is clamped to `[min, max]`;
    /// raising the ceiling grants waiters at once; lowering it never pre-empts running tasks.
    ///
    /// - Returns: What became of the request (for a profile: ``ScalingOutcome/profileStarted``).
    /// - Throws: ``ThrottleError/unknownProfile(name:)``, ``ThrottleError/deleted(throttle:)``,
    ///   ``ThrottleError/unknownThrottleID(_:)`` or ``ThrottleError/serviceShutDown``.
    public mutating func scale(
        _ id: ThrottleID, _ action: ScalingAction, at now: TimePoint
    ) throws(ThrottleError) -> ScalingOutcome {
        try checkScalable(action)
        let index = try slot(of: id, allowDraining: false)
        return request(index, id, action, at: now)
    }

    /// Runs the steps of a profile that are due; drivers call this when a scheduled
    /// ``ThrottleAction/scheduleTimer(_:at:)`` comes due. Stale timers (of a cancelled profile or a deleted
    /// throttle) are ignored.
    public mutating func timerFired(_ timer: ProfileTimer, at now: TimePoint) {
        guard !isShutDown, let index = try? slot(of: timer.throttle, allowDraining: false),
            slots[index].profileRun?.run == timer.run
        else { return }
        advanceProfile(index, timer.throttle, at: now)
    }

    // MARK: Rules

    private func checkScalable(_ action: ScalingAction) throws(ThrottleError) {
        guard !isShutDown else { throw .serviceShutDown }
        if case .profile(let name) = action, profiles[name] == nil { throw .unknownProfile(name: name) }
    }

    /// An outside request: it supersedes any running profile.
    private mutating func request(
        _ index: Int, _ id: ThrottleID, _ action: ScalingAction, at now: TimePoint
    ) -> ScalingOutcome {
        if let running = slots[index].profileRun {
            slots[index].profileRun = nil
            let ceiling = slots[index].ceiling
            emit(
                ScalingRecord(
                    throttle: id, action: .profile(running.profile.name), origin: .request,
                    outcome: .profileCancelled, ceilingBefore: ceiling, ceilingAfter: ceiling), index)
        }
        if case .profile(let name) = action, let profile = profiles[name] {
            let run = nextProfileRun
            nextProfileRun += 1
            slots[index].profileRun = ThrottleState.ProfileRun(profile: profile, run: run, start: now, nextStep: 0)
            let ceiling = slots[index].ceiling
            emit(
                ScalingRecord(
                    throttle: id, action: action, origin: .request, outcome: .profileStarted,
                    ceilingBefore: ceiling, ceilingAfter: ceiling), index)
            advanceProfile(index, id, at: now)
            return .profileStarted
        }
        return change(index, id, action, origin: .request, at: now)
    }

    /// Runs every step due by `now`, then schedules a timer for the next one.
    private mutating func advanceProfile(_ index: Int, _ id: ThrottleID, at now: TimePoint) {
        guard var run = slots[index].profileRun else { return }
        let steps = run.profile.steps
        while run.nextStep < steps.count, run.start + steps[run.nextStep].after <= now {
            let step = run.nextStep
            run.nextStep += 1
            slots[index].profileRun = run
            _ = change(
                index, id, steps[step].action, origin: .profileStep(profile: run.profile.name, step: step), at: now)
        }
        if run.nextStep < steps.count {
            slots[index].profileRun = run
            actions.append(
                .scheduleTimer(ProfileTimer(throttle: id, run: run.run), at: run.start + steps[run.nextStep].after))
        } else {
            slots[index].profileRun = nil
        }
    }

    /// The hold and clamping rules for one change.
    private mutating func change(
        _ index: Int, _ id: ThrottleID, _ action: ScalingAction, origin: ScalingOrigin, at now: TimePoint
    ) -> ScalingOutcome {
        let config = slots[index].config
        let before = slots[index].ceiling
        let target: Int
        switch action {
        case .up(let amount):
            if refusedByHold(index, at: now) { return refuse(index, id, action, origin, at: now) }
            target = before.addingSaturating(amount ?? config.up)
        case .down(let amount):
            if refusedByHold(index, at: now) { return refuse(index, id, action, origin, at: now) }
            target = before.addingSaturating(-(amount ?? config.down))
        case .set(let dop):
            target = dop
        case .percent(let percent):
            target = Int((Double(config.dop) * Double(percent) / 100).rounded(.down))
        case .profile:
            return .unchanged  // Unreachable: profiles are started by `request`, and steps cannot be profiles.
        }
        let after = Swift.min(Swift.max(target, config.min), config.dop)
        let outcome: ScalingOutcome = after == before ? .unchanged : (after == target ? .applied : .clamped)
        let decision = ScalingRecord(
            throttle: id, action: action, origin: origin, outcome: outcome, ceilingBefore: before, ceilingAfter: after)
        // An applied change (or any set) starts a new hold; so does every request when replaying Go.
        if decision.countsAsAppliedChange {
            slots[index].holdStart = now
            slots[index].counters.appliedChanges += 1
        } else if config.holdOrigin == .request {
            slots[index].holdStart = now
        }
        slots[index].ceiling = after
        emit(decision, index)
        if after != before {
            record(slots[index].change(id, .scaled))
            if after > before { grantWaiters(index, id) }
        }
        return outcome
    }

    private func refusedByHold(_ index: Int, at now: TimePoint) -> Bool {
        guard let start = slots[index].holdStart else { return false }
        return now - start < slots[index].config.hold
    }

    private mutating func refuse(
        _ index: Int, _ id: ThrottleID, _ action: ScalingAction, _ origin: ScalingOrigin, at now: TimePoint
    ) -> ScalingOutcome {
        slots[index].counters.refusedChanges += 1
        // The Go original's behaviour, kept for replays: a refused request restarts the hold too.
        if slots[index].config.holdOrigin == .request { slots[index].holdStart = now }
        let ceiling = slots[index].ceiling
        emit(
            ScalingRecord(
                throttle: id, action: action, origin: origin, outcome: .refusedHold, ceilingBefore: ceiling,
                ceilingAfter: ceiling), index)
        return .refusedHold
    }

    /// Appends a scaling record and its log line (refusals and changes are the seed's alerts).
    private mutating func emit(_ record: ScalingRecord, _ index: Int) {
        actions.append(.scaled(record))
        let level: LogLevel = record.outcome == .unchanged ? .info : .notice
        guard logs(level) else { return }
        var metadata = metadata(index)
        metadata["ceiling_before"] = "\(record.ceilingBefore)"
        metadata["ceiling_after"] = "\(record.ceilingAfter)"
        if case .profileStep(let profile, let step) = record.origin {
            metadata["profile"] = profile
            metadata["step"] = "\(step)"
        }
        log(level, "\(record.action) on \"\(slots[index].config.name)\": \(record.outcome.rawValue)", metadata)
    }
}

extension Int {
    func addingSaturating(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}
