import CampaignCore
import CampaignStore
import Dialer
import Foundation
import OutboundApp

/// Everything the API's store is asked: campaigns and their lifecycle, the organisation-scoped reads, access,
/// contact lists, reports and idempotency keys.
public typealias ServerStore = CampaignRepository & TenantStore & AccessStore & ContactListStore & ReportsStore
    & IdempotencyStore & ForecastStore & AuditStore & ImportErrorStore & ExportPageStore & SimulationClockStore

/// What every handler is given: the use cases, the stores they read, the server's clock and the compliance rules the
/// contact export applies.
public struct ServerServices: Sendable {
    /// The store.
    public let store: any ServerStore
    /// Campaign use cases.
    public let campaigns: ServerCampaigns
    /// API keys.
    public let keys: AccessKeys
    /// The server's (possibly virtual) clock: "now" of every request.
    public let clock: any DialerClock
    /// The quiet hours and caps (for the contact export's `blocked_by`).
    public let compliance: ComplianceRules
    /// Forecasts in the background.
    public let forecasts: ServerForecasts
    /// The audit log and the quiet-hours exemption.
    public let audit: AuditLog

    /// Services over `store`, on `clock`, checking pool numbers with `numbers`.
    public init(
        store: any ServerStore, clock: any DialerClock, compliance: ComplianceRules, numbers: any NumberValidator
    ) {
        self.store = store
        self.clock = clock
        self.compliance = compliance
        self.campaigns = ServerCampaigns(store: store, numbers: numbers, now: { clock.now() })
        self.keys = AccessKeys(store: store)
        self.audit = AuditLog(store: store, now: { clock.now() })
        self.forecasts = ServerForecasts(store: store, compliance: compliance, now: { clock.now() })
    }
}
