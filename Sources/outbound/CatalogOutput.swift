import CampaignCore
import CampaignStore
import Foundation
import OutboundApp

/// The `--json` shapes of the catalog commands: the API's field names (SPEC §11), never a carrier's password.
enum CatalogOutput {
    struct CarrierJSON: Encodable {
        let id: Int64
        let name: String
        let kind: String
        let address: String
        let username: String
        let hasPassword: Bool
        let cps: Int?
        let ringTimeoutSeconds: Int
        let ratePerMinute: String?
        let billingIncrementSeconds: Int

        init(_ carrier: Carrier) {
            id = carrier.id
            name = carrier.settings.name
            kind = carrier.settings.kind.rawValue
            address = carrier.settings.address
            username = carrier.settings.username
            hasPassword = carrier.hasPassword
            cps = carrier.settings.cps
            ringTimeoutSeconds = carrier.settings.ringTimeoutSeconds
            ratePerMinute = carrier.settings.ratePerMinute?.description
            billingIncrementSeconds = carrier.settings.billingIncrementSeconds
        }
    }

    struct NumberJSON: Encodable {
        let id: Int64
        let e164: String
        let label: String
        let carrierId: Int64?
        let outbound: Bool

        init(_ number: OwnedNumber) {
            id = number.id
            e164 = number.e164
            label = number.label
            carrierId = number.carrierId
            outbound = number.outbound
        }
    }

    struct OptOutJSON: Encodable {
        let number: String
        let source: String
        let createdAt: String

        init(_ optOut: OptOut) {
            number = optOut.e164
            source = optOut.source
            createdAt = ISOTime.format(optOut.createdAt)
        }
    }

    struct ProblemJSON: Encodable {
        let line: Int
        let column: String
        let reason: String
    }

    struct ReportJSON: Encodable {
        let read: Int
        let imported: Int
        let duplicates: Int
        let rejected: Int
        let problems: [ProblemJSON]

        init(_ report: OptOutImportReport) {
            read = report.read
            imported = report.imported
            duplicates = report.duplicates
            rejected = report.rejected
            problems = report.problems.map { ProblemJSON(line: $0.line, column: $0.column, reason: $0.reason) }
        }
    }

    /// A JSON array of `items`, one per line for reading, as one document.
    static func array(_ items: [some Encodable]) -> String {
        "[" + items.map { JSONOutput.text($0) }.joined(separator: ",\n") + "]"
    }

    /// Every page of a list, from the first.
    static func all<Item, Key>(
        _ page: (Key?) async throws -> CatalogPage<Item, Key>
    ) async throws -> [Item] {
        var items: [Item] = []
        var next: Key?
        repeat {
            let current = try await page(next)
            items += current.items
            next = current.next
        } while next != nil
        return items
    }
}

extension App {
    /// The catalog's use cases over an open store, on the wall clock, reading numbers with the bundled metadata.
    static func catalog(_ store: SQLCampaignStore) throws -> CatalogServices {
        CatalogServices(store: store, numbers: try numberValidator(), now: { Date() })
    }
}
