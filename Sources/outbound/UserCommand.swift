import ArgumentParser
import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

/// `outbound user create|list|remove`: the users of an organisation, through the same use cases as `/v1/users`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Add, list and remove an organisation's users (who sign in to the dashboard).",
        subcommands: [Create.self, List.self, Remove.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user with a generated password, printed once.")
        @OptionGroup var target: ApiKeyCommand.Target
        @Option(help: "The user's email (their sign-in name).") var email: String
        @Option(help: "admin, operator or viewer.") var role = "viewer"
        @Flag(help: "Print {\"id\", \"email\", \"role\", \"password\"} as JSON.") var json = false

        func run() async throws {
            try await failingCleanly {
                guard let accessRole = AccessRole(rawValue: role) else {
                    throw CommandFailure("--role: '\(role)' is not admin, operator or viewer")
                }
                let created = try await App.withStore(target.db, creating: false) { store in
                    try await AccessUsers(store: store).add(
                        orgId: try await target.organization(in: store), email: email, password: nil, role: accessRole,
                        now: Date())
                }
                let password = created.generatedPassword ?? ""
                if json {
                    try Console.line(
                        App.json(
                            CreatedUser(
                                id: created.user.id, email: created.user.email, role: created.user.role.rawValue,
                                password: password)))
                } else {
                    try Console.line("user \(created.user.id) \(created.user.email) (\(created.user.role.rawValue))")
                    try Console.line("password: \(password)")
                }
            }
        }
    }

    struct CreatedUser: Encodable {
        var id: Int64
        var email: String
        var role: String
        var password: String
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users: id, role, email.")
        @OptionGroup var target: ApiKeyCommand.Target

        func run() async throws {
            try await failingCleanly {
                let users = try await App.withStore(target.db, creating: false) { store in
                    try await AccessUsers(store: store).list(orgId: try await target.organization(in: store))
                }
                let lines = ["id\trole\temail"] + users.map { "\($0.id)\t\($0.role.rawValue)\t\($0.email)" }
                try Console.line(lines.joined(separator: "\n"))
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a user and end their sessions (never the organisation's last admin).")
        @OptionGroup var target: ApiKeyCommand.Target
        @Argument(help: "The user's id (from 'user list').") var id: Int64

        func run() async throws {
            try await failingCleanly {
                try await App.withStore(target.db, creating: false) { store in
                    try await AccessUsers(store: store).remove(
                        orgId: try await target.organization(in: store), id: id, now: Date())
                }
                try Console.line("user \(id) removed")
            }
        }
    }
}
