import CampaignCore
import Testing

@testable import ContactImport

private let areaCodes: NANPAreaCodes = {
    do {
        return try NANPAreaCodes.loadBundled()
    } catch {
        fatalError("\(error)")
    }
}()

private let resolver = JurisdictionResolver(areaCodes: areaCodes)

private func parsed(_ text: String) throws -> PhoneNumber {
    let outcome = try PhoneNumberParser(metadata: FixtureLoader.metadata, defaultRegion: "US").parse(text)
    return try #require(outcome.number, "\(text) did not parse")
}

/// The 50 states and the District of Columbia.
private let stateCodes: Set<String> = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME",
    "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA",
    "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",
]

@Suite struct JurisdictionResolverTests {
    @Test(arguments: [
        ("+1 415 555 0100", ["US", "US-CA"]), ("+1 305 555 0100", ["US", "US-FL"]),
        ("+1 405 555 0100", ["US", "US-OK"]), ("+1 301 555 0100", ["US", "US-MD"]),
        ("+1 212 555 0100", ["US", "US-NY"]), ("+1 808 555 0100", ["US", "US-HI"]),
        ("+1 202 555 0100", ["US", "US-DC"]), ("+1 416 555 0100", ["CA"]), ("+1 876 555 0100", ["JM"]),
        ("+1 787 555 0100", ["US", "US-PR"]), ("+1 671 555 0100", ["US", "US-GU"]),
        ("+1 800 555 0100", ["US"]), ("+91 98765 43210", ["IN"]), ("+44 20 7946 0958", ["GB"]),
        ("+800 1234 5678", ["001"]),
    ])
    func jurisdictionsOfSampleNumbers(text: String, expected: [String]) throws {
        #expect(resolver.jurisdictions(for: try parsed(text)) == expected)
    }

    @Test func ruleKeyJoinsCountryAndState() throws {
        #expect(resolver.ruleKey(for: try parsed("(305) 555-0100")) == "US|US-FL")
        #expect(resolver.ruleKey(for: try parsed("+91 98765 43210")) == "IN")
    }

    @Test func theAreaCodeTableAndItsSamples() {
        #expect(areaCodes.version == FixtureLoader.metadata.version)
        let samples = ["415": "US-CA", "305": "US-FL", "405": "US-OK", "301": "US-MD", "212": "US-NY", "808": "US-HI"]
        for (code, state) in samples { #expect(areaCodes.areaCodes[code] == state, "\(code)") }
        #expect(areaCodes.areaCodes["416"] == "CA")
        // A longer prefix whose state differs from its area code's wins over the area code.
        for (prefix, state) in areaCodes.prefixes {
            #expect(
                areaCodes.jurisdiction(nationalNumber: prefix + String(repeating: "0", count: 10 - prefix.count))
                    == state)
        }
    }

    /// Every area code for which the phone metadata accepts a geographic US number has a state, and every +1 number
    /// the metadata accepts has an entry.
    @Test func everyGeographicUSAreaCodeHasAState() throws {
        let parser = try PhoneNumberParser(metadata: FixtureLoader.metadata, defaultRegion: "US")
        var geographic = 0
        for code in 200...999 {
            for exchange in ["234", "555", "876", "201"] {
                guard let number = parser.parse("+1\(code)\(exchange)4567").number else { continue }
                #expect(areaCodes.jurisdiction(nationalNumber: number.nationalNumber) != nil, "\(code) has no entry")
                let jurisdictions = resolver.jurisdictions(for: number)
                if number.region == "US", [.fixedLine, .mobile, .fixedLineOrMobile].contains(number.type) {
                    geographic += 1
                    #expect(jurisdictions.count == 2, "\(code): \(jurisdictions)")
                    #expect(
                        jurisdictions.last.map { $0.hasPrefix("US-") && stateCodes.contains(String($0.dropFirst(3))) }
                            == true, "\(code): \(jurisdictions)")
                } else if number.region == "US" {
                    #expect(jurisdictions == ["US"], "\(code): \(jurisdictions)")
                }
                break
            }
        }
        #expect(geographic > 300)
    }
}
