import CampaignCore
import Testing

@Suite("Catalog rules: exact money, carrier fields, agent stream URLs, previews and CSV templates")
struct CatalogRulesTests {
    @Test(arguments: [
        ("0.012", Int64(12_000), "0.012"), ("3", 3_000_000, "3"), (".5", 500_000, "0.5"), ("0.000001", 1, "0.000001"),
        ("10.100", 10_100_000, "10.1"), ("0", 0, "0"),
    ])
    func decimalsAreHeldExactlyInMillionths(text: String, micros: Int64, printed: String) {
        let amount = MicroAmount(decimal: text)
        #expect(amount?.micros == micros)
        #expect(amount?.description == printed)
    }

    @Test(arguments: ["-1", "1e-3", "0.0000001", "", ".", "1.", "abc", "1,5", "+2", "0x10"])
    func aNegativeOrUnexactOrNonDecimalAmountIsRefused(text: String) {
        #expect(MicroAmount(decimal: text) == nil)
    }

    @Test func aValidSipCarrierHasNoProblemsAndEachBadFieldIsNamed() {
        let good = CarrierDraft(
            name: "Trunk", kind: .sip, address: "sip.example.net:5060", cps: 5, ratePerMinute: MicroAmount(micros: 1))
        #expect(good.validate().isEmpty)
        var bad = good
        bad.name = " "
        bad.address = "sip.example.net"
        bad.cps = 0
        bad.ringTimeoutSeconds = 2
        bad.billingIncrementSeconds = 0
        #expect(
            bad.validate().map(\.key) == ["name", "address", "cps", "ringTimeoutSeconds", "billingIncrementSeconds"])
        #expect(CarrierDraft(name: "T", kind: .twilio).validate().map(\.key) == ["kind"])
        #expect(CarrierDraft(name: "S", kind: .sip).validate().map(\.key) == ["address"], "sip needs an address")
        #expect(CarrierDraft(name: "Sim").validate().isEmpty, "the simulator needs no address")
    }

    @Test(arguments: [
        ("10.0.0.1:5060", true), ("[2001:db8::1]:5061", true), ("trunk-1.example.com:65535", true),
        ("example.com", false), ("example.com:0", false), ("example.com:70000", false), (":5060", false),
        ("bad host:5060", false), ("-x.example:5060", false), ("example.com:50a", false),
    ])
    func carrierAddressesAreHostAndPort(address: String, valid: Bool) {
        #expect((CarrierDraft.addressProblem(address) == nil) == valid, "\(address)")
    }

    @Test func kindsReadTheOldSipTrunkName() {
        #expect(CarrierKind(parsing: "sip-trunk") == .sip)
        #expect(CarrierKind(parsing: "sip") == .sip)
        #expect(CarrierKind(parsing: "carrier-pigeon") == nil)
        #expect(!CarrierKind.twilio.isBuilt)
    }

    @Test(arguments: [
        ("wss://agent.example.com/stream", true), ("ws://127.0.0.1:8081/media", true), ("https://agent.example", false),
        ("wss://", false), ("agent.example.com", false), ("wss://exa mple.com", false),
    ])
    func streamUrlsAreWebSocketUrls(url: String, valid: Bool) {
        #expect((AgentRules.streamUrlProblem(url) == nil) == valid, "\(url)")
        let problems = AgentRules.problems(profile: AgentProfile(name: "A"), streamUrl: url)
        #expect(problems.map(\.key) == (valid ? [] : ["streamUrl"]))
    }

    @Test func aPreviewSaysThereForAMissingNameAndNothingForOtherMissingVariables() {
        let profile = AgentProfile(
            name: "Zara", greeting: "Hi {{NAME}}, about {{case number}}", prompt: "Case {{CASE_NUMBER}}",
            voicemailMessage: "Call {{AGENT_PHONE}}")
        let blank = AgentRules.preview(profile, variables: [:])
        #expect(blank["greeting"] == "Hi there, about ")
        #expect(blank["voicemailMessage"] == "Call ")
        let filled = AgentRules.preview(profile, variables: ["name": "Ann", "Case Number": "42"])
        #expect(filled["greeting"] == "Hi Ann, about 42" && filled["prompt"] == "Case 42")
        #expect(Agent(id: 1, orgId: 1, profile: profile).variables == ["NAME", "CASE_NUMBER", "AGENT_PHONE"])
    }

    @Test func theCsvTemplateHasPhoneNumberNameAndEachVariableWithAnExampleRow() {
        let csv = AgentRules.csvTemplate(variables: ["NAME", "CASE_NUMBER", "DUE_DATE"])
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0] == "phone_number,name,case_number,due_date")
        #expect(lines[1].hasPrefix("+14155550123,Alex Example,"))
        #expect(lines[1].split(separator: ",").count == 4)
    }
}
