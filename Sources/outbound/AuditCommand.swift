import ArgumentParser
import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

/// `outbound audit`: the organisation's audit log, newest first (who did what, when).
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show the organisation's audit log, newest first.")
    @Option(help: "SQLite database file.") var db: String
    @Option(help: "Organisation id or name (default: the database's only organisation).") var org: String?
    @Option(help: "Only actions starting with this text (campaign. for every campaign action).") var action: String?
    @Option(parsing: .unconditional, help: "At most this many entries, 1 to 10000.") var limit = 50
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await failingCleanly {
            guard (1...10_000).contains(limit) else { throw CommandFailure("--limit must be from 1 to 10000") }
            let entries = try await App.withStore(db, creating: false) { store in
                let orgId = try await OrgSelection.organization(org, in: store).id
                return try await AuditLog(store: store, now: Date.init).entries(
                    orgId: orgId, filter: AuditFilter(actionPrefix: action), beforeId: nil, limit: limit
                ).items
            }
            if json {
                let rows = entries.map { entry in
                    AuditRow(
                        id: entry.id, at: ISOTime.format(entry.at), actor: entry.actor.label, action: entry.action,
                        target: "\(entry.targetKind) \(entry.targetId.map(String.init) ?? "")"
                            .trimmingCharacters(in: .whitespaces),
                        detail: entry.detail)
                }
                return try Console.line(App.json(rows))
            }
            guard !entries.isEmpty else { return try Console.line("no entries") }
            try Console.line(
                entries.map { entry in
                    let target = "\(entry.targetKind)\(entry.targetId.map { " \($0)" } ?? "")"
                    let detail = entry.detail.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                        .joined(separator: " ")
                    return "\(ISOTime.format(entry.at))  \(entry.actor.label)  \(entry.action)  \(target)  \(detail)"
                }.joined(separator: "\n"))
        }
    }

    struct AuditRow: Encodable {
        let id: Int64
        let at: String
        let actor: String
        let action: String
        let target: String
        let detail: [String: String]
    }
}

extension OrgCommand {
    /// `outbound org exempt`: exempts the organisation from the quiet hours (with a reason), or ends it (`--end`).
    struct Exempt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Exempt the organisation from the quiet hours with a reason (audited), or end it with --end.")
        @Option(help: "SQLite database file.") var db: String
        @Option(help: "Organisation id or name (default: the database's only organisation).") var org: String?
        @Option(help: "Why the organisation may be called outside the quiet hours.") var reason: String?
        @Flag(help: "End the exemption.") var end = false

        func run() async throws {
            try await failingCleanly {
                guard (reason == nil) == end else { throw CommandFailure("give --reason TEXT or --end (one of them)") }
                let message = try await App.withStore(db, creating: false) { store in
                    let orgId = try await OrgSelection.organization(org, in: store).id
                    let log = AuditLog(store: store, now: Date.init)
                    if let reason {
                        let granted = try await log.grantExemption(orgId: orgId, reason: reason)
                        return "organisation \(orgId): exempt from the quiet hours (\(granted.reason))"
                    }
                    try await log.endExemption(orgId: orgId)
                    return "organisation \(orgId): the quiet hours apply"
                }
                try Console.line(message)
            }
        }
    }
}
