/// Everything the store does, as one name: the composition of its roles. Every time is passed in ("now"), so the
/// store never reads a clock. Code that builds a store or hands it on uses this; a consumer takes the narrowest role
/// it uses (``CampaignRepository``, ``DiallerStore``, ``ReportsStore``, ``ContactListStore``,
/// ``SimulationLeaseStore``, ``SimulationClockStore``).
public typealias CampaignStore =
    CampaignRepository & DiallerStore & ReportsStore & ContactListStore & SimulationLeaseStore
    & SimulationClockStore
