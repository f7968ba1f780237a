import Testing

@testable import ContactImport

@Suite struct PhoneNumberParserTests {
    static func parse(_ text: String, _ region: String = "US") throws -> PhoneParseOutcome {
        try PhoneNumberParser(metadata: FixtureLoader.metadata, defaultRegion: region).parse(text)
    }

    @Test(arguments: [
        ("(415) 555-0100", "US", "+14155550100"), ("415.555.0100", "US", "+14155550100"),
        ("1-415-555-0100", "US", "+14155550100"), ("+1 415 555 0100", "US", "+14155550100"),
        ("+44 20 7946 0958", "US", "+442079460958"), ("0049 30 1234567", "DE", "+49301234567"),
        ("00 44 20 7946 0958", "DE", "+442079460958"), ("011 44 20 7946 0958", "US", "+442079460958"),
        ("020 7946 0958", "GB", "+442079460958"), ("07400 123456", "gb", "+447400123456"),
        ("４１５ ５５５ ０１００", "US", "+14155550100"),
    ])
    func normalisesToE164(text: String, region: String, expected: String) throws {
        #expect(try Self.parse(text, region).number?.e164 == expected)
    }

    @Test func classifiesTypes() throws {
        #expect(try Self.parse("020 7946 0958", "GB").number?.type == .fixedLine)
        #expect(try Self.parse("07400 123456", "GB").number?.type == .mobile)
        #expect(try Self.parse("(415) 555-0100").number?.type == .fixedLineOrMobile)
        #expect(try Self.parse("1-800-555-0100").number?.type == .tollFree)
        #expect(try Self.parse("1-900-555-0100").number?.type == .premium)
        #expect(try Self.parse("+44 56 1234 5678").number?.type == .voip)
    }

    @Test(arguments: [
        ("415-555-0100 x123", PhoneNumberRejection.hasExtension),
        ("(415) 555-0100 ext. 5", .hasExtension), ("415 555 0100 #12", .hasExtension),
        ("415 555 0100,,12", .hasExtension), ("1-800-FLOWERS", .containsLetters), ("Tel: 4155550100", .containsLetters),
        ("", .empty), ("   ", .empty), ("12", .tooShort), ("1", .notANumber), ("4", .notANumber),
        ("415 555 01001234567890", .tooLong), ("+999 1234 5678", .invalidCountryCode),
        ("(415) 155-0100", .notValidForRegion("US")), ("415*555*0100", .invalidCharacter("*")),
        ("+1 415 +555", .invalidCharacter("+")),
    ])
    func rejectsWithAReason(text: String, reason: PhoneNumberRejection) throws {
        #expect(try Self.parse(text) == .invalid(reason))
    }

    @Test func reasonsReadWell() {
        #expect(PhoneNumberRejection.hasExtension.description == "has extension")
        #expect(PhoneNumberRejection.containsLetters.description == "contains letters")
        #expect(PhoneNumberRejection.notValidForRegion("GB").description == "not a valid number for GB")
    }

    @Test func unknownDefaultRegionIsAnError() {
        #expect(throws: ContactImportError.unknownRegion("XX")) {
            _ = try PhoneNumberParser(metadata: FixtureLoader.metadata, defaultRegion: "XX")
        }
    }

    @Test func metadataRecordsItsSource() {
        #expect(FixtureLoader.metadata.version.split(separator: ".").count == 3)
        #expect(FixtureLoader.metadata.supportedRegions.count > 200)
    }
}

@Suite struct TimeZoneResolverTests {
    let resolver = TimeZoneResolver(metadata: FixtureLoader.metadata)

    func number(_ text: String) throws -> PhoneNumber {
        try #require(try PhoneNumberParser(metadata: FixtureLoader.metadata, defaultRegion: "US").parse(text).number)
    }

    @Test func areaCodePinsTheZoneForNANP() throws {
        #expect(resolver.zones(for: try number("(212) 555-0199")) == ["America/New_York"])
        #expect(resolver.zones(for: try number("(415) 555-0100")) == ["America/Los_Angeles"])
        #expect(resolver.zones(for: try number("+44 20 7946 0958")) == ["Europe/London"])
    }

    @Test func returnsEveryCandidateWhenThePrefixDoesNotPinOneDown() throws {
        #expect(resolver.zones(for: try number("+1 208 555 0100")) == ["America/Boise", "America/Los_Angeles"])
        let resolution = resolver.resolve(column: nil, number: try number("+1 208 555 0100"), defaultZone: "UTC")
        #expect(resolution.source == .number)
        #expect(resolution.zones.count == 2)
    }

    @Test func columnWinsThenNumberThenDefault() throws {
        let london = try number("+44 20 7946 0958")
        #expect(
            resolver.resolve(column: "Asia/Tokyo", number: london, defaultZone: "UTC")
                == TimeZoneResolution(zones: ["Asia/Tokyo"], source: .column))
        #expect(resolver.resolve(column: "Mars/Olympus", number: london, defaultZone: "UTC").source == .number)
        #expect(
            resolver.resolve(column: nil, number: nil, defaultZone: "UTC")
                == TimeZoneResolution(zones: ["UTC"], source: .default))
    }

    @Test func everyZoneInTheMetadataIsKnownToFoundation() {
        let zones = Set(FixtureLoader.metadata.timeZoneSets.joined())
        #expect(zones.count > 200)
        #expect(zones.filter { resolver.validatedZone($0) == nil }.isEmpty)
    }

    @Test func validatesZoneNames() {
        #expect(resolver.validatedZone(" Europe/Paris ") == "Europe/Paris")
        #expect(resolver.validatedZone("Mars/Olympus") == nil)
        #expect(resolver.validatedZone("") == nil)
    }
}
