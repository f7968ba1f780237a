extension CampaignSettings {
    /// Checks `successDispositions`: each a standard disposition or one of the campaign's custom ones (any case,
    /// kept upper-case, duplicates dropped); an empty list is refused, since no lead could ever convert.
    static func parseSuccessDispositions(
        _ names: [String], customDispositions: [String]
    ) throws(SettingsError) -> [String] {
        guard !names.isEmpty else {
            throw SettingsError(key: "successDispositions", reason: "must name at least one disposition")
        }
        var result: [String] = []
        for name in names {
            guard DispositionName.isKnown(name, customDispositions: customDispositions) else {
                throw SettingsError(
                    key: "successDispositions",
                    reason: "\(SettingsError.quoted(name)) is neither a standard disposition nor one of "
                        + "customDispositions")
            }
            let upper = name.uppercased()
            if !result.contains(upper) { result.append(upper) }
        }
        return result
    }
}
