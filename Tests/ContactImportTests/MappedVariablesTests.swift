import CampaignCore
import CampaignStore
import Foundation
import Testing

@testable import ContactImport

/// A mapping can make two columns feed one variable (a column mapped onto a variable the file has a column of, or two
/// columns mapped to one variable). A contact still gets one value per name, the same one as before, and a row where
/// the other cell holds a different value says so in a warning instead of dropping it silently.
@Suite struct MappedVariablesTests {
    /// The batches of a file of `lines`; checks that every contact's variables (and each number's) are what
    /// ``Template/VariableMapping/apply(to:)`` makes of the row's columns, as the import stored them before.
    static func batches(
        _ lines: [String], mapping: Template.VariableMapping
    ) async throws -> (
        ContactHeader, [ContactRowBatch]
    ) {
        let path = FixtureLoader.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var reader = try ContactBatchCollectorTests.reader(path)
        var expected: [[[String: String]]] = []
        while let row = try reader.next() {
            let contact = try ContactRowReaderTests.contact(row)
            expected.append(
                [mapping.apply(to: contact.variables)] + contact.numbers.map { mapping.apply(to: $0.variables) })
        }
        let (header, batches) = try await ContactBatchCollectorTests.batches(path, batchSize: 2, mapping: mapping)
        let decoded = batches.flatMap { ContactBatchCollectorTests.decode($0, header: header) }
        #expect(decoded.map { [$0.variables] + $0.numberVariables } == expected)
        return (header, batches)
    }

    @Test func aColumnMappedOntoAnotherColumnsVariableWarnsWhereTheyDiffer() async throws {
        let (header, batches) = try await Self.batches(
            [
                "phone_number,name,Customer Name",
                "4155550100,Bob,Ann",
                "4155550101,,Cy",
                "4155550102,Di,",
                "4155550103,Ed,Ed",
                "4155550104,,",
            ], mapping: Template.VariableMapping(["Customer Name": "NAME"]))
        let decoded = batches.flatMap { ContactBatchCollectorTests.decode($0, header: header) }
        #expect(decoded.map { $0.variables["NAME"] } == ["Ann", "Cy", "Di", "Ed", ""], "the mapped cell first")
        #expect(decoded.map { $0.variables["CUSTOMER_NAME"] } == ["Ann", "Cy", "", "Ed", ""])
        #expect(
            batches.flatMap(\.problems) == [
                RowProblem(
                    line: 2, column: "name",
                    reason: "NAME takes the value of column Customer Name; this different value is not used for it",
                    severity: .warning)
            ])
        #expect(batches.map(\.rowCount).reduce(0, +) == 5)
    }

    @Test func twoColumnsMappedToOneVariableWarnWhereTheyDiffer() async throws {
        let (header, batches) = try await Self.batches(
            [
                "phone_number,first,given,phone_number_2,first_2,given_2",
                "4155550100,Ann,Bo,4155550200,Al,Al",
                "4155550101,Cy,,4155550201,Di,Ed",
                "4155550102,,,,,",
            ], mapping: Template.VariableMapping(["first": "NAME", "given": "NAME"]))
        let decoded = batches.flatMap { ContactBatchCollectorTests.decode($0, header: header) }
        #expect(decoded.map { $0.variables["NAME"] } == ["Bo", "Cy", nil], "the last mapped column by name first")
        #expect(decoded.map { $0.variables["FIRST"] } == ["Ann", "Cy", ""])
        #expect(decoded.map { $0.numberVariables.last?["NAME"] } == ["Al", "Ed", nil])
        #expect(
            batches.flatMap(\.problems).map { "\($0.line) \($0.column): \($0.reason)" } == [
                "2 first: NAME takes the value of column given; this different value is not used for it",
                "3 first_2: NAME takes the value of column given_2; this different value is not used for it",
            ])
    }
}
