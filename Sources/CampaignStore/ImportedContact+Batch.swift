import CampaignCore

extension ContactBatch {
    /// Adds `contact` as the batch's next contact: its variables in the contact's order, each number's variables
    /// in name order, its line types as ``LineTypeCodes`` letters (none when they do not match its numbers).
    public mutating func append(_ contact: ImportedContact) {
        let names = contact.variableNames.isEmpty ? Self.none : addNameList(contact.variableNames)
        let zones = addZoneList(contact.timezones, source: contact.timezoneSource, ruleKey: contact.ruleKey)
        beginContact(sourceLine: contact.sourceLine, names: names, zones: zones)
        for value in contact.variableValues { addValue(value) }
        let typed = contact.numberTypes.count == contact.numbers.count
        for (index, number) in contact.numbers.enumerated() {
            let variables = index < contact.numberVariables.count ? contact.numberVariables[index] : [:]
            let sorted = variables.sorted { $0.key < $1.key }
            addNumber(
                number, lineType: typed ? LineTypeCodes.code(of: contact.numberTypes[index]) : 0,
                origin: Int16(clamping: index), names: sorted.isEmpty ? Self.none : addNameList(sorted.map(\.key)))
            for field in sorted { addValue(field.value) }
        }
    }
}
