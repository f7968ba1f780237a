import Foundation

extension CallResult {
    /// The result a call is final with when its agent's report is in (SPEC §12): the report's disposition, turns and
    /// callback time replace what the provider carried, whatever the provider saw of the report. A call that was
    /// lost before its end (`interrupted`: its process died during the conversation or the result grace) but whose
    /// agent reported is a conversation that happened: it counts as `answered` (at `answeredAt`, by `answeredBy`,
    /// as its progress recorded them), so its retry follows the agent's disposition, never a blind redial.
    public func finalized(
        disposition: String?, turns: Int, callbackAt: Date?, answeredAt: Date?, answeredBy: AnsweredBy?
    ) -> CallResult {
        var result = self
        result.disposition = disposition
        result.turns = turns
        result.callbackAt = callbackAt
        if result.outcome == .interrupted {
            result.outcome = .answered
            result.answeredAt = result.answeredAt ?? answeredAt ?? result.endedAt
            result.answeredBy = result.answeredBy ?? answeredBy ?? .unknown
        }
        return result
    }
}
