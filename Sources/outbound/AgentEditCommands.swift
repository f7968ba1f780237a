import ArgumentParser
import CampaignCore
import Foundation
import OutboundApp

extension AgentCommand {
    /// The texts and switches an agent command may set; a field left out keeps its value (a new agent's: empty).
    struct AgentFields: ParsableArguments {
        @Option(help: "The opening line, with {{VARIABLES}}.") var greeting: String?
        @Option(help: "The agent's instructions, with {{VARIABLES}}.") var prompt: String?
        @Option(help: "The message left on an answering machine, with {{VARIABLES}}.") var voicemail: String?
        @Option(help: "Whether the agent may schedule callbacks (true or false).") var callbacks: Bool?
        @Option(help: "The agent's Media Streams WebSocket (ws:// or wss://); an empty text removes it.")
        var streamUrl: String?

        /// `profile` with the given fields applied.
        func applied(to profile: AgentProfile) -> AgentProfile {
            var profile = profile
            if let greeting { profile.greeting = greeting }
            if let prompt { profile.prompt = prompt }
            if let voicemail { profile.voicemailMessage = voicemail }
            if let callbacks { profile.callbacks = callbacks }
            return profile
        }

        /// The stream URL after the edit: the given one (empty: none), else `current`.
        func streamUrl(keeping current: String?) -> String? {
            guard let streamUrl else { return current }
            return streamUrl.isEmpty ? nil : streamUrl
        }
    }

    static func printed(_ agent: Agent, json: Bool, verb: String) throws {
        if json {
            try Console.line(
                JSONOutput.text(
                    AgentJSON(
                        id: agent.id, name: agent.profile.name, streamUrl: agent.streamUrl, variables: agent.variables))
            )
        } else {
            let variables = agent.variables.isEmpty ? "no variables" : agent.variables.joined(separator: ", ")
            try Console.line("agent \(agent.id) '\(agent.profile.name)' \(verb) (\(variables))")
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an agent campaigns can name by id.")
        @OptionGroup var target: ApiKeyCommand.Target
        @Option(help: "The agent's name.") var name: String
        @OptionGroup var fields: AgentFields
        @Flag(help: "Print the agent as JSON.") var json = false

        func run() async throws {
            try await failingCleanly {
                let agent = try await App.withStore(target.db, creating: false) { store in
                    let orgId = try await target.organization(in: store)
                    return try await App.catalog(store).agents.create(
                        orgId: orgId, profile: fields.applied(to: AgentProfile(name: name)),
                        streamUrl: fields.streamUrl(keeping: nil), by: .commandLine)
                }
                try AgentCommand.printed(agent, json: json, verb: "added")
            }
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Change an agent's name, texts or switches; what is not given stays. Campaigns that ran keep the texts they ran with."
        )
        @OptionGroup var target: ApiKeyCommand.Target
        @Argument(help: "The agent's id.") var id: Int64
        @Option(help: "A new name.") var name: String?
        @OptionGroup var fields: AgentFields
        @Flag(help: "Print the agent as JSON.") var json = false

        func run() async throws {
            try await failingCleanly {
                let agent = try await App.withStore(target.db, creating: false) { store in
                    let orgId = try await target.organization(in: store)
                    let agents = try App.catalog(store).agents
                    let current = try await agents.agent(orgId: orgId, id: id)
                    var profile = fields.applied(to: current.profile)
                    if let name { profile.name = name }
                    return try await agents.update(
                        orgId: orgId, id: id, profile: profile, streamUrl: fields.streamUrl(keeping: current.streamUrl),
                        ifMatch: AgentCatalog.etag(current), by: .commandLine)
                }
                try AgentCommand.printed(agent, json: json, verb: "edited")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an agent no campaign uses.")
        @OptionGroup var target: ApiKeyCommand.Target
        @Argument(help: "The agent's id.") var id: Int64

        func run() async throws {
            try await failingCleanly {
                try await App.withStore(target.db, creating: false) { store in
                    let orgId = try await target.organization(in: store)
                    try await App.catalog(store).agents.delete(orgId: orgId, id: id, by: .commandLine)
                }
                try Console.line("agent \(id) removed")
            }
        }
    }
}
