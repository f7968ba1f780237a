import Foundation

/// When the dialler next has something to dial for a campaign, for people watching it (`outbound campaign show`): the
/// earliest moment a key with due leads opens, or a waiting lead's retry falls due.
public enum NextDial {
    /// The next dial of a campaign in `status` (nil when it dials nothing until an operator acts: a draft, paused,
    /// completed or cancelled campaign, or a campaign with nothing left to dial within the rules' horizon).
    /// `dueKeys` are the rules of the keys that have leads due now; `earliestWaiting` the soonest retry of a waiting
    /// lead; a scheduled campaign starts at `startAt`.
    public static func at(
        status: CampaignStatus, startAt: Date?, now: Date, dueKeys: [DialRules], earliestWaiting: Date?
    ) -> Date? {
        let from: Date
        switch status {
        case .draft, .paused, .completed, .cancelled: return nil
        case .scheduled: from = max(now, startAt ?? now)
        case .running: from = now
        }
        var candidates = dueKeys.compactMap { $0.nextOpen(atOrAfter: from) }
        if let earliestWaiting { candidates.append(max(from, earliestWaiting)) }
        return candidates.min()
    }
}
