import CampaignCore

/// Writes a contact's lead row into a batch, byte by byte: no `String` is built per row. Keeps the last line type
/// it saw, since the rows of one file mostly repeat it.
struct LeadRowEncoder {
    /// The numbers of a contact that are stored: all of them, or those an earlier contact does not have.
    enum KeptNumbers {
        case all
        case only([Int])
    }

    private var lastTypeName = ""
    private var lastTypeCode = UInt8(ascii: "?")
    /// Appends the row of `contact` with the numbers `kept`; `layoutId` names its variables and `zoneId` its
    /// candidate zones.
    mutating func append(
        _ contact: ImportedContact, kept: KeptNumbers, seq: Int64, excluded: Bool, layoutId: Int64?, zoneId: Int64,
        to rows: inout LeadRows
    ) {
        rows.beginRow(seq: seq, sourceLine: contact.sourceLine, layoutId: layoutId, zoneId: zoneId)
        Self.forEachKept(kept, of: contact) { position, index in
            if position > 0 { rows.append(UInt8(ascii: "|")) }
            rows.append(contact.numbers[index])
        }
        rows.endText()
        rows.append(contact.timezoneSource)
        rows.endText()
        if contact.variableNames.isEmpty {
            rows.append("{}")
        } else {
            rows.append(UInt8(ascii: "["))
            for (position, value) in contact.variableValues.enumerated() {
                if position > 0 { rows.append(UInt8(ascii: ",")) }
                rows.appendJSONString(value)
            }
            rows.append(UInt8(ascii: "]"))
        }
        rows.endText()
        rows.append(excluded ? LeadStatus.excluded.rawValue : LeadStatus.pending.rawValue)
        rows.endText()
        appendNumberVariables(of: contact, kept: kept, to: &rows)
        rows.endText()
        if contact.numberTypes.count == contact.numbers.count {
            Self.forEachKept(kept, of: contact) { _, index in rows.append(code(of: contact.numberTypes[index])) }
        }
        rows.endText()
    }

    /// `[{…},{…}]`, one object with sorted keys per kept number, or `[]` when no number has variables.
    private func appendNumberVariables(of contact: ImportedContact, kept: KeptNumbers, to rows: inout LeadRows) {
        guard contact.numberVariables.contains(where: { !$0.isEmpty }) else {
            rows.append("[]")
            return
        }
        rows.append(UInt8(ascii: "["))
        Self.forEachKept(kept, of: contact) { position, index in
            if position > 0 { rows.append(UInt8(ascii: ",")) }
            rows.append(JSONText.object(index < contact.numberVariables.count ? contact.numberVariables[index] : [:]))
        }
        rows.append(UInt8(ascii: "]"))
    }

    /// Calls `body` with the position in the stored list and the index in the contact of every kept number.
    private static func forEachKept(
        _ kept: KeptNumbers, of contact: ImportedContact, _ body: (Int, Int) -> Void
    ) {
        switch kept {
        case .all:
            for index in contact.numbers.indices { body(index, index) }
        case .only(let indices):
            for (position, index) in indices.enumerated() { body(position, index) }
        }
    }

    private mutating func code(of typeName: String) -> UInt8 {
        if typeName != lastTypeName {
            lastTypeName = typeName
            lastTypeCode = LineTypeCodes.code(of: typeName)
        }
        return lastTypeCode
    }
}
