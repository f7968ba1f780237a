extension CampaignSettings {
    /// Checks what no single key can, and everything settings built in code could get wrong: pool numbers (their
    /// shape here, their numbering plan through `numbers`), slots, the window, reserve against concurrency, and
    /// the disposition names that `retry.on`, `customDispositions` and the simulator use.
    public func validate(numbers: some NumberValidator) throws(SettingsError) {
        try validateNumbers(numbers)
        guard window.start < window.end else {
            throw SettingsError(key: "window.end", reason: "must be after window.start (\(window.start))")
        }
        guard !window.days.isEmpty else {
            throw SettingsError(key: "window.days", reason: "must list at least one day")
        }
        if inboundReserve >= concurrency {
            throw SettingsError(key: "inboundReserve", reason: "must be less than concurrency (\(concurrency))")
        }
        if let stop = retry.stopAfterConnectSeconds, let short = retry.redialShortConnectSeconds, stop < short {
            throw SettingsError(
                key: "retry.stopAfterConnectSeconds",
                reason: "must not be shorter than retry.redialShortConnectSeconds (\(short)): a call cannot be both")
        }
        _ = try Self.parseCustomDispositions(customDispositions)
        for key in retry.on.sorted() {
            if let problem = DispositionName.retryKeyProblem(key, customDispositions: customDispositions) {
                throw SettingsError(key: "retry.on", reason: problem)
            }
        }
        for (name, _) in simulator.dispositions
        where !DispositionName.isKnown(name, customDispositions: customDispositions) {
            throw SettingsError(
                key: "simulator.dispositions.\(name)",
                reason: "\(SettingsError.quoted(name)) is not a standard disposition nor in customDispositions")
        }
    }

    private func validateNumbers(_ numbers: some NumberValidator) throws(SettingsError) {
        guard !numberPool.isEmpty else {
            throw SettingsError(key: "numberPool", reason: "must list at least one number")
        }
        for (index, number) in numberPool.enumerated() {
            guard E164.isWellFormed(number) else {
                throw SettingsError(
                    key: "numberPool[\(index)]",
                    reason: "\(SettingsError.quoted(number)) is not an E.164 number (+ and digits)")
            }
            if let problem = numbers.problem(with: number) {
                throw SettingsError(
                    key: "numberPool[\(index)]",
                    reason: "\(SettingsError.quoted(number)) is not a valid phone number (\(problem))")
            }
        }
        if Set(numberPool).count != numberPool.count {
            throw SettingsError(key: "numberPool", reason: "lists a number twice")
        }
        if callerIdStrategy == .custom && callerIdSlots.isEmpty {
            throw SettingsError(key: "callerIdSlots", reason: "the 'custom' caller-ID strategy needs at least one slot")
        }
        for (index, slot) in callerIdSlots.enumerated() where !numberPool.contains(slot) {
            throw SettingsError(
                key: "callerIdSlots[\(index)]", reason: "\(SettingsError.quoted(slot)) is not in numberPool")
        }
    }

    /// The custom disposition names upper-cased, each well-formed (``DispositionName/isWellFormed(_:)``), not a
    /// standard name and not given twice.
    static func parseCustomDispositions(_ names: [String]) throws(SettingsError) -> [String] {
        var result: [String] = []
        for (index, name) in names.enumerated() {
            guard DispositionName.isWellFormed(name) else {
                throw SettingsError(
                    key: "customDispositions[\(index)]",
                    reason: "\(SettingsError.quoted(name)) must start with a letter and hold only letters A–Z, "
                        + "digits and _, at most \(DispositionName.maximumLength) characters")
            }
            let upper = name.uppercased()
            guard StandardDisposition(rawValue: upper) == nil, !result.contains(upper) else {
                throw SettingsError(
                    key: "customDispositions[\(index)]",
                    reason: "\(SettingsError.quoted(name)) is already a disposition")
            }
            result.append(upper)
        }
        return result
    }
}
