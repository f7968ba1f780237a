import Foundation
import Testing

@testable import ContactImport

/// Compares ``PhoneNumberParser`` and ``TimeZoneResolver`` with the `phonenumbers` verdicts in
/// `phonenumbers-sample.tsv` (made by `scripts/phone-metadata/make-differential-fixture.py`).
@Suite struct PhoneNumberDifferentialTests {
    struct Row {
        let inputClass: String
        let region: String
        let input: String
        let valid: Bool
        let e164: String
        let numberRegion: String
        let type: String
        let zones: [String]
    }

    static func rows() throws -> [Row] {
        let text = try String(contentsOf: FixtureLoader.url("phonenumbers-sample.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst(2).map { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Row(
                inputClass: cells[0], region: cells[1], input: cells[2], valid: cells[3] == "1", e164: cells[4],
                numberRegion: cells[5], type: cells[6],
                zones: cells[7].isEmpty ? [] : cells[7].split(separator: "|").map(String.init))
        }
    }

    @Test func fixtureIsLargeAndMixed() throws {
        let rows = try Self.rows()
        #expect(rows.count >= 20_000)
        #expect(Set(rows.map(\.region)).count >= 100)
        #expect(rows.filter(\.valid).count > 5_000)
        #expect(rows.filter { !$0.valid }.count > 5_000)
    }

    @Test func plainInputsAgreeOnValidityE164TypeRegionAndZones() throws {
        let metadata = FixtureLoader.metadata
        let resolver = TimeZoneResolver(metadata: metadata)
        var parsers: [String: PhoneNumberParser] = [:]
        var mismatches: [String] = []
        var compared = 0
        for row in try Self.rows() where row.inputClass == "plain" {
            compared += 1
            let parser = try parsers[row.region] ?? PhoneNumberParser(metadata: metadata, defaultRegion: row.region)
            parsers[row.region] = parser
            let outcome = parser.parse(row.input)
            switch outcome {
            case .valid(let number):
                let zones = resolver.zones(for: number)
                if !row.valid || number.e164 != row.e164 || number.region != row.numberRegion
                    || number.type.rawValue != row.type || zones != row.zones
                {
                    mismatches.append(
                        "\(row.region) '\(row.input)': got \(number.e164) \(number.region) "
                            + "\(number.type.rawValue) \(zones), want \(row.valid ? row.e164 : "invalid") "
                            + "\(row.numberRegion) \(row.type) \(row.zones)")
                }
            case .invalid(let reason):
                if row.valid {
                    mismatches.append("\(row.region) '\(row.input)': got invalid (\(reason)), want \(row.e164)")
                }
            }
        }
        #expect(compared > 20_000)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(15))")
    }

    /// Deliberate divergence, by class: phonenumbers converts vanity letters to digits and strips
    /// extensions; a dialler must not guess, so these are rejected with the reason.
    @Test func letterAndExtensionInputsAreRejectedWithTheirReason() throws {
        let metadata = FixtureLoader.metadata
        var checked = 0
        for row in try Self.rows() where row.inputClass != "plain" {
            let parser = try PhoneNumberParser(metadata: metadata, defaultRegion: row.region)
            let expected: PhoneNumberRejection = row.inputClass == "extension" ? .hasExtension : .containsLetters
            #expect(parser.parse(row.input) == .invalid(expected), "\(row.input)")
            checked += 1
        }
        #expect(checked > 500)
    }
}
