import ArgumentParser
import CampaignCore
import Foundation
import OutboundApp

extension NumberCommand {
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Change a number's label, carrier or direction; what is not given stays (its E.164 never changes).")
        @OptionGroup var target: ApiKeyCommand.Target
        @Argument(help: "The number's id.") var id: Int64
        @Option(help: "A label for people.") var label: String?
        @Option(help: "The carrier's id its calls leave through.") var carrier: Int64?
        @Flag(help: "Its calls leave through the organisation's default carrier.") var defaultCarrier = false
        @Flag(
            inversion: .prefixedEnableDisable,
            help:
                "Whether campaigns may dial from it (--disable-outbound: inbound-only; refused while a campaign names it)."
        )
        var outbound: Bool?
        @Flag(help: "Print the number as JSON.") var json = false

        func run() async throws {
            try await failingCleanly {
                if carrier != nil && defaultCarrier {
                    throw CommandFailure("--carrier and --default-carrier contradict each other")
                }
                let number = try await App.withStore(target.db, creating: false) { store in
                    let orgId = try await target.organization(in: store)
                    let numbers = try App.catalog(store).numbers
                    let current = try await numbers.number(orgId: orgId, id: id)
                    return try await numbers.update(
                        orgId: orgId, id: id, e164: nil, label: label ?? current.label,
                        carrierId: defaultCarrier ? nil : (carrier ?? current.carrierId),
                        outbound: outbound ?? current.outbound, by: .commandLine)
                }
                if json {
                    try Console.line(JSONOutput.text(CatalogOutput.NumberJSON(number)))
                } else {
                    try Console.line(
                        "number \(number.id) \(number.e164) edited (\(number.outbound ? "outbound" : "inbound-only"))")
                }
            }
        }
    }
}
