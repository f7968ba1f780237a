import Foundation
import Testing

@testable import ContactImport

@Suite struct ContactRowReaderTests {
    static func rows(_ fixture: String, region: String = "US") throws -> (ContactHeader, [ContactRow]) {
        let path = try FixtureLoader.path(fixture)
        let options = ContactRowReader.Options(defaultRegion: region, defaultTimeZone: "America/Chicago")
        var reader = try ContactRowReader(path: path, options: options, metadata: FixtureLoader.metadata)
        var rows: [ContactRow] = []
        while let row = try reader.next() { rows.append(row) }
        return (reader.header, rows)
    }

    static func contact(_ row: ContactRow) throws -> ContactCandidate {
        guard case .contact(let contact) = row else { throw ContactImportError.emptyFile }
        return contact
    }

    @Test func alternatesCarryTheirOwnVariablesAndBadAlternatesAreWarnings() throws {
        let (header, rows) = try Self.rows("convention1-alternates.csv")
        #expect(header.convention == .suffixedAlternates)
        let ann = try Self.contact(rows[0])
        #expect(ann.sourceLine == 2)
        #expect(ann.e164Numbers == ["+14155550100", "+442079460958"])
        #expect(ann.numbers[1].variables == ["NAME": "Ann at work"])
        #expect(ann.variables == ["NAME": "Ann", "CASE_NUMBER": "C-1"])
        #expect(
            ann.warnings == [
                RowProblem(line: 2, column: "phone_number_3", reason: "too short (12)", severity: .warning)
            ])
        #expect(ann.timeZone == TimeZoneResolution(zones: ["America/Los_Angeles"], source: .number))
        let bob = try Self.contact(rows[1])
        #expect(bob.e164Numbers == ["+14155550101"])
        #expect(bob.numbers[0].column == "phone_number_2")
        #expect(bob.numbers[0].variables == ["NAME": "Bobby"])
    }

    @Test func invalidPrimaryPromotesTheNextUsableNumber() throws {
        let (header, rows) = try Self.rows("convention2-name-phones.csv", region: "GB")
        #expect(header.convention == .namePhoneList)
        let ann = try Self.contact(rows[0])
        #expect(ann.e164Numbers == ["+442079460958"])
        #expect(ann.warnings.map(\.column) == ["Phone1"])
        #expect(ann.timeZone == TimeZoneResolution(zones: ["Europe/London"], source: .number))
        guard case .rejected(let bob) = rows[1] else { Issue.record("Bob imported"); return }
        #expect(bob.column == "Phone1")
        #expect(bob.reason.hasPrefix("no usable number (Phone3: "))
    }

    @Test func namePhoneListConventionWithUSDefault() throws {
        let (_, rows) = try Self.rows("convention2-name-phones.csv")
        let ann = try Self.contact(rows[0])
        #expect(ann.e164Numbers == ["+14155550100"])
        #expect(ann.warnings.map(\.column) == ["Phone2"])
        let bob = try Self.contact(rows[1])
        #expect(bob.e164Numbers == ["+12125550199"])
        #expect(bob.variables == ["NAME": "Bob", "EMAIL": ""])
        #expect(bob.timeZone.zones == ["America/New_York"])
    }

    @Test func everyOtherColumnIsANormalisedVariable() throws {
        let (header, rows) = try Self.rows("convention3-variables.csv")
        #expect(header.convention == .phoneNumberWithVariables)
        #expect(try Self.contact(rows[0]).variables == ["FIRST_NAME": "Ann", "TAX_ID": "12-345", "CASE_NUMBER": "A1"])
    }

    @Test func timezoneColumnWinsAndBadZonesFallBackWithAWarning() throws {
        let (_, rows) = try Self.rows("timezone-column.csv")
        let contacts = try rows.map(Self.contact)
        #expect(contacts[0].timeZone == TimeZoneResolution(zones: ["Europe/London"], source: .column))
        #expect(contacts[1].timeZone == TimeZoneResolution(zones: ["America/Los_Angeles"], source: .number))
        #expect(contacts[1].warnings.first?.reason == "unknown time zone 'Mars/Olympus'")
        #expect(contacts[2].timeZone.source == .number)
        #expect(contacts[3].timeZone.zones == ["Europe/London"])
        #expect(contacts[0].variables["TIMEZONE"] == nil)
    }

    @Test func extensionsLettersAndShortNumbersAreRejectedWithReasons() throws {
        let (_, rows) = try Self.rows("extensions-letters.csv")
        #expect(rows.count == 6)
        guard case .rejected(let first) = rows[0] else { Issue.record("row 2 imported"); return }
        #expect(
            first
                == RowProblem(
                    line: 2, column: "phone_number",
                    reason: "no usable number (phone_number: has extension (415-555-0100 x123))",
                    severity: .rejected))
        guard case .rejected(let letters) = rows[1] else { Issue.record("row 3 imported"); return }
        #expect(letters.reason.contains("contains letters"))
        guard case .rejected(let ext) = rows[2] else { Issue.record("row 4 imported"); return }
        #expect(ext.reason.contains("has extension"))
        #expect(try Self.contact(rows[3]).e164Numbers == ["+442079460958"])
        guard case .rejected(let short) = rows[4], case .rejected(let empty) = rows[5] else {
            Issue.record("short or empty number imported")
            return
        }
        #expect(short.reason.contains("too short"))
        #expect(empty.reason == "no usable number (no phone number given)")
        #expect(empty.line == 7)
    }

    @Test func raggedRowsAreRejectedButTrailingEmptyFieldsAreNot() throws {
        let (_, rows) = try Self.rows("ragged.csv")
        guard case .rejected(let ragged) = rows[0] else { Issue.record("ragged row imported"); return }
        #expect(ragged.line == 2)
        #expect(ragged.reason == "row has 3 fields but the header has 2")
        #expect(try Self.contact(rows[1]).e164Numbers == ["+14155550101"])
        #expect(try Self.contact(rows[2]).e164Numbers == ["+14155550102"])
    }

    @Test func messyFilesStillYieldContactsWithSourceLines() throws {
        for fixture in ["bom.csv", "crlf.csv", "lone-cr.csv", "tab.csv", "quoted-newlines.csv", "windows-1252.csv"] {
            let (_, rows) = try Self.rows(fixture)
            let contacts = try rows.map(Self.contact)
            #expect(contacts.first?.e164Numbers == ["+14155550100"], "\(fixture)")
        }
        let (_, quoted) = try Self.rows("quoted-newlines.csv")
        #expect(try quoted.map(Self.contact).map(\.sourceLine) == [2, 4])
        let (_, latin) = try Self.rows("windows-1252.csv")
        #expect(try Self.contact(latin[0]).variables["NAME"] == "Renée")
    }

    @Test func fileLevelProblemsAreErrors() throws {
        let options = ContactRowReader.Options(defaultRegion: "US", defaultTimeZone: "America/Chicago")
        #expect(throws: ContactImportError.emptyFile) {
            _ = try ContactRowReader(
                path: FixtureLoader.path("empty.csv"), options: options, metadata: FixtureLoader.metadata)
        }
        #expect(throws: ContactImportError.self) {
            _ = try ContactRowReader(
                path: FixtureLoader.path("no-phone-column.csv"), options: options, metadata: FixtureLoader.metadata)
        }
        let badZone = ContactRowReader.Options(defaultRegion: "US", defaultTimeZone: "Nowhere/Town")
        #expect(throws: ContactImportError.unknownTimeZone("Nowhere/Town")) {
            _ = try ContactRowReader(
                path: FixtureLoader.path("crlf.csv"), options: badZone, metadata: FixtureLoader.metadata)
        }
        var reader = try ContactRowReader(
            path: FixtureLoader.path("unterminated-quote.csv"), options: options, metadata: FixtureLoader.metadata)
        #expect(throws: ContactImportError.unterminatedQuote(line: 2, column: 2)) { _ = try reader.next() }
    }
}
