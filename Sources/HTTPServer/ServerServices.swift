import CampaignCore
import CampaignStore
import Dialer
import Foundation
import OutboundApp

/// Everything the API's store is asked: campaigns and their lifecycle, the organisation-scoped reads, access,
/// contact lists, reports and idempotency keys.
public typealias ServerStore = CampaignRepository & TenantStore & AccessStore & ContactListStore & ReportsStore
    & IdempotencyStore & ForecastStore & AuditStore & CatalogStore & SessionStore & UserDirectory & StatsStore
    & ChangeFeedStore & ImportErrorStore & ExportPageStore & SimulationClockStore
    & WebhookStore & AgentCallStore & TestCallStore

/// What every handler is given: the use cases, the stores they read, the server's clock and the compliance rules the
/// contact export applies.
public struct ServerServices: Sendable {
    /// The store.
    public let store: any ServerStore
    /// Campaign use cases.
    public let campaigns: ServerCampaigns
    /// API keys.
    public let keys: AccessKeys
    /// Agents, carriers, numbers and opt-outs.
    public let catalog: CatalogServices
    /// Campaign stats.
    public let stats: CampaignStats
    /// The campaigns' live feeds (one poller per watched campaign).
    public let feeds: CampaignFeeds
    /// The server's (possibly virtual) clock: "now" of every request.
    public let clock: any DialerClock
    /// The quiet hours and caps (for the contact export's `blocked_by`).
    public let compliance: ComplianceRules
    /// Forecasts in the background.
    public let forecasts: ServerForecasts
    /// The audit log and the quiet-hours exemption.
    public let audit: AuditLog
    /// Sign-in and sessions.
    public let sessions: AccessSessions
    /// The organisation's users.
    public let users: AccessUsers
    /// The sign-in limits and session lifetimes.
    public let signInPolicy: SignInPolicy
    /// Whether cookies are marked `Secure` (the server is reached over HTTPS, `--secure-cookies`).
    public let secureCookies: Bool
    /// Wall time for sessions and sign-in throttling: never the accelerated engine clock, so a session lasts its
    /// real lifetime on a `--speed 60` server.
    public let wallClock: any DialerClock
    /// The process's metrics (`GET /metrics`).
    public let metrics: ServerMetrics
    /// Webhook subscriptions and their delivery log.
    public let webhooks: WebhookSubscriptions
    /// Real calls' agents: their reports (`POST /v1/calls/{callId}/result`).
    public let agentCalls: AgentCalls
    /// Agents' test calls (`POST /v1/agents/{id}/test-call`).
    public let testCalls: AgentTestCalls

    /// Services over `store`, on `clock`, checking pool numbers with `numbers`; passwords hashed at `bcryptCost`,
    /// sessions on `wallClock` under `signInPolicy`; the live feeds poll every `feedInterval`; requests, uploads and
    /// the dialler built with `metrics.dialler` count in `metrics`.
    public init(
        store: any ServerStore, clock: any DialerClock, compliance: ComplianceRules, numbers: any NumberValidator,
        wallClock: any DialerClock = SystemClock(), signInPolicy: SignInPolicy = .standard, bcryptCost: UInt8 = 12,
        secureCookies: Bool = false, feedInterval: Duration = .seconds(1), metrics: ServerMetrics = ServerMetrics(),
        allowPrivateWebhooks: Bool = false
    ) {
        self.webhooks = WebhookSubscriptions(store: store, allowPrivate: allowPrivateWebhooks, now: { wallClock.now() })
        self.metrics = metrics
        self.store = store
        self.clock = clock
        self.compliance = compliance
        self.campaigns = ServerCampaigns(store: store, numbers: numbers, now: { clock.now() })
        self.keys = AccessKeys(store: store)
        self.audit = AuditLog(store: store, now: { clock.now() })
        self.forecasts = ServerForecasts(store: store, compliance: compliance, now: { clock.now() })
        self.catalog = CatalogServices(store: store, numbers: numbers, now: { clock.now() })
        self.sessions = AccessSessions(store: store, policy: signInPolicy, cost: bcryptCost)
        self.users = AccessUsers(store: store, cost: bcryptCost)
        self.signInPolicy = signInPolicy
        self.secureCookies = secureCookies
        self.wallClock = wallClock
        self.stats = CampaignStats(store: store)
        self.feeds = CampaignFeeds(store: store, interval: feedInterval)
        self.agentCalls = AgentCalls(store: store, now: { clock.now() })
        self.testCalls = AgentTestCalls(store: store, compliance: compliance, now: { clock.now() })
    }
}
