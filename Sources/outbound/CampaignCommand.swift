import ArgumentParser
import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

/// `outbound campaign …`: create a draft and move it through its lifecycle.
struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign", abstract: "Create campaigns and move them through their lifecycle.",
        subcommands: [
            Create.self, Edit.self, Start.self, Pause.self, Resume.self, Cancel.self, Restart.self, Clone.self,
            Exclude.self, List.self, Show.self, Stats.self,
        ])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a draft from a settings document; print its id.")
        @Option(help: "SQLite database file (created when missing).") var db: String
        @Option(help: "Campaign settings document (JSON, SPEC §10).") var config: String
        @Option(help: "Organisation id or name (default: the database's only one, created as 'default' when none).")
        var org: String?

        func run() async throws {
            try await failingCleanly {
                let settings = try App.settings(fromFile: config)
                let id = try await App.withStore(db, creating: true) { store in
                    let selected = try await OrgSelection.organization(org, in: store, creating: true)
                    return try await CampaignActions(store: store).create(
                        settings: settings, organization: selected.name, now: try await App.now(of: store))
                }
                try Console.line("\(id)")
            }
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the settings of a draft or paused campaign (name and agent lock after the first run).")
        @OptionGroup var target: LifecycleTarget
        @Option(help: "The new settings document (JSON).") var config: String

        func run() async throws {
            try await failingCleanly {
                let campaignId = try target.campaignId()
                let settings = try App.settings(fromFile: config)
                let campaign = try await App.withStore(target.db, creating: false) { store in
                    try await OrgSelection.campaign(campaignId, org: target.org, in: store)
                    return try await CampaignActions(store: store).edit(
                        campaignId: campaignId, settings: settings, now: try await App.now(of: store))
                }
                try Console.line("campaign \(campaign.id): settings updated (\(campaign.status.rawValue))")
            }
        }
    }

    struct Exclude: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Exclude the contacts with this number (kept out on re-adding when stickyExclusion is on).")
        @OptionGroup var target: LifecycleTarget
        @Argument(help: "The number, E.164.") var number: String

        func run() async throws {
            try await failingCleanly {
                let campaignId = try target.campaignId()
                guard E164.isWellFormed(number) else {
                    throw CommandFailure("'\(number)' is not an E.164 number (+ and digits)")
                }
                let count = try await App.withStore(target.db, creating: false) { store in
                    try await OrgSelection.campaign(campaignId, org: target.org, in: store)
                    return try await CampaignActions(store: store).exclude(
                        campaignId: campaignId, number: number, now: try await App.now(of: store))
                }
                try Console.line("campaign \(campaignId): \(count) contact(s) excluded")
            }
        }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a draft (or schedule it when startAt lies ahead).")
        @OptionGroup var target: LifecycleTarget
        func run() async throws { try await target.apply(.start) }
    }

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pause: live calls finish, nothing new is dialled.")
        @OptionGroup var target: LifecycleTarget
        func run() async throws { try await target.apply(.pause) }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resume a paused campaign.")
        @OptionGroup var target: LifecycleTarget
        func run() async throws { try await target.apply(.resume) }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel for good.")
        @OptionGroup var target: LifecycleTarget
        func run() async throws { try await target.apply(.cancel) }
    }

    struct Restart: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every lead back to pending, counters zeroed, old calls kept.")
        @OptionGroup var target: LifecycleTarget
        func run() async throws { try await target.apply(.restart) }
    }

    struct Clone: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Copy settings (and contacts) into a new draft.")
        @OptionGroup var target: LifecycleTarget
        @Flag(help: "Copy the contacts too.") var withContacts = false

        func run() async throws {
            try await failingCleanly {
                let campaignId = try target.campaignId()
                let id = try await App.withStore(target.db, creating: false) { store in
                    try await OrgSelection.campaign(campaignId, org: target.org, in: store)
                    return try await CampaignActions(store: store).clone(
                        campaignId: campaignId, withContacts: withContacts, now: try await App.now(of: store))
                }
                try Console.line("\(id)")
            }
        }
    }
}

/// `--db P [--org ID] ID`, shared by the lifecycle commands.
struct LifecycleTarget: ParsableArguments {
    @Option(help: "SQLite database file.") var db: String
    @Option(help: "Organisation id or name (default: the database's only organisation).") var org: String?
    @Argument(help: "Campaign id.") var id: String

    func campaignId() throws -> Int64 {
        guard let value = Int64(id), value > 0 else {
            throw CommandFailure("campaign id '\(id)' is not a positive number")
        }
        return value
    }

    func apply(_ action: LifecycleAction) async throws {
        try await failingCleanly {
            let campaignId = try campaignId()
            let campaign = try await App.withStore(db, creating: false) { store in
                try await OrgSelection.campaign(campaignId, org: org, in: store)
                return try await CampaignActions(store: store).apply(
                    action, campaignId: campaignId, now: try await App.now(of: store))
            }
            try Console.line("campaign \(campaign.id): \(campaign.status.rawValue)")
        }
    }
}
