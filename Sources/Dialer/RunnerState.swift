import CampaignCore
import Foundation

/// The runner's memory between ticks; all of it can be rebuilt from the database (the machine's calls from the
/// live call rows and the provider's reconciliation).
struct RunnerState {
    /// The call path.
    var machine: DiallerMachine
    /// Actions the machine returned that the shell has not carried out yet.
    var pending: [DiallerAction] = []
    var placed = 0
    var ticks = 0
    /// Whether another worker held live calls of the campaign at the last look (their leases may lapse).
    var othersLive = true
    /// The earliest retry time of a waiting lead at the last look (`distantFuture` when none, nil when unknown), so
    /// the runner promotes due leads only when one can be due.
    var earliestWaiting: Date?
    var zoneKeys: [String]?
    var schedule: DialSchedule?
    /// The organisation's exemptions as last read from the store (re-read every 50 ticks).
    var exemptions: ComplianceExemptions?
    /// Leads held back by each rule (cap waits, and pending leads of a key each time a rule's hours close on it).
    var ruleWaits: [String: Int] = [:]
    /// Keys a rule's hours hold back at the last look.
    var heldKeys: Set<String> = []
    var checkedKeys: Set<String> = []
    var cutoff: Date?
    /// This runner's share of the process's live-call and lease gauges, as last reported.
    var held = HeldCalls()
}

/// What one tick decided about the next: look again at once, or sleep until the earliest wake-up.
struct TickPlan {
    var again = false
    private(set) var next: Date?

    mutating func wake(at instant: Date) { next = min(next ?? instant, instant) }
}
