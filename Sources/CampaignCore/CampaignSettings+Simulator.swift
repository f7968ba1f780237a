extension CampaignSettings {
    /// Reads the `simulator` object; disposition names must be standard ones or the campaign's custom ones.
    static func parseSimulator(
        _ object: inout SettingsObject, customDispositions: [String]
    ) throws(SettingsError) -> SimulatorSettings {
        var model = SimulatorSettings()
        for key in ["answerRate", "busyRate", "voicemailRate", "failRate"] {
            guard let rate = try object.number(key) else { continue }
            guard (0...1).contains(rate) else {
                throw SettingsError(key: "simulator.\(key)", reason: "must be from 0 to 1")
            }
            switch key {
            case "answerRate": model.answerRate = rate
            case "busyRate": model.busyRate = rate
            case "voicemailRate": model.voicemailRate = rate
            default: model.failRate = rate
            }
        }
        if model.answerRate + model.busyRate + model.voicemailRate + model.failRate > 1.000_001 {
            throw SettingsError(key: "simulator", reason: "answerRate + busyRate + voicemailRate + failRate exceeds 1")
        }
        model.ringSeconds = try secondsRange(&object, "ringSeconds") ?? model.ringSeconds
        model.talkSeconds = try secondsRange(&object, "talkSeconds") ?? model.talkSeconds
        if var weights = try object.object("dispositions") {
            model.dispositions = try dispositionWeights(&weights, customDispositions: customDispositions)
        }
        try object.rejectUnknownKeys()
        return model
    }

    private static func dispositionWeights(
        _ weights: inout SettingsObject, customDispositions: [String]
    ) throws(SettingsError) -> [(name: String, weight: Double)] {
        var list: [(name: String, weight: Double)] = []
        for name in weights.fields.keys.sorted() {
            let key = "simulator.dispositions.\(name)"
            guard DispositionName.isKnown(name, customDispositions: customDispositions) else {
                throw SettingsError(
                    key: key,
                    reason: "\(SettingsError.quoted(name)) is not a disposition: use a standard one "
                        + "(\(StandardDisposition.allCases.map(\.rawValue).joined(separator: ", "))) "
                        + "or add it to customDispositions")
            }
            guard let weight = try weights.number(name), weight >= 0 else {
                throw SettingsError(key: key, reason: "must be a number ≥ 0")
            }
            guard !list.contains(where: { $0.name == name.uppercased() }) else {
                throw SettingsError(key: key, reason: "names a disposition twice (names ignore case)")
            }
            list.append((name.uppercased(), weight))
        }
        guard list.contains(where: { $0.weight > 0 }) else {
            throw SettingsError(key: "simulator.dispositions", reason: "needs at least one positive weight")
        }
        return list
    }

    private static func secondsRange(
        _ object: inout SettingsObject, _ key: String
    ) throws(SettingsError)
        -> ClosedRange<Int>?
    {
        guard let value = object.value(key) else { return nil }
        guard case .array(let items) = value, items.count == 2,
            case .number(let low) = items[0], case .number(let high) = items[1],
            low.rounded() == low, high.rounded() == high, low >= 0, low <= high, high <= 86_400
        else {
            throw SettingsError(key: "simulator.\(key)", reason: "must be [min, max] whole seconds with min ≤ max")
        }
        return Int(low)...Int(high)
    }
}
