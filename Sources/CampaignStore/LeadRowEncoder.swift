import CampaignCore

/// Writes a contact's lead row into a batch of rows, byte by byte from the contact batch: no `String` is built per
/// row.
enum LeadRowEncoder {
    /// The numbers of a contact that are stored: all of them, or those an earlier contact does not have.
    enum KeptNumbers {
        case all
        case only([Int])
    }

    /// Appends the row of contact `index` of `batch` (whose bytes are `all`) with the numbers `kept`; `layoutId`
    /// names its variables and `zoneId` its candidate zones.
    static func append(
        _ index: Int, of batch: borrowing ContactBatch, bytes all: UnsafeRawBufferPointer, kept: KeptNumbers,
        seq: Int64, excluded: Bool, layoutId: Int64?, zoneId: Int64, to rows: inout LeadRows
    ) {
        let contact = batch.contacts[index]
        rows.beginRow(seq: seq, sourceLine: contact.sourceLine, layoutId: layoutId, zoneId: zoneId)
        forEachKept(kept, of: contact) { position, number in
            if position > 0 { rows.append(UInt8(ascii: "|")) }
            rows.append(batch.numbers[number].text.bytes(in: all))
        }
        rows.endText()
        rows.append(batch.zoneLists[Int(contact.zones)].source)
        rows.endText()
        if contact.names == ContactBatch.none {
            rows.append("{}")
        } else {
            rows.append(UInt8(ascii: "["))
            for (position, value) in batch.valueSpans(first: contact.firstValue, names: contact.names).enumerated() {
                if position > 0 { rows.append(UInt8(ascii: ",")) }
                rows.appendJSONString(value.bytes(in: all))
            }
            rows.append(UInt8(ascii: "]"))
        }
        rows.endText()
        rows.append(excluded ? LeadStatus.excluded.rawValue : LeadStatus.pending.rawValue)
        rows.endText()
        appendNumberVariables(of: contact, in: batch, bytes: all, kept: kept, to: &rows)
        rows.endText()
        forEachKept(kept, of: contact) { _, number in
            let code = batch.numbers[number].lineType
            if code != 0 { rows.append(code) }
        }
        rows.endText()
        appendNameKey(of: contact, in: batch, bytes: all, to: &rows)
        rows.endText()
    }

    /// The ``LeadSearch/nameKey(_:)`` of the contact's `NAME` variable (nothing when it has none): byte by byte for
    /// ASCII, through `String` otherwise.
    private static func appendNameKey(
        of contact: ContactBatch.Contact, in batch: borrowing ContactBatch, bytes all: UnsafeRawBufferPointer,
        to rows: inout LeadRows
    ) {
        guard contact.names != ContactBatch.none,
            let position = batch.nameLists[Int(contact.names)].firstIndex(of: "NAME")
        else { return }
        for (slot, value) in batch.valueSpans(first: contact.firstValue, names: contact.names).enumerated()
        where slot == position {
            let bytes = value.bytes(in: all)
            guard !bytes.isEmpty else { return }
            if bytes.allSatisfy({ $0 < 0x80 }) {
                LeadSearch.asciiKey(bytes) { rows.append($0) }
            } else {
                rows.append(LeadSearch.nameKey(String(decoding: bytes, as: UTF8.self)))
            }
            return
        }
    }

    /// `[{…},{…}]`, one object (keys in name order) per kept number, or `[]` when no number has variables.
    private static func appendNumberVariables(
        of contact: ContactBatch.Contact, in batch: borrowing ContactBatch, bytes all: UnsafeRawBufferPointer,
        kept: KeptNumbers, to rows: inout LeadRows
    ) {
        guard contact.numberIndices.contains(where: { batch.numbers[$0].names != ContactBatch.none }) else {
            rows.append("[]")
            return
        }
        rows.append(UInt8(ascii: "["))
        forEachKept(kept, of: contact) { position, index in
            if position > 0 { rows.append(UInt8(ascii: ",")) }
            let number = batch.numbers[index]
            rows.append(UInt8(ascii: "{"))
            if number.names != ContactBatch.none {
                let names = batch.nameLists[Int(number.names)]
                for (slot, value) in batch.valueSpans(first: number.firstValue, names: number.names).enumerated() {
                    if slot > 0 { rows.append(UInt8(ascii: ",")) }
                    rows.appendJSONString(names[slot])
                    rows.append(UInt8(ascii: ":"))
                    rows.appendJSONString(value.bytes(in: all))
                }
            }
            rows.append(UInt8(ascii: "}"))
        }
        rows.append(UInt8(ascii: "]"))
    }

    /// Calls `body` with the position in the stored list and the index in the batch of every kept number.
    private static func forEachKept(
        _ kept: KeptNumbers, of contact: ContactBatch.Contact, _ body: (Int, Int) -> Void
    ) {
        switch kept {
        case .all:
            for (position, index) in contact.numberIndices.enumerated() { body(position, index) }
        case .only(let positions):
            let first = Int(contact.firstNumber)
            for (position, offset) in positions.enumerated() { body(position, first + offset) }
        }
    }
}
