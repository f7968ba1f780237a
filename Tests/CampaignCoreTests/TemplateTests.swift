import Testing

@testable import CampaignCore

@Suite struct TemplateTests {
    @Test func rendersVariablesCaseInsensitivelyWithSpacesInBraces() {
        let template = Template("Hi {{ name }}, this is Zara about case {{CASE_NUMBER}} ({{Case Number}}).")
        let text = template.render(["NAME": "Ann", "case number": "C-42"])
        #expect(text == "Hi Ann, this is Zara about case C-42 (C-42).")
    }

    @Test func nameDefaultsToThereWhenMissingOrBlank() {
        let template = Template("Hi {{NAME}}!")
        #expect(template.render([:]) == "Hi there!")
        #expect(template.render(["NAME": "  "]) == "Hi there!")
        #expect(template.render(["name": "Bo"]) == "Hi Bo!")
    }

    @Test func missingValuesRenderEmptyNeverTheLiteralToken() {
        let text = Template("Mail {{EMAIL}} re {{Tax-ID}} / {{UNKNOWN}}.").render([:])
        #expect(text == "Mail  re  / .")
        #expect(!text.contains("{{"))
    }

    @Test func keepsBracesThatAreNotTokens() {
        #expect(Template("{{}} and {{ }} and {{open").render([:]) == "{{}} and {{ }} and {{open")
        #expect(Template("{{{NAME}}}").render(["NAME": "A"]) == "{A}")
    }

    @Test func listsVariablesInOrderWithoutRepeats() {
        let texts = [
            "Hi {{NAME}}, case {{case number}}.", "Prompt {{Tax-ID}} {{CASE_NUMBER}} {{email}}", "VM {{ name }}",
        ]
        #expect(Template.variables(in: texts) == ["NAME", "CASE_NUMBER", "TAX_ID", "EMAIL"])
        #expect(Template(texts[0]).variables == ["NAME", "CASE_NUMBER"])
    }

    @Test func normalisesNames() {
        #expect(Template.normalizedName("case number") == "CASE_NUMBER")
        #expect(Template.normalizedName("Tax-ID") == "TAX_ID")
        #expect(Template.normalizedName("  --first   name!! ") == "FIRST_NAME")
        #expect(Template.normalizedName("---") == "")
    }

    @Test func csvTemplateHeaderHasPhoneNameThenOtherVariablesLowerCased() {
        let variables = Template.variables(in: ["Hi {{NAME}} about {{Case Number}} and {{Tax-ID}}"])
        #expect(Template.csvTemplateHeader(variables: variables) == "phone_number,name,case_number,tax_id")
        #expect(Template.csvTemplateHeader(variables: []) == "phone_number,name")
        #expect(Template.csvTemplateHeader(variables: ["PHONE_NUMBER", "EMAIL"]) == "phone_number,name,email")
    }

    @Test func variableMappingFeedsAgentVariablesFromOtherColumns() {
        let mapping = Template.VariableMapping(["Customer": "name", "Ref No": "CASE_NUMBER"])
        #expect(mapping.variable(forColumn: "customer") == "NAME")
        let mapped = mapping.apply(to: ["CUSTOMER": "Ann", "REF_NO": "C-7", "NAME": ""])
        #expect(mapped["NAME"] == "Ann")
        #expect(mapped["CASE_NUMBER"] == "C-7")
        #expect(mapped["CUSTOMER"] == "Ann")
        #expect(Template("Hi {{NAME}}, case {{CASE_NUMBER}}").render(mapped) == "Hi Ann, case C-7")
        let kept = mapping.apply(to: ["CUSTOMER": "", "NAME": "Bob"])
        #expect(kept["NAME"] == "Bob")
    }
}

@Suite struct CallVariablesTests {
    @Test func aCallToAnAlternateRendersThatAlternatesVariables() {
        let contact = ["NAME": "Ann", "CASE_NUMBER": "C-7"]
        let perNumber: [[String: String]] = [[:], ["NAME": "Bob"]]
        let primary = Template.callVariables(contact: contact, numberVariables: perNumber, numberIndex: 0)
        let alternate = Template.callVariables(contact: contact, numberVariables: perNumber, numberIndex: 1)
        let beyond = Template.callVariables(contact: contact, numberVariables: perNumber, numberIndex: 2)
        #expect(Template("Hi {{NAME}} about {{CASE_NUMBER}}").render(primary) == "Hi Ann about C-7")
        #expect(Template("Hi {{NAME}} about {{CASE_NUMBER}}").render(alternate) == "Hi Bob about C-7")
        #expect(beyond == contact)
    }
}
