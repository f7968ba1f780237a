import ArgumentParser
import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

/// `outbound carrier add|edit|list|remove`: the carriers calls leave through (SPEC §11, §12).
struct CarrierCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "carrier", abstract: "Add, edit, list and remove the carriers calls leave through.",
        subcommands: [Add.self, Edit.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a carrier (the password is read from OUTBOUND_CARRIER_PASSWORD, never from arguments).")
        @OptionGroup var target: ApiKeyCommand.Target
        @Option(help: "Carrier name (unique in the organisation).") var name: String
        @Option(help: "simulator or sip.") var kind = "simulator"
        @Option(help: "The trunk's host:port (sip).") var address = ""
        @Option(help: "Digest user name.") var username = ""
        @Option(help: "Calls per second the carrier takes (default: no limit).") var cps: Int?
        @Option(help: "Seconds a call may ring (5-300).") var ringTimeout = 30
        @Option(help: "Price per billed minute, a decimal (e.g. 0.012).") var rate: String?
        @Option(help: "Billing increment in seconds (1-3600).") var billingIncrement = 60
        @Flag(help: "Print the carrier as JSON.") var json = false

        func run() async throws {
            try await failingCleanly {
                guard let carrierKind = CarrierKind(parsing: kind) else {
                    throw CommandFailure("--kind: '\(kind)' is not simulator or sip")
                }
                var amount: MicroAmount?
                if let rate {
                    guard let parsed = MicroAmount(decimal: rate) else {
                        throw CommandFailure("--rate: '\(rate)' is not a decimal ≥ 0 with at most 6 places")
                    }
                    amount = parsed
                }
                let password = ProcessInfo.processInfo.environment["OUTBOUND_CARRIER_PASSWORD"]
                let draft = CarrierDraft(
                    name: name, kind: carrierKind, address: address, username: username,
                    password: password.flatMap { $0.isEmpty ? nil : $0 }, cps: cps, ringTimeoutSeconds: ringTimeout,
                    ratePerMinute: amount, billingIncrementSeconds: billingIncrement)
                let carrier = try await App.withStore(target.db, creating: false) { store in
                    let orgId = try await target.organization(in: store)
                    return try await App.catalog(store).carriers.create(orgId: orgId, draft: draft, by: .commandLine)
                }
                if json {
                    try Console.line(JSONOutput.text(CatalogOutput.CarrierJSON(carrier)))
                } else {
                    try Console.line("carrier \(carrier.id) '\(carrier.settings.name)' added")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the carriers (never their passwords).")
        @OptionGroup var target: ApiKeyCommand.Target
        @Flag(help: "Print a JSON array.") var json = false

        func run() async throws {
            try await failingCleanly {
                let carriers = try await App.withStore(target.db, creating: false) { store in
                    let orgId = try await target.organization(in: store)
                    let catalog = try App.catalog(store)
                    return try await CatalogOutput.all { after in
                        try await catalog.carriers.list(orgId: orgId, afterId: after, limit: 500)
                    }
                }
                if json { return try Console.line(CatalogOutput.array(carriers.map(CatalogOutput.CarrierJSON.init))) }
                var lines = ["id\tname\tkind\taddress\tcps\trate/min\tincrement\tpassword"]
                for carrier in carriers {
                    let settings = carrier.settings
                    lines.append(
                        "\(carrier.id)\t\(settings.name)\t\(settings.kind.rawValue)\t\(settings.address)\t"
                            + "\(settings.cps.map(String.init) ?? "none")\t"
                            + "\(settings.ratePerMinute?.description ?? "unknown")\t\(settings.billingIncrementSeconds)s\t"
                            + (carrier.hasPassword ? "set" : "none"))
                }
                try Console.line(lines.joined(separator: "\n"))
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a carrier no number uses.")
        @OptionGroup var target: ApiKeyCommand.Target
        @Argument(help: "The carrier's id.") var id: Int64

        func run() async throws {
            try await failingCleanly {
                try await App.withStore(target.db, creating: false) { store in
                    let orgId = try await target.organization(in: store)
                    try await App.catalog(store).carriers.delete(orgId: orgId, id: id, by: .commandLine)
                }
                try Console.line("carrier \(id) removed")
            }
        }
    }
}
