import CampaignCore
import Testing

@Suite struct ContactBatchTests {
    /// Every text of a batch lives in one buffer; the spans of each contact and number lead back to exactly what
    /// was added, whatever lies before or after it.
    @Test func spansLeadBackToWhatWasAdded() {
        var batch = ContactBatch()
        let names = batch.addNameList(["NAME", "NOTES"])
        let alternate = batch.addNameList(["NAME"])
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
}
