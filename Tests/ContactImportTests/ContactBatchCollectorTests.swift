import CampaignCore
import CampaignStore
import Foundation
import Testing

@testable import ContactImport

@Suite struct ContactBatchCollectorTests {
    /// A contact as a batch holds it, in plain values to compare.
    struct Decoded: Equatable {
        var line: Int
        var numbers: [String]
        var columns: [String]
        var zones: [String]
        var source: String
        var variables: [String: String]
        var numberVariables: [[String: String]]
    }

    static func decode(_ batch: ContactRowBatch, header: ContactHeader) -> [Decoded] {
        let contacts = batch.contacts
        return contacts.contacts.map { contact in
            let numbers = contact.numberIndices.map { contacts.numbers[$0] }
            let zones = contacts.zoneLists[Int(contact.zones)]
            return Decoded(
                line: contact.sourceLine, numbers: numbers.map { contacts.string($0.text) },
                columns: numbers.map { header.phoneColumns[Int($0.origin)].name }, zones: zones.zones,
                source: zones.source, variables: contacts.variables(first: contact.firstValue, names: contact.names),
                numberVariables: numbers.map { contacts.variables(first: $0.firstValue, names: $0.names) })
        }
    }

    static func reader(_ path: String) throws -> ContactRowReader {
        let options = ContactRowReader.Options(defaultRegion: "US", defaultTimeZone: "America/Chicago")
        return try ContactRowReader(path: path, options: options, metadata: FixtureLoader.metadata)
    }

    /// Reads `path` through the import's collector in batches of `batchSize`.
    static func batches(
        _ path: String, batchSize: Int, mapping: Template.VariableMapping = .init()
    ) async throws -> (ContactHeader, [ContactRowBatch]) {
        let reader = try Self.reader(path)
        let header = reader.header
        let rows = ContactReadAhead(
            reader, batchSize: batchSize, collector: ContactBatchCollector(header: header, mapping: mapping))
        var batches: [ContactRowBatch] = []
        while let batch = try await rows.next() { batches.append(batch) }
        await rows.close()
        return (header, batches)
    }

    /// The batches say what the row-by-row reader says: the same contacts, numbers, columns, zones and variables,
    /// the same problems in the same order, whatever the batch size; each list is stored once per batch and every
    /// index points into its own batch.
    @Test(arguments: [1, 2, 1024])
    func batchesHoldWhatTheRowsSay(batchSize: Int) async throws {
        for fixture in [
            "convention1-alternates.csv", "convention2-name-phones.csv", "convention3-variables.csv",
            "quoted-newlines.csv", "ragged.csv", "timezone-column.csv", "extensions-letters.csv",
        ] {
            let path = try FixtureLoader.path(fixture)
            let (_, rows) = try ContactRowReaderTests.rows(fixture)
            var expected: [Decoded] = []
            var problems: [RowProblem] = []
            for row in rows {
                switch row {
                case .rejected(let problem):
                    problems.append(problem)
                case .contact(let contact):
                    problems += contact.warnings
                    expected.append(
                        Decoded(
                            line: contact.sourceLine, numbers: contact.e164Numbers,
                            columns: contact.numbers.map(\.column), zones: contact.timeZone.zones,
                            source: contact.timeZone.source.rawValue, variables: contact.variables,
                            numberVariables: contact.numbers.map(\.variables)))
                }
            }
            let (header, batches) = try await Self.batches(path, batchSize: batchSize)
            #expect(batches.map(\.rowCount).reduce(0, +) == rows.count, "\(fixture)")
            #expect(batches.allSatisfy { $0.rowCount <= batchSize })
            #expect(batches.flatMap { Self.decode($0, header: header) } == expected, "\(fixture), \(batchSize)")
            #expect(batches.flatMap(\.problems) == problems, "\(fixture), \(batchSize)")
            for batch in batches {
                #expect(Set(batch.contacts.nameLists).count == batch.contacts.nameLists.count, "\(fixture)")
                #expect(Set(batch.contacts.zoneLists).count == batch.contacts.zoneLists.count, "\(fixture)")
            }
        }
    }

    /// A mapped column adds its agent variable only where the cell has a value, so the rows of one batch name
    /// different variables; each row's (and each alternate's) must be what the mapping makes of its own variables.
    @Test func aMappingRenamesRowByRowWhenTheMappedCellIsSometimesEmpty() async throws {
        let path = FixtureLoader.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let lines = [
            "phone_number,Customer Name,Ticket,phone_number_2,customer name_2",
            "4155550100,Ada,T-1,4155550200,Ada at work",
            "4155550101,,T-2,4155550201,",
            "4155550102,Bo,,,",
            "4155550103,,,4155550203,Cy at home",
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let mapping = Template.VariableMapping(["Customer Name": "NAME", "ticket": "case number"])
        var reader = try Self.reader(path)
        var rows: [ContactRow] = []
        while let row = try reader.next() { rows.append(row) }
        let expected = try rows.map { row in
            let contact = try ContactRowReaderTests.contact(row)
            return (
                mapping.apply(to: contact.variables),
                contact.numbers.map { mapping.apply(to: $0.variables) }
            )
        }
        for batchSize in [1, 4] {
            let (header, batches) = try await Self.batches(path, batchSize: batchSize, mapping: mapping)
            let decoded = batches.flatMap { Self.decode($0, header: header) }
            #expect(decoded.map(\.variables) == expected.map(\.0), "batches of \(batchSize)")
            #expect(decoded.map(\.numberVariables) == expected.map(\.1), "batches of \(batchSize)")
            #expect(decoded[1].variables["NAME"] == nil && decoded[1].variables["CASE_NUMBER"] == "T-2")
            #expect(decoded[3].numberVariables[1]["NAME"] == "Cy at home")
            for batch in batches {
                for contact in batch.contacts.contacts where contact.names != ContactBatch.none {
                    let names = batch.contacts.nameLists[Int(contact.names)]
                    #expect(names == names.sorted(), "mapped variables are stored in name order")
                }
            }
        }
    }
}
