import CampaignCore
import Foundation
import SQLKit

extension SQLCampaignStore {
    /// Adds `leads` after the campaign's current contacts inside the caller's transaction; returns how many. The
    /// rows go through the import's writer (``LeadRowEncoder`` into ``LeadBatchWriter``), so a lead added here is
    /// byte for byte the row an import of the same contact writes. No merging: every lead is stored.
    func insertLeads(_ db: any SQLDatabase, campaign: Campaign, leads: [NewLead], now: Date) async throws -> Int {
        guard !leads.isEmpty else { return 0 }
        try await checkNoImport(db, campaignId: campaign.id)
        let base =
            try await db.raw("SELECT next_seq FROM campaigns WHERE id = \(bind: campaign.id)").first()?
            .decode(column: "next_seq", as: Int64.self) ?? 0
        let excluded =
            campaign.settings.stickyExclusion
            ? Set(
                try await db.raw("SELECT e164 FROM exclusions WHERE campaign_id = \(bind: campaign.id)").all()
                    .map { try $0.decode(column: "e164", as: String.self) }) : []
        var zones: [String: Int64] = [:]
        for zoneKey in Set(leads.map(\.dialKey.text)).sorted() {
            zones[zoneKey] = try await zoneKeyId(db, key: zoneKey)
        }
        var layoutIds: [[String]: Int64] = [:]
        for names in Set(leads.map { $0.variables.keys.sorted() }) where !names.isEmpty {
            layoutIds[names] = try await variableLayoutId(db, names: names)
        }
        let writer = LeadBatchWriter(
            orgId: campaign.orgId, campaignId: campaign.id, millis: Millis.from(now),
            insert: dialect.insertInTransaction, target: sqliteHandle.map { .sqlite($0) } ?? .sql(db),
            withNameKey: hasNameKeys)
        let rows = LeadBatch()
        for start in stride(from: 0, to: leads.count, by: writer.batchSize) {
            let chunk = leads[start..<min(start + writer.batchSize, leads.count)]
            var batch = ContactBatch()
            for lead in chunk {
                try batch.append(
                    ImportedContact(
                        sourceLine: lead.sourceLine, numbers: lead.numbers, timezones: lead.timezones,
                        timezoneSource: lead.timezoneSource, variables: lead.variables))
            }
            rows.removeAll()
            batch.withBytes { all in
                rows.fill { rows in
                    for (offset, lead) in chunk.enumerated() {
                        let names = lead.variables.keys.sorted()
                        LeadRowEncoder.append(
                            offset, of: batch, bytes: all, kept: .all, seq: base + Int64(start + offset),
                            excluded: lead.numbers.contains(where: excluded.contains),
                            layoutId: names.isEmpty ? nil : layoutIds[names], zoneId: zones[lead.dialKey.text] ?? 0,
                            to: &rows)
                    }
                }
            }
            try await writer.run(rows)
        }
        if let buffer = writer.searchKeys {
            let keys = buffer.takeSorted()
            try await insertSearchKeys(db, keys, keys.entries.indices, campaignId: campaign.id)
        }
        for zone in zones.keys.sorted() {
            try await db.raw(
                """
                INSERT INTO campaign_zones (campaign_id, zone_key) VALUES (\(bind: campaign.id), \(bind: zone))
                ON CONFLICT (campaign_id, zone_key) DO NOTHING
                """
            ).run()
        }
        try await db.raw(
            """
            UPDATE campaigns SET next_seq = \(bind: base + Int64(leads.count)), updated_at = \(bind: Millis.from(now))
            WHERE id = \(bind: campaign.id)
            """
        ).run()
        try await addLeadCounts(db, campaignId: campaign.id, fromSeq: base)
        return leads.count
    }
}
