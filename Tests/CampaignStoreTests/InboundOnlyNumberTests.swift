import CampaignCore
import CampaignStore
import Foundation
import Testing

@Suite("Inbound-only numbers never place calls")
struct InboundOnlyNumberTests {
    static let pool = ["+14155550100", "+14155550101", "+14155550102"]

    static func leaseAll(_ store: SQLCampaignStore, _ campaign: Campaign, at now: Date) async throws -> [LeasedAttempt]
    {
        try await store.lease(
            LeaseRequest(campaign: campaign, owner: "w", now: now, limit: 50, openZoneKeys: nil, leaseDuration: 60)
        ).attempts
    }

    @Test(arguments: StoreBackend.available, CallerIdStrategy.allCases)
    func rotationRunsOverTheOutboundNumbersOfThePool(backend: StoreBackend, strategy: CallerIdStrategy) async throws {
        try await backend.withStore { store in
            let settings = Fixture.settings {
                $0.numberPool = Self.pool
                $0.callerIdStrategy = strategy
                $0.callerIdSlots = strategy == .custom ? [Self.pool[1], Self.pool[2]] : []
                $0.concurrency = 50
            }
            let (orgId, id) = try await Fixture.campaign(in: store, settings: settings, leads: Fixture.leads(12))
            try await store.setNumberOutbound(orgId: orgId, e164: Self.pool[1], outbound: false, now: Fixture.t0)
            let campaign = try await store.apply(.start, campaignId: id, now: Fixture.t0)
            let attempts = try await Self.leaseAll(store, campaign, at: Fixture.t0)
            #expect(attempts.count == 12)
            #expect(!attempts.contains { $0.from == Self.pool[1] }, "\(strategy) dialled from an inbound-only number")
            if strategy == .rotate {
                #expect(Set(attempts.map(\.from)) == [Self.pool[0], Self.pool[2]], "rotation still spreads")
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func aPoolWithNoOutboundNumberLeftCannotStartAndTheErrorNamesTheNumbers(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let settings = Fixture.settings { $0.numberPool = Array(Self.pool.prefix(2)) }
            let (orgId, id) = try await Fixture.campaign(in: store, settings: settings)
            for number in settings.numberPool {
                try await store.setNumberOutbound(orgId: orgId, e164: number, outbound: false, now: Fixture.t0)
            }
            do {
                _ = try await store.apply(.start, campaignId: id, now: Fixture.t0)
                Issue.record("a campaign with only inbound-only numbers started")
            } catch {
                let message = String(describing: error)
                #expect(message.contains("+14155550100") && message.contains("+14155550101"), "\(message)")
                #expect(message.contains("inbound-only"), "\(message)")
            }
            #expect(try await store.campaign(id: id)?.status == .draft)
            try await store.setNumberOutbound(orgId: orgId, e164: Self.pool[0], outbound: true, now: Fixture.t0)
            #expect(try await store.apply(.start, campaignId: id, now: Fixture.t0).status == .running)
        }
    }

    @Test(arguments: StoreBackend.available)
    func creatingOrEditingACampaignNeverFlipsAnInboundOnlyNumber(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let orgId = try await store.organization(named: "acme", now: Fixture.t0)
            try await store.setNumberOutbound(orgId: orgId, e164: Self.pool[0], outbound: false, now: Fixture.t0)
            let (_, id) = try await Fixture.campaign(
                in: store, settings: Fixture.settings { $0.numberPool = Self.pool })
            _ = try await store.updateSettings(
                campaignId: id, settings: Fixture.settings { $0.numberPool = Self.pool }, now: Fixture.t0)
            let numbers = try await store.ownedNumbers(orgId: orgId)
            #expect(numbers.first { $0.e164 == Self.pool[0] }?.outbound == false)
            #expect(numbers.filter(\.outbound).map(\.e164).sorted() == Array(Self.pool.dropFirst()))
        }
    }
}
