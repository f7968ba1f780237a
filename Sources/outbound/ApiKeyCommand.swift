import ArgumentParser
import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

/// `outbound apikey create|list|revoke`: the API keys of an organisation (SPEC §11).
struct ApiKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey", abstract: "Create, list and revoke an organisation's API keys.",
        subcommands: [Create.self, List.self, Revoke.self])

    /// `--db` and `--org`, shared by the subcommands.
    struct Target: ParsableArguments {
        @Option(help: "SQLite database file.") var db: String
        @Option(help: "Organisation id or name (default: the database's only organisation).") var org: String?

        /// The organisation `--org` names, or the database's only one (created as `default` when there is none and
        /// `creating`).
        func organization(in store: SQLCampaignStore, creating: Bool = false) async throws -> Int64 {
            try await OrgSelection.organization(org, in: store, creating: creating).id
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key and print it (it is shown only once).")
        @OptionGroup var target: Target
        @Option(help: "What the key is for.") var name = "api"
        @Option(help: "admin, operator or viewer.") var role = "admin"
        @Flag(help: "Print {\"id\", \"prefix\", \"role\", \"apiKey\"} as JSON.") var json = false

        func run() async throws {
            try await failingCleanly {
                guard let accessRole = AccessRole(rawValue: role) else {
                    throw CommandFailure("--role: '\(role)' is not admin, operator or viewer")
                }
                let created = try await App.withStore(target.db, creating: false) { store in
                    let orgId = try await target.organization(in: store, creating: true)
                    return try await AccessKeys(store: store).create(
                        orgId: orgId, name: name, role: accessRole, now: Date())
                }
                if json {
                    try Console.line(
                        "{\"apiKey\":\"\(created.key)\",\"id\":\(created.record.id),\"prefix\":\"\(created.record.prefix)\","
                            + "\"role\":\"\(created.record.role.rawValue)\"}")
                } else {
                    try Console.line(created.key)
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the keys: id, prefix, role, name, use.")
        @OptionGroup var target: Target

        func run() async throws {
            try await failingCleanly {
                let keys = try await App.withStore(target.db, creating: false) { store in
                    try await AccessKeys(store: store).list(orgId: try await target.organization(in: store))
                }
                var lines = ["id\tprefix\trole\tstate\tlast used\tname"]
                for key in keys {
                    let state = key.revokedAt.map { "revoked \(ISOTime.format($0))" } ?? "active"
                    let used = key.lastUsedAt.map(ISOTime.format) ?? "never"
                    lines.append("\(key.id)\t\(key.prefix)\t\(key.role.rawValue)\t\(state)\t\(used)\t\(key.name)")
                }
                try Console.line(lines.joined(separator: "\n"))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key: it stops working at once.")
        @OptionGroup var target: Target
        @Argument(help: "The key's id (from 'apikey list').") var id: Int64

        func run() async throws {
            try await failingCleanly {
                let record = try await App.withStore(target.db, creating: false) { store in
                    try await AccessKeys(store: store).revoke(
                        orgId: try await target.organization(in: store), id: id, now: Date())
                }
                try Console.line("key \(record.id) (\(record.prefix)…) revoked")
            }
        }
    }
}
