import CampaignStore
import Dialer
import Foundation
import Testing

@Suite("The simulation clock saves the virtual time it moves to")
struct PersistedSimulationClockTests {
    static let start = Date(timeIntervalSince1970: 1_773_061_200)

    @Test func itSavesEachInstantItMovesToAndNothingWhenTimeStandsStill() async throws {
        let store = RecordingSimulationClockStore()
        let clock = PersistedSimulationClock(VirtualClock(start: Self.start), campaignId: 7, store: store)
        try await clock.save()
        try await clock.sleep(until: Self.start)
        try await clock.sleep(until: Self.start.addingTimeInterval(-60))
        try await clock.sleep(until: Self.start.addingTimeInterval(30))
        try await clock.sleep(until: Self.start.addingTimeInterval(30))
        try await clock.sleep(until: Self.start.addingTimeInterval(90))
        #expect(store.saves == [Self.start, Self.start.addingTimeInterval(30), Self.start.addingTimeInterval(90)])
        #expect(try await store.simulationClock(campaignId: 7) == Self.start.addingTimeInterval(90))
        #expect(try await store.simulationClock(campaignId: 8) == nil)
        #expect(clock.now() == Self.start.addingTimeInterval(90))
        #expect(clock.isVirtual)
    }

    struct DiskFull: Error {}

    @Test func theTimeIsSavedBeforeTheSleepReturns() async throws {
        let store = RecordingSimulationClockStore()
        let clock = PersistedSimulationClock(VirtualClock(start: Self.start), campaignId: 1, store: store)
        let wake = Self.start.addingTimeInterval(3600)
        try await clock.sleep(until: wake)
        #expect(try await store.simulationClock(campaignId: 1) == wake)
    }

    @Test func aFailedSaveFailsTheSleep() async throws {
        let store = RecordingSimulationClockStore()
        store.failSaves(with: DiskFull())
        let clock = PersistedSimulationClock(VirtualClock(start: Self.start), campaignId: 1, store: store)
        await #expect(throws: DiskFull.self) { try await clock.sleep(until: Self.start.addingTimeInterval(1)) }
        await #expect(throws: DiskFull.self) { try await clock.save() }
    }

    @Test func aCancelledSleepNeitherMovesNorSaves() async throws {
        let store = RecordingSimulationClockStore()
        let clock = PersistedSimulationClock(VirtualClock(start: Self.start), campaignId: 1, store: store)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await clock.sleep(until: Self.start.addingTimeInterval(10))
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(store.saves.isEmpty)
        #expect(clock.now() == Self.start)
    }
}
