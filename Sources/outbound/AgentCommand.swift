import ArgumentParser
import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

/// `outbound agent add|edit|list|remove|template`: the organisation's agents and their contact CSV templates
/// (SPEC §2, §11).
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent", abstract: "Add, edit, list and remove agents; print an agent's CSV template.",
        subcommands: [Add.self, Edit.self, List.self, Remove.self, Template.self])

    struct AgentJSON: Encodable {
        let id: Int64
        let name: String
        let streamUrl: String?
        let variables: [String]
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the agents: id, name, variables.")
        @OptionGroup var target: ApiKeyCommand.Target
        @Option(help: "Only agents whose name contains this text.") var search: String?
        @Flag(help: "Print a JSON array.") var json = false

        func run() async throws {
            try await failingCleanly {
                let agents = try await App.withStore(target.db, creating: false) { store in
                    let orgId = try await target.organization(in: store)
                    let catalog = try App.catalog(store)
                    return try await CatalogOutput.all { after in
                        try await catalog.agents.list(orgId: orgId, nameContains: search, afterId: after, limit: 500)
                    }
                }
                if json {
                    let items = agents.map {
                        AgentJSON(id: $0.id, name: $0.profile.name, streamUrl: $0.streamUrl, variables: $0.variables)
                    }
                    return try Console.line(CatalogOutput.array(items))
                }
                var lines = ["id\tname\tvariables"]
                for agent in agents {
                    lines.append("\(agent.id)\t\(agent.profile.name)\t\(agent.variables.joined(separator: ","))")
                }
                try Console.line(lines.joined(separator: "\n"))
            }
        }
    }

    struct Template: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the agent's contact CSV template: phone_number, name, its variables, an example row.")
        @OptionGroup var target: ApiKeyCommand.Target
        @Argument(help: "The agent's id.") var id: Int64

        func run() async throws {
            try await failingCleanly {
                let csv = try await App.withStore(target.db, creating: false) { store in
                    let orgId = try await target.organization(in: store)
                    return try await App.catalog(store).agents.template(orgId: orgId, id: id)
                }
                try Console.out(csv)
            }
        }
    }
}
