import ArgumentParser
import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

/// `outbound number add|edit|list|remove`: the phone numbers an organisation owns (SPEC §11).
struct NumberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "number", abstract: "Add, edit, list and remove the organisation's phone numbers.",
        subcommands: [Add.self, Edit.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a number the organisation owns.")
        @OptionGroup var target: ApiKeyCommand.Target
        @Argument(help: "The number, E.164.") var e164: String
        @Option(help: "A label for people.") var label = ""
        @Option(help: "The carrier's id its calls leave through.") var carrier: Int64?
        @Flag(help: "The number only takes calls: campaigns never dial from it.") var inboundOnly = false
        @Flag(help: "Print the number as JSON.") var json = false

        func run() async throws {
            try await failingCleanly {
                let number = try await App.withStore(target.db, creating: false) { store in
                    let orgId = try await target.organization(in: store)
                    return try await App.catalog(store).numbers.create(
                        orgId: orgId, e164: e164, label: label, carrierId: carrier, outbound: !inboundOnly,
                        by: .commandLine)
                }
                if json {
                    try Console.line(JSONOutput.text(CatalogOutput.NumberJSON(number)))
                } else {
                    try Console.line(
                        "number \(number.id) \(number.e164) added (\(number.outbound ? "outbound" : "inbound-only"))")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the organisation's numbers.")
        @OptionGroup var target: ApiKeyCommand.Target
        @Flag(help: "Print a JSON array.") var json = false

        func run() async throws {
            try await failingCleanly {
                let numbers = try await App.withStore(target.db, creating: false) { store in
                    let orgId = try await target.organization(in: store)
                    let catalog = try App.catalog(store)
                    return try await CatalogOutput.all { after in
                        try await catalog.numbers.list(orgId: orgId, afterId: after, limit: 500)
                    }
                }
                if json { return try Console.line(CatalogOutput.array(numbers.map(CatalogOutput.NumberJSON.init))) }
                var lines = ["id\tnumber\tdirection\tcarrier\tlabel"]
                for number in numbers {
                    lines.append(
                        "\(number.id)\t\(number.e164)\t\(number.outbound ? "outbound" : "inbound-only")\t"
                            + "\(number.carrierId.map(String.init) ?? "-")\t\(number.label)")
                }
                try Console.line(lines.joined(separator: "\n"))
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a number no campaign uses.")
        @OptionGroup var target: ApiKeyCommand.Target
        @Argument(help: "The number's id.") var id: Int64

        func run() async throws {
            try await failingCleanly {
                try await App.withStore(target.db, creating: false) { store in
                    let orgId = try await target.organization(in: store)
                    try await App.catalog(store).numbers.delete(orgId: orgId, id: id, by: .commandLine)
                }
                try Console.line("number \(id) removed")
            }
        }
    }
}
