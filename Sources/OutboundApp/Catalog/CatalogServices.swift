import CampaignCore
import CampaignStore
import Foundation

/// The catalog's use cases together, as the server and the commands build them.
public struct CatalogServices: Sendable {
    /// Agents.
    public let agents: AgentCatalog
    /// Carriers.
    public let carriers: CarrierCatalog
    /// Phone numbers.
    public let numbers: NumberCatalog
    /// The opt-out list.
    public let optOuts: OptOutList

    /// Use cases over `store`, checking numbers with `numbers`, on the clock `now`.
    public init(store: any CatalogStore, numbers: any NumberValidator, now: @escaping @Sendable () -> Date) {
        agents = AgentCatalog(store: store, now: now)
        carriers = CarrierCatalog(store: store, now: now)
        self.numbers = NumberCatalog(store: store, numbers: numbers, now: now)
        optOuts = OptOutList(store: store, numbers: numbers, now: now)
    }
}
