import ArgumentParser
import CampaignCore
import CampaignStore
import Foundation

extension OrgCommand {
    /// `outbound org number`: mark an owned number inbound-only (never a caller ID) or able to place calls.
    struct Number: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a number inbound-only (never dialled from) or outbound (usable as a caller ID).")
        @Option(help: "SQLite database file.") var db: String
        @Option(help: "Organisation id or name (default: the database's only organisation).") var org: String?
        @Argument(help: "The number, E.164.") var number: String
        @Flag(help: "The number only takes calls: campaigns never dial from it.") var inboundOnly = false
        @Flag(help: "The number may place calls.") var outbound = false

        func run() async throws {
            try await failingCleanly {
                guard inboundOnly != outbound else { throw CommandFailure("give one of --inbound-only or --outbound") }
                guard E164.isWellFormed(number) else {
                    throw CommandFailure("'\(number)' is not an E.164 number (+ and digits)")
                }
                let name = try await App.withStore(db, creating: false) { store in
                    let selected = try await OrgSelection.organization(org, in: store)
                    try await store.setNumberOutbound(
                        orgId: selected.id, e164: number, outbound: outbound, now: Date())
                    return selected.name
                }
                try Console.line("org \(name): \(number): \(outbound ? "outbound" : "inbound-only")")
            }
        }
    }
}
