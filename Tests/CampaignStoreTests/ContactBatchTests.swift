import CampaignCore
import CampaignStore
import Testing

@Suite struct ContactBatchTests {
    /// Every text of a batch lives in one buffer; the spans of each contact and number lead back to exactly what
    /// was added, whatever lies before or after it.
    @Test func spansLeadBackToWhatWasAdded() throws {
        var batch = ContactBatch()
        let names = try batch.addNameList(["NAME", "NOTES"])
        let alternate = try batch.addNameList(["NAME"])
        let zones = batch.addZoneList(["America/Chicago", "America/Denver"], source: "number", ruleKey: "US")
        batch.beginContact(sourceLine: 2, names: names, zones: zones)
        batch.addValue("Ann")
        batch.addValue("said \"call after 5\"\nthanks")
        batch.addNumber("+13125550100", lineType: UInt8(ascii: "F"), origin: 0, names: ContactBatch.none)
        batch.addNumber("+13125550101", lineType: UInt8(ascii: "M"), origin: 1, names: alternate)
        "Ann work".utf8CString.withUnsafeBytes { batch.addValue(utf8: UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
        batch.beginContact(sourceLine: 5, names: ContactBatch.none, zones: zones)
        batch.addValue("")
        batch.addNumber("+442079460958", lineType: 0, origin: 0, names: ContactBatch.none)

        #expect(batch.count == 2)
        let first = batch.contacts[0]
        #expect(first.sourceLine == 2 && first.numberIndices == 0..<2)
        #expect(
            batch.valueSpans(first: first.firstValue, names: first.names).map(batch.string)
                == ["Ann", "said \"call after 5\"\nthanks"])
        let work = batch.numbers[1]
        #expect(batch.string(work.text) == "+13125550101" && work.lineType == UInt8(ascii: "M") && work.origin == 1)
        #expect(batch.valueSpans(first: work.firstValue, names: work.names).map(batch.string) == ["Ann work"])
        #expect(batch.valueSpans(first: batch.numbers[0].firstValue, names: batch.numbers[0].names).isEmpty)
        let second = batch.contacts[1]
        #expect(second.numberIndices == 2..<3 && batch.string(batch.numbers[2].text) == "+442079460958")
        #expect(batch.valueSpans(first: second.firstValue, names: second.names).isEmpty, "no names, no values")
        #expect(
            batch.zoneLists[Int(second.zones)]
                == .init(zones: ["America/Chicago", "America/Denver"], source: "number", ruleKey: "US"))
        let text = batch.withBytes { all in String(decoding: batch.numbers[0].text.bytes(in: all), as: UTF8.self) }
        #expect(text == "+13125550100")

        batch.removeAll()
        #expect(batch.isEmpty && batch.numbers.isEmpty && batch.values.isEmpty && batch.nameLists.isEmpty)
        #expect(batch.zoneLists.isEmpty && batch.bytes.isEmpty)
    }

    /// A contact's values are stored in the order of a name list, so a list that names a variable twice would give a
    /// contact two values for it: the batch refuses such a list, however the two are spelled.
    @Test func aNameListNamesEachVariableOnce() throws {
        var batch = ContactBatch()
        #expect(throws: ContactBatch.DuplicateVariable(name: "NAME")) {
            try batch.addNameList(["NAME", "CITY", "NAME"])
        }
        #expect(throws: ContactBatch.DuplicateVariable(name: "CASE_NUMBER")) {
            try batch.addNameList(["case number", "CASE_NUMBER"])
        }
        #expect(batch.nameLists.isEmpty, "a refused list is not added")
        #expect(try batch.addNameList(["NAME", "NAME_2"]) == 0)
    }

    /// A contact given as names and values (an API caller's) is refused whole when it names a variable twice, on
    /// the contact or on one of its numbers.
    @Test func anImportedContactWithARepeatedVariableIsRefusedWhole() throws {
        var batch = ContactBatch()
        let repeated = ImportedContact(
            sourceLine: 2, numbers: ["+13125550100"], timezones: ["America/Chicago"], timezoneSource: "number",
            variableNames: ["NAME", "name"], variableValues: ["Ann", "Bo"])
        #expect(throws: ContactBatch.DuplicateVariable(name: "NAME")) { try batch.append(repeated) }
        let alternate = ImportedContact(
            sourceLine: 3, numbers: ["+13125550100", "+13125550101"],
            numberVariables: [[:], ["Name": "Ann", "NAME": "Bo"]], timezones: ["America/Chicago"],
            timezoneSource: "number", variables: ["CITY": "Chicago"])
        #expect(throws: ContactBatch.DuplicateVariable(name: "NAME")) { try batch.append(alternate) }
        #expect(batch.isEmpty && batch.nameLists.isEmpty && batch.zoneLists.isEmpty && batch.bytes.isEmpty)
        try batch.append(
            ImportedContact(
                sourceLine: 4, numbers: ["+13125550100", "+13125550101"], numberVariables: [[:], ["NAME": "Bo"]],
                timezones: ["America/Chicago"], timezoneSource: "number", variables: ["NAME": "Ann"]))
        #expect(
            batch.count == 1
                && batch.variables(first: batch.numbers[1].firstValue, names: batch.numbers[1].names)
                    == ["NAME": "Bo"]
        )
    }
}
