import ArgumentParser
import CampaignCore
import CampaignStore
import ContactImport
import Foundation
import OutboundApp

/// The composition root: everything the commands use is built here from the command's options.
enum App {
    /// Opens the store behind `--db` (SPEC §11 "Databases"). Only commands that create data pass `creating`, so a
    /// mistyped path never leaves an empty database behind; an Outbound database of an older schema is migrated;
    /// anything else at the path (another program's file, a folder, a FIFO) is refused untouched.
    static func openStore(_ location: String, creating: Bool) async throws -> SQLCampaignStore {
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            throw CommandFailure("--db: the PostgreSQL backend is not available yet; use a SQLite file path")
        }
        try PathArgument.database(location)
        if !creating && FileKind(path: location) == .missing {
            throw CommandFailure("--db: no database at '\(location)' (create one with 'outbound campaign create')")
        }
        do {
            return try await SQLCampaignStore.openSQLite(path: location, creating: creating)
        } catch StoreError.unavailable(let reason) {
            throw CommandFailure("--db: \(reason)")
        }
    }

    /// Opens the store, runs `body`, and closes the store whether `body` succeeds or throws.
    static func withStore<T>(
        _ location: String, creating: Bool, _ body: (SQLCampaignStore) async throws -> T
    )
        async throws -> T
    {
        let store = try await openStore(location, creating: creating)
        do {
            let value = try await body(store)
            try await store.close()
            return value
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// Loads a campaign or fails with the id named.
    static func campaign(_ id: Int64, in store: any CampaignRepository) async throws -> Campaign {
        do {
            return try await CampaignLookup.campaign(id, in: store)
        } catch let failure as AppFailure {
            throw CommandFailure(failure.message)
        }
    }

    /// An existing organisation's id, or a failure naming it (`org` commands never create one by a typo).
    static func organization(_ name: String, in store: any CampaignRepository) async throws -> Int64 {
        guard let id = try await store.existingOrganization(named: name) else {
            throw CommandFailure("--org: no organisation named '\(name)'")
        }
        return id
    }

    /// Reads and validates the settings document behind `--config` (a regular file of at most 1 MB), pool numbers
    /// against the phone metadata.
    static func settings(fromFile path: String) throws -> CampaignSettings {
        try PathArgument.readable(path, option: "--config")
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= 1 << 20 else {
            throw CommandFailure("--config: '\(path)' is \(size) bytes; a settings document is at most 1 MB")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("--config: cannot read '\(path)'")
        }
        return try SettingsDocument.parse(data)
    }

    /// The quiet hours and frequency caps an engine command applies: the shipped rules, or the file behind
    /// `--compliance-rules` (SPEC §9).
    static func complianceRules(_ path: String?) throws -> ComplianceRules {
        do {
            guard let path else { return try ComplianceRulesFile.loadBundled() }
            try PathArgument.readable(path, option: "--compliance-rules")
            return try ComplianceRulesFile.load(path: path)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure("--compliance-rules: \(error)")
        }
    }

    /// The validator every settings document a command reads goes through: numbering plans from the bundled
    /// phone metadata (CampaignCore alone can only check the E.164 shape).
    static func numberValidator() throws -> PhoneNumberValidator { try SettingsDocument.numberValidator() }

    /// The `--seed` option: a whole number from 0 to 2^64 − 1 (the parser hands it over as text, so a negative
    /// value reaches this check instead of being read as another option).
    static func seed(_ text: String) throws -> UInt64 {
        guard let value = UInt64(text) else {
            throw ValidationError("must be a whole number from 0 to \(UInt64.max)")
        }
        return value
    }

    /// A campaign id option: positive, or a failure naming the option.
    static func campaignId(_ value: Int64, option: String = "--campaign") throws -> Int64 {
        guard value > 0 else { throw CommandFailure("\(option) must be a positive campaign id, got \(value)") }
        return value
    }

    /// One JSON object with sorted keys, the shape every `--json` output has.
    static func json(_ value: some Encodable) -> String { JSONOutput.text(value) }

    /// Parses an ISO-8601 option or fails naming it.
    static func instant(_ text: String, option: String) throws -> Date {
        guard let date = ISOTime.parse(text) else {
            throw CommandFailure("\(option): '\(text)' is not an ISO-8601 date-time like 2026-03-09T14:00:00Z")
        }
        return date
    }
}
