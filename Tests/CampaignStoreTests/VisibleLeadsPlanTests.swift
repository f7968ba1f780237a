import CampaignCore
import Foundation
import SQLKit
import Testing

@testable import CampaignStore

/// The visibility filter must not change how SQLite plans the lease: a range on `seq` made it read the campaign's
/// leads in list order through `leads_order` and sort them (a 1M-contact batch took 15 times longer).
@Suite("The visibility filter and the lease's plan")
struct VisibleLeadsPlanTests {
    /// The columns the lease reads (more than an index holds).
    static let leaseColumns = "id, seq, numbers, zone_id, attempts, pass, number_index, stopped, callbacks"

    @Test func theLeaseStillReadsTheQueueIndexInOrder() async throws {
        try await StoreBackend.sqlite.withStore { store in
            let (_, id) = try await Fixture.campaign(in: store, leads: Fixture.leads(50))
            let plan = try await store.serial { db in
                try await db.raw(
                    "EXPLAIN QUERY PLAN SELECT \(unsafeRaw: Self.leaseColumns) FROM leads WHERE campaign_id = \(bind: id) AND status = 'pending'"
                        + store.visibleOnly(campaignId: id) + " ORDER BY priority DESC, pass, seq LIMIT 200"
                ).all().map { try $0.decode(column: "detail", as: String.self) }
            }
            #expect(plan.contains { $0.contains("leads_queue") }, "\(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        }
    }
}
