import CampaignCore
import ContactImport
import Foundation

/// Reading a campaign settings document (SPEC §10), pool numbers checked against the bundled numbering plans
/// (CampaignCore alone can only check the E.164 shape).
public enum SettingsDocument {
    /// The largest document accepted, in bytes.
    public static let maxBytes = 1 << 20

    /// Parses and validates `data`; throws the parser's ``SettingsError`` naming the field, or an ``AppFailure``.
    public static func parse(_ data: Data) throws -> CampaignSettings {
        guard data.count <= maxBytes else {
            throw AppFailure("a settings document is at most 1 MB; this one is \(data.count) bytes")
        }
        return try CampaignSettings.parse(data, numbers: try numberValidator())
    }

    /// The validator of pool numbers: numbering plans from the bundled phone metadata.
    public static func numberValidator() throws -> PhoneNumberValidator {
        do {
            return try PhoneNumberValidator(metadata: try PhoneMetadata.loadBundled())
        } catch {
            throw AppFailure("cannot load the phone-number metadata: \(error)")
        }
    }
}
