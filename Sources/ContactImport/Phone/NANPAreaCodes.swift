import CampaignCore
import Foundation

/// The jurisdiction of every NANP (+1) area code, with the longer prefixes (area code and exchange) whose state
/// differs from their area code's: `US-FL` for a Florida area code, `US` for a non-geographic US code (toll free),
/// `US-PR` for Puerto Rico, `CA` or `JM` for the other NANP members.
///
/// Load it once with ``loadBundled()`` and share it. The data file is produced by `scripts/nanp-area-codes/generate.py`
/// from libphonenumber's numbering plans and geocoder data.
public struct NANPAreaCodes: Sendable {
    /// The `phonenumbers` package version the data was exported from.
    public let version: String
    /// Area code → jurisdiction.
    public let areaCodes: [String: String]
    /// Area-code-and-exchange prefixes → jurisdiction, where it differs from the area code's.
    public let prefixes: [String: String]
    private let longestPrefix: Int

    /// Loads `nanp-area-codes.json` from this module's resources.
    public static func loadBundled() throws(ContactImportError) -> NANPAreaCodes {
        guard
            let url = Bundle.module.url(
                forResource: "nanp-area-codes", withExtension: "json", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "nanp-area-codes", withExtension: "json")
        else { throw .areaCodesUnavailable(reason: "nanp-area-codes.json is not in the bundle") }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .areaCodesUnavailable(reason: "cannot read \(url.path)")
        }
        return try NANPAreaCodes(json: data)
    }

    /// Builds the table from the JSON document written by the generator script.
    public init(json: Data) throws(ContactImportError) {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: json)
        } catch {
            throw .areaCodesUnavailable(reason: "malformed table: \(error)")
        }
        for (prefix, jurisdiction) in document.areaCodes.merging(document.prefixes, uniquingKeysWith: { $1 }) {
            guard prefix.count >= 3, prefix.utf8.allSatisfy({ (48...57).contains($0) }),
                jurisdiction != ComplianceRules.defaultJurisdiction,
                ComplianceRules.isValidJurisdiction(jurisdiction)
            else { throw .areaCodesUnavailable(reason: "bad entry \(prefix): \(jurisdiction)") }
        }
        version = document.phonenumbersVersion
        areaCodes = document.areaCodes
        prefixes = document.prefixes
        longestPrefix = document.prefixes.keys.map(\.count).max() ?? 3
    }

    /// The jurisdiction of a NANP national number (ten digits, area code first), from its longest listed prefix;
    /// nil when its area code is not in the table.
    public func jurisdiction(nationalNumber: String) -> String? {
        let digits = Array(nationalNumber.utf8)
        guard digits.count >= 3 else { return nil }
        for length in stride(from: min(longestPrefix, digits.count), to: 3, by: -1) {
            if let found = prefixes[String(decoding: digits[..<length], as: UTF8.self)] { return found }
        }
        return areaCodes[String(decoding: digits[..<3], as: UTF8.self)]
    }

    private struct Document: Decodable {
        let phonenumbersVersion: String
        let areaCodes: [String: String]
        let prefixes: [String: String]
    }
}
