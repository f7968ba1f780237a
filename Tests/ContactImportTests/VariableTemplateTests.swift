import Testing

@testable import ContactImport

@Suite struct VariableTemplateTests {
    @Test func fillsEveryVariableLikeInsertingThemOneByOne() {
        let columns = [
            ContactHeader.VariableColumn(index: 1, variable: "FIRST_NAME"),
            ContactHeader.VariableColumn(index: 3, variable: "EMAIL"),
            ContactHeader.VariableColumn(index: 7, variable: "NOTES"),
        ]
        let template = VariableTemplate(columns)
        let cells = ["+14155550100", "Ann", "x", "ann@example.com"]
        func cell(_ index: Int) -> String { index < cells.count ? cells[index] : "" }
        var expected: [String: String] = [:]
        for column in columns { expected[column.variable] = cell(column.index) }
        #expect(template.variables(cell) == expected)
        #expect(template.variables { _ in "same" } == ["FIRST_NAME": "same", "EMAIL": "same", "NOTES": "same"])
        #expect(template.variables(cell) == expected, "each row starts from the blank template")
    }

    @Test func noColumnsGiveNoVariables() {
        #expect(VariableTemplate([]).variables { _ in "x" }.isEmpty)
    }
}
