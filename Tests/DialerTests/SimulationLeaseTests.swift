import CampaignCore
import CampaignStore
import Dialer
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Who may run a campaign's simulation")
struct SimulationLeaseTests {
    static let now = Harness.friday

    static func lease(
        _ store: SQLCampaignStore, _ id: Int64, as holder: SimulationHolder, liveness: SimulationHolder.Liveness,
        at now: Date = now
    ) async throws -> SimulationLease {
        try await SimulationLease.acquire(
            store: store, campaignId: id, holder: holder, now: now, liveness: { _ in liveness })
    }

    @Test func aLiveHolderKeepsItAndADeadOneIsTakenOverAtOnce() async throws {
        try await Harness.withStore { store, _ in
            let id = try await Harness.campaign(
                in: store, settings: Harness.settings(), leads: Harness.leads(2), at: Self.now)
            let a = SimulationHolder(host: "h", pid: 1, startToken: "a")
            let b = SimulationHolder(host: "h", pid: 2, startToken: "b")
            _ = try await Self.lease(store, id, as: a, liveness: .alive)
            await #expect(throws: SimulationLeaseError.self) {
                try await Self.lease(store, id, as: b, liveness: .alive)
            }
            do {
                _ = try await Self.lease(store, id, as: b, liveness: .alive)
            } catch {
                #expect("\(error)".contains("already simulating"), "\(error)")
                #expect("\(error)".contains("pid 1"), "\(error)")
            }
            await #expect(throws: SimulationLeaseError.self, "another host is trusted until its lease expires") {
                try await Self.lease(store, id, as: b, liveness: .unknown)
            }
            let taken = try await Self.lease(
                store, id, as: b, liveness: .unknown, at: Self.now.addingTimeInterval(SimulationLease.timeToLive + 1))
            #expect(try await store.simulationHolder(campaignId: id)?.holder == b)
            let c = SimulationHolder(host: "h", pid: 3, startToken: "c")
            _ = try await Self.lease(store, id, as: c, liveness: .dead)
            #expect(try await store.simulationHolder(campaignId: id)?.holder == c, "a dead holder is replaced")
            await #expect(throws: SimulationLeaseError.self) { try await taken.renew(now: Self.now) }
        }
    }

    @Test func livenessOnThisHostComesFromTheProcessTable() throws {
        let me = SimulationHolder.current()
        #expect(me.pid == getpid())
        #expect(me.liveness() == .alive)
        var reused = me
        reused.startToken += "-other"
        #expect(reused.liveness() == .dead, "a pid reused by another process is not the holder")
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        var gone = me
        gone.pid = child.processIdentifier
        #expect(gone.liveness() == .dead)
        var elsewhere = me
        elsewhere.host += "-elsewhere"
        #expect(elsewhere.liveness() == .unknown)
    }
}
