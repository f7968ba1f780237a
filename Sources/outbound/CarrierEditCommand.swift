import ArgumentParser
import CampaignCore
import Foundation
import OutboundApp

extension CarrierCommand {
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Change a carrier's fields; what is not given stays. A new password is read from OUTBOUND_CARRIER_PASSWORD."
        )
        @OptionGroup var target: ApiKeyCommand.Target
        @Argument(help: "The carrier's id.") var id: Int64
        @Option(help: "A new name (unique in the organisation).") var name: String?
        @Option(help: "simulator or sip.") var kind: String?
        @Option(help: "The trunk's host:port (sip).") var address: String?
        @Option(help: "Digest user name.") var username: String?
        @Option(help: "Calls per second the carrier takes.") var cps: Int?
        @Flag(help: "Take away the calls-per-second limit.") var noCpsLimit = false
        @Option(help: "Seconds a call may ring (5-300).") var ringTimeout: Int?
        @Option(help: "Price per billed minute, a decimal (e.g. 0.012); an empty text: unknown.") var rate: String?
        @Option(help: "Billing increment in seconds (1-3600).") var billingIncrement: Int?
        @Flag(help: "Remove the stored password.") var clearPassword = false
        @Flag(help: "Print the carrier as JSON.") var json = false

        func run() async throws {
            try await failingCleanly {
                if cps != nil && noCpsLimit { throw CommandFailure("--cps and --no-cps-limit contradict each other") }
                let password = ProcessInfo.processInfo.environment["OUTBOUND_CARRIER_PASSWORD"].flatMap {
                    $0.isEmpty ? nil : $0
                }
                if password != nil && clearPassword {
                    throw CommandFailure("--clear-password and OUTBOUND_CARRIER_PASSWORD contradict each other")
                }
                let carrier = try await App.withStore(target.db, creating: false) { store in
                    let orgId = try await target.organization(in: store)
                    let carriers = try App.catalog(store).carriers
                    var draft = try await carriers.carrier(orgId: orgId, id: id).settings
                    try apply(to: &draft)
                    draft.password = clearPassword ? "" : password
                    return try await carriers.update(orgId: orgId, id: id, draft: draft, by: .commandLine)
                }
                if json {
                    try Console.line(JSONOutput.text(CatalogOutput.CarrierJSON(carrier)))
                } else {
                    try Console.line("carrier \(carrier.id) '\(carrier.settings.name)' edited")
                }
            }
        }

        /// The given options written over `draft` (the use case checks the values).
        private func apply(to draft: inout CarrierDraft) throws {
            if let name { draft.name = name }
            if let kind {
                guard let parsed = CarrierKind(parsing: kind) else {
                    throw CommandFailure("--kind: '\(kind)' is not simulator or sip")
                }
                draft.kind = parsed
            }
            if let address { draft.address = address }
            if let username { draft.username = username }
            if let cps { draft.cps = cps }
            if noCpsLimit { draft.cps = nil }
            if let ringTimeout { draft.ringTimeoutSeconds = ringTimeout }
            if let rate {
                if rate.isEmpty {
                    draft.ratePerMinute = nil
                } else {
                    guard let parsed = MicroAmount(decimal: rate) else {
                        throw CommandFailure("--rate: '\(rate)' is not a decimal ≥ 0 with at most 6 places")
                    }
                    draft.ratePerMinute = parsed
                }
            }
            if let billingIncrement { draft.billingIncrementSeconds = billingIncrement }
        }
    }
}
