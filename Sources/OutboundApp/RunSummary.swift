import CampaignCore
import CampaignStore
import Dialer
import Foundation

/// What one simulated run did, as a table for people or JSON for tools. `simulatedFrom` is where this run started
/// (the saved virtual time when it resumed), so a run that had nothing left to do reports 0 hours.
public struct RunSummary: Encodable, Sendable {
    /// The campaign run.
    public let campaignId: Int64
    /// The campaign's status after the run.
    public let status: String
    /// Why the runner stopped.
    public let stoppedBecause: String
    /// Where this run started, ISO-8601.
    public let simulatedFrom: String
    /// The virtual time the run reached, ISO-8601.
    public let simulatedUntil: String
    /// Virtual hours simulated, to a tenth.
    public let simulatedHours: Double
    /// Leads of the campaign.
    public let contacts: Int
    /// Leads still open (pending or in progress).
    public let pending: Int
    /// Leads completed.
    public let completed: Int
    /// Leads failed.
    public let failed: Int
    /// Calls made.
    public let calls: Int
    /// Calls that reached someone.
    public let reached: Int
    /// Reached per call, to a thousandth.
    public let answerRate: Double
    /// Calls per outcome.
    public let outcomes: [String: Int]
    /// Calls per disposition.
    public let dispositions: [String: Int]
    /// Leads each compliance rule held back: those a frequency cap made wait, and the pending leads of a key each
    /// time a rule's quiet hours closed on it while the campaign window was open.
    public let ruleWaits: [String: Int]
    /// Wall-clock seconds the run took, to a hundredth.
    public let wallSeconds: Double

    /// The summary of a run of `campaign` that stopped for `stop`, simulated `from` → `until`.
    public init(
        campaign: Campaign, stop: RunnerStop, from: Date, until: Date, counts: LeadCounts, calls: CallSummary,
        ruleWaits: [String: Int], wallSeconds: Double
    ) {
        self.ruleWaits = ruleWaits
        campaignId = campaign.id
        status = campaign.status.rawValue
        stoppedBecause = stop.rawValue
        simulatedFrom = ISOTime.format(from)
        simulatedUntil = ISOTime.format(until)
        simulatedHours = (until.timeIntervalSince(from) / 360).rounded() / 10
        contacts = counts.total
        pending = counts.pending + counts.inProgress
        completed = counts.completed
        failed = counts.failed
        self.calls = calls.calls
        reached = calls.reached
        answerRate = calls.calls == 0 ? 0 : (Double(calls.reached) / Double(calls.calls) * 1000).rounded() / 1000
        outcomes = calls.outcomes
        dispositions = calls.dispositions
        self.wallSeconds = (wallSeconds * 100).rounded() / 100
    }

    /// The summary as one JSON object with sorted keys.
    public func json() -> String { JSONOutput.text(self) }

    /// Why a run simulated no time: the saved clock is already at `--until`, or the campaign cannot run.
    private var idle: String {
        stoppedBecause == RunnerStop.deadline.rawValue
            ? "; nothing to do: already simulated up to --until" : "; nothing to do: the campaign is \(status)"
    }

    /// The summary as an aligned two-column table.
    public func table() -> String {
        var rows: [(String, String)] = [
            ("campaign", "\(campaignId) (\(status), stopped: \(stoppedBecause))"),
            (
                "simulated",
                "\(simulatedFrom) → \(simulatedUntil) (\(simulatedHours) h\(simulatedHours == 0 ? idle : ""))"
            ),
            ("contacts", "\(contacts): \(completed) completed, \(failed) failed, \(pending) still open"),
            ("calls made", "\(calls)"),
            ("reached", "\(reached)"),
            ("answer rate", String(format: "%.1f%%", answerRate * 100)),
        ]
        for (outcome, count) in outcomes.sorted(by: { $0.key < $1.key }) {
            rows.append(("  outcome \(outcome)", "\(count)"))
        }
        for (name, count) in dispositions.sorted(by: { $0.key < $1.key }) {
            rows.append(("  disposition \(name)", "\(count)"))
        }
        for (rule, count) in ruleWaits.sorted(by: { $0.key < $1.key }) {
            rows.append(("  held by rule \(rule)", "\(count)"))
        }
        rows.append(("wall time", String(format: "%.2f s", wallSeconds)))
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
            .joined(separator: "\n")
    }
}
