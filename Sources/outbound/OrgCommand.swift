import ArgumentParser
import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

/// `outbound org …`: organisation-wide pacing, the carriers calls leave through, and which numbers may place calls.
struct OrgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Organisation-wide limits, carriers and numbers.",
        subcommands: [Create.self, Limit.self, Carrier.self, Number.self, Exempt.self])

    /// A limit option: a whole number ≥ 1, or `none` for no limit.
    static func limit(_ text: String, option: String) throws -> Int? {
        if text == "none" { return nil }
        guard let value = Int(text), value >= 1 else {
            throw CommandFailure("\(option): '\(text)' is neither a number ≥ 1 nor 'none'")
        }
        return value
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an organisation with its admin user and an API key (the password and key are shown once)."
        )
        @Option(help: "SQLite database file (created when missing).") var db: String
        @Option(help: "The organisation's name (unique in the database).") var name: String
        @Option(help: "The admin's email; a password is generated.") var admin: String
        @Flag(help: "Print {\"orgId\", \"adminEmail\", \"password\", \"apiKey\"} as JSON.") var json = false

        func run() async throws {
            try await failingCleanly {
                let created = try await App.withStore(db, creating: true) { store in
                    try await OrganizationSetup(store: store).create(name: name, adminEmail: admin, now: Date())
                }
                if json {
                    try Console.line(JSONOutput.text(created))
                } else {
                    try Console.line("org \(created.orgId) '\(name)' created")
                    try Console.line("admin: \(created.adminEmail)")
                    try Console.line("password: \(created.password)")
                    try Console.line("API key: \(created.apiKey)")
                }
            }
        }
    }

    struct Limit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cap live calls across all of an organisation's campaigns ('none' clears it).")
        @Option(help: "SQLite database file.") var db: String
        @Option(help: "Organisation id or name (default: the database's only organisation).") var org: String?
        @Option(parsing: .unconditional, help: "Most calls live at once across campaigns, or 'none'.")
        var maxConcurrency: String

        func run() async throws {
            try await failingCleanly {
                let cap = try OrgCommand.limit(maxConcurrency, option: "--max-concurrency")
                let name = try await App.withStore(db, creating: false) { store in
                    let selected = try await OrgSelection.organization(org, in: store)
                    try await store.setConcurrencyCap(orgId: selected.id, cap: cap)
                    return selected.name
                }
                try Console.line("org \(name): max concurrency \(cap.map(String.init) ?? "none")")
            }
        }
    }

    struct Carrier: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or update a carrier, its calls-per-second limit and the numbers that use it.")
        @Option(help: "SQLite database file.") var db: String
        @Option(help: "Organisation id or name (default: the database's only organisation).") var org: String?
        @Option(help: "Carrier name.") var name: String
        @Option(help: "simulator or sip (sip-trunk is read as sip).") var kind = "simulator"
        @Option(parsing: .unconditional, help: "Calls per second, or 'none'.") var cps: String
        @Option(help: "Numbers (E.164, comma-separated) that leave through this carrier.") var numbers = ""

        func run() async throws {
            try await failingCleanly {
                guard let carrierKind = CarrierKind(parsing: kind) else {
                    throw CommandFailure("--kind: '\(kind)' is not simulator or sip")
                }
                guard carrierKind.isBuilt else {
                    throw CommandFailure("--kind: '\(kind)' carriers are not supported yet; use simulator or sip")
                }
                let limit = try OrgCommand.limit(cps, option: "--cps")
                let list = numbers.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                if let bad = list.first(where: { !E164.isWellFormed($0) }) {
                    throw CommandFailure("--numbers: '\(bad)' is not an E.164 number")
                }
                let id = try await App.withStore(db, creating: false) { store in
                    let orgId = try await OrgSelection.organization(org, in: store).id
                    return try await store.upsertCarrier(
                        orgId: orgId, name: name, kind: carrierKind, callsPerSecond: limit, numbers: list, now: Date())
                }
                try Console.line(
                    "carrier \(id) '\(name)': \(limit.map { "\($0) calls/s" } ?? "no rate limit"), \(list.count) number(s)"
                )
            }
        }
    }
}
