import ArgumentParser
import CampaignCore
import CampaignStore
import Foundation
import Synchronization

/// `outbound contacts …`: the contact export of SPEC §10 and an agent's CSV template.
struct ContactsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts", abstract: "Contact lists.", subcommands: [Export.self, TemplateHeader.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a campaign's contacts as CSV to standard output, in list order.")
        @Option(help: "SQLite database file.") var db: String
        @Option(help: "Campaign id.") var campaign: Int64

        func run() async throws {
            try await failingCleanly {
                let output = BufferedOutput()
                output.write(CallLogFormat.line(ExportedContact.header) + "\n")
                try await App.withStore(db, mustExist: true) { store in
                    _ = try await App.campaign(campaign, in: store)
                    try await store.exportContacts(campaignId: campaign) { contact in
                        output.write(CallLogFormat.line(contact.fields) + "\n")
                    }
                }
                output.flush()
            }
        }
    }

    struct TemplateHeader: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "template",
            abstract: "Print the CSV template header for a campaign's agent: phone_number, name, its variables.")
        @Option(help: "SQLite database file (with --campaign).") var db: String?
        @Option(help: "Campaign id (with --db).") var campaign: Int64?
        @Option(help: "A campaign settings document instead of --db and --campaign.") var config: String?

        func run() async throws {
            try await failingCleanly {
                let agent: AgentProfile
                if let config {
                    guard db == nil && campaign == nil else {
                        throw CommandFailure("--config: give either --config or --db with --campaign, not both")
                    }
                    agent = try App.settings(fromFile: config).agent
                } else {
                    guard let db, let campaign else {
                        throw CommandFailure("--db and --campaign (or --config) name the agent")
                    }
                    agent = try await App.withStore(db, mustExist: true) { store in
                        try await App.campaign(campaign, in: store).settings.agent
                    }
                }
                let variables = Template.variables(in: [agent.greeting, agent.prompt, agent.voicemailMessage])
                print(Template.csvTemplateHeader(variables: variables))
            }
        }
    }
}

/// Standard output through a 64 KiB buffer; safe to write from the database's row callbacks.
final class BufferedOutput: Sendable {
    private let buffer = Mutex<String>("")

    func write(_ text: String) {
        let full = buffer.withLock { buffer -> String? in
            buffer += text
            guard buffer.utf8.count >= 1 << 16 else { return nil }
            defer { buffer.removeAll(keepingCapacity: true) }
            return buffer
        }
        if let full { FileHandle.standardOutput.write(Data(full.utf8)) }
    }

    func flush() {
        let rest = buffer.withLock { buffer in
            defer { buffer = "" }
            return buffer
        }
        if !rest.isEmpty { FileHandle.standardOutput.write(Data(rest.utf8)) }
    }
}
