import CampaignCore

extension ContactBatch {
    /// Adds `contact` as the batch's next contact: its variables in the contact's order, each number's variables
    /// in name order, its line types as ``LineTypeCodes`` letters (none when they do not match its numbers). Throws,
    /// adding nothing, when the contact or one of its numbers names a variable twice (`name` and `NAME`).
    public mutating func append(_ contact: ImportedContact) throws(DuplicateVariable) {
        let numberNames = contact.numbers.indices.map { index in
            index < contact.numberVariables.count ? contact.numberVariables[index].keys.sorted() : []
        }
        try Self.checkDistinct(contact.variableNames)
        for names in numberNames { try Self.checkDistinct(names) }
        let names = contact.variableNames.isEmpty ? Self.none : try addNameList(contact.variableNames)
        let zones = addZoneList(contact.timezones, source: contact.timezoneSource, ruleKey: contact.ruleKey)
        beginContact(sourceLine: contact.sourceLine, names: names, zones: zones)
        for value in contact.variableValues { addValue(value) }
        let typed = contact.numberTypes.count == contact.numbers.count
        for (index, number) in contact.numbers.enumerated() {
            let names = numberNames[index]
            addNumber(
                number, lineType: typed ? LineTypeCodes.code(of: contact.numberTypes[index]) : 0,
                origin: Int16(clamping: index), names: names.isEmpty ? Self.none : try addNameList(names))
            for name in names { addValue(contact.numberVariables[index][name] ?? "") }
        }
    }
}
