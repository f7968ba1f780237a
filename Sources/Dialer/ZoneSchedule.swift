import CampaignCore
import Foundation

/// The calling window applied to a campaign's zone keys (a contact's candidate zones joined by `|`).
struct ZoneSchedule {
    let window: CallingWindow
    private var zonesByKey: [String: [TimeZone]] = [:]

    init(window: CallingWindow) { self.window = window }

    /// The zones the window is read in for a key; nil when the key names a zone Foundation does not know.
    mutating func zones(for key: String) -> [TimeZone]? {
        if let cached = zonesByKey[key] { return window.zones(forContactZones: cached) }
        let names = key.split(separator: "|").map(String.init)
        let parsed = names.compactMap(TimeZone.init(identifier:))
        guard !names.isEmpty, parsed.count == names.count else {
            if case .named = window.timezone { return window.zones(forContactZones: []) }
            return nil
        }
        zonesByKey[key] = parsed
        return window.zones(forContactZones: parsed)
    }

    /// The keys whose window is open at `now`; nil stands for "every key" (one named zone, open).
    mutating func openKeys(_ keys: [String], at now: Date) -> [String]? {
        if case .named(let zone) = window.timezone { return window.isOpen(at: now, in: [zone]) ? nil : [] }
        return keys.filter { key in zones(for: key).map { window.isOpen(at: now, in: $0) } ?? false }
    }
}
