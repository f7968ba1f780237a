import CampaignCore
import Foundation
import Testing

@testable import ContactImport

@Suite struct PhoneNumberValidatorTests {
    static let validator: PhoneNumberValidator = {
        do {
            return try PhoneNumberValidator(metadata: FixtureLoader.metadata)
        } catch {
            fatalError("validator: \(error)")
        }
    }()

    @Test(arguments: ["+14155550100", "+14155550101", "+442071838750", "+447400123456", "+49301234567"])
    func validNumbersInE164Pass(_ number: String) {
        #expect(Self.validator.problem(with: number) == nil)
    }

    @Test(arguments: [
        ("+1415555", "too short"), ("+141555501001234", "too long"), ("+9991234567", "invalid country code"),
        ("+15550100000", "not a valid number"), ("+4402071838750", "its E.164 form is +442071838750"),
    ])
    func numbersThatAreOnlyShapedLikeOneAreRefused(_ number: String, _ reason: String) {
        let problem = Self.validator.problem(with: number)
        #expect(problem?.contains(reason) == true, "\(number): \(problem ?? "accepted")")
    }

    @Test func aSettingsDocumentNamesTheBadPoolNumber() {
        let json = #"{"name": "D", "agent": {"name": "Z"}, "numberPool": ["+14155550100", "+1415555"]}"#
        let error = #expect(throws: SettingsError.self) {
            try CampaignSettings.parse(Data(json.utf8), numbers: Self.validator)
        }
        #expect(error?.key == "numberPool[1]")
        #expect(
            error?.description == "settings key 'numberPool[1]': '+1415555' is not a valid phone number (too short)")
    }
}
