import Testing

@testable import ContactImport

@Suite struct ContactHeaderTests {
    @Test func suffixedAlternatesWithPerAlternateVariables() throws {
        let header = try ContactHeader(fields: [
            "phone_number", "name", "Phone Number 2", "name_2", "phone_number_3", "case number", "address_5",
        ])
        #expect(header.convention == .suffixedAlternates)
        #expect(header.phoneColumns.map(\.index) == [0, 2, 4])
        #expect(header.phoneColumns[1].variables == [.init(index: 3, variable: "NAME")])
        #expect(header.phoneColumns[2].variables.isEmpty)
        #expect(header.variableColumns.map(\.variable) == ["NAME", "CASE_NUMBER", "ADDRESS_5"])
    }

    @Test func namePhoneListConvention() throws {
        let header = try ContactHeader(fields: ["Name", "Phone1", "phone 3", "Phone2", "EMAIL", "phone11"])
        #expect(header.convention == .namePhoneList)
        #expect(header.phoneColumns.map(\.name) == ["Phone1", "Phone2", "phone 3"])
        #expect(header.variableColumns.map(\.variable) == ["NAME", "EMAIL", "PHONE11"])
    }

    @Test func namePhoneListNeedsName() {
        #expect(throws: ContactImportError.missingRequiredColumn(name: "name", convention: "name + phone1…phone10")) {
            try ContactHeader(fields: ["phone1", "email"])
        }
    }

    @Test func phoneNumberWithVariablesAndATimezoneColumn() throws {
        let header = try ContactHeader(fields: ["\u{FEFF}Phone Number", "First Name", "Tax-ID", "Time Zone", ""])
        #expect(header.convention == .phoneNumberWithVariables)
        #expect(header.timeZoneColumn == 3)
        #expect(header.variableColumns.map(\.variable) == ["FIRST_NAME", "TAX_ID"])
    }

    @Test func headerWithoutPhoneColumnIsAClearError() throws {
        #expect(throws: ContactImportError.missingPhoneColumn(header: ["name", "email"])) {
            try ContactHeader(fields: ["name", "email"])
        }
        let message = ContactImportError.missingPhoneColumn(header: ["name", "email"]).description
        #expect(message.contains("phone_number"))
    }

    @Test func duplicateNormalisedColumnsAreRejected() {
        #expect(throws: ContactImportError.duplicateColumn(name: "CASE_NUMBER", columns: [2, 3])) {
            try ContactHeader(fields: ["phone_number", "case number", "Case-Number"])
        }
    }

    @Test func normalisesHeaderNames() {
        #expect(ContactHeader.normalizedName("case number") == "CASE_NUMBER")
        #expect(ContactHeader.normalizedName("Tax-ID") == "TAX_ID")
        #expect(ContactHeader.normalizedName("__Tax  ID__") == "TAX_ID")
    }
}
