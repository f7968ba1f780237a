import ArgumentParser
import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

/// `outbound contacts …`: the contact export of SPEC §10 and an agent's CSV template.
struct ContactsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts", abstract: "Contact lists.", subcommands: [Export.self, TemplateHeader.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a campaign's contacts as CSV to standard output, in list order.")
        @Option(help: "SQLite database file.") var db: String
        @Option(parsing: .unconditional, help: "Campaign id.") var campaign: Int64
        @Option(help: "Organisation id or name (default: the database's only organisation).") var org: String?
        @Option(help: "Compliance rules file replacing the shipped quiet hours and caps (docs/compliance.md).")
        var complianceRules: String?

        func run() async throws {
            try await failingCleanly {
                let campaign = try App.campaignId(campaign)
                let rules = try App.complianceRules(complianceRules)
                try await App.withStore(db, creating: false) { store in
                    try await OrgSelection.campaign(campaign, org: org, in: store)
                    try await ContactExport(campaignId: campaign, compliance: rules).run(store: store) {
                        try Console.out($0)
                    }
                }
            }
        }
    }

    struct TemplateHeader: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "template",
            abstract: "Print the CSV template header for a campaign's agent: phone_number, name, its variables.")
        @Option(help: "SQLite database file (with --campaign).") var db: String?
        @Option(parsing: .unconditional, help: "Campaign id (with --db).") var campaign: Int64?
        @Option(help: "Organisation id or name (default: the database's only organisation).") var org: String?
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
                    let campaignId = try App.campaignId(campaign)
                    agent = try await App.withStore(db, creating: false) { store in
                        try await OrgSelection.campaign(campaignId, org: org, in: store)
                        return try await App.campaign(campaignId, in: store).settings.agent
                    }
                }
                let variables = Template.variables(in: [agent.greeting, agent.prompt, agent.voicemailMessage])
                try Console.line(Template.csvTemplateHeader(variables: variables))
            }
        }
    }
}
