import CampaignCore
import Foundation

/// What the dashboard offers on a campaign in a given status: the lifecycle actions the state machine of SPEC §4
/// allows from it (the rule stays in ``Lifecycle``; a refusal for a missing agent, number or contact is still the
/// store's to give when the action is taken), and whether its settings may be edited.
public enum OfferedActions {
    /// The lifecycle actions an operator takes (the others are the engine's), in the order the dashboard shows them.
    public static let operatorActions: [LifecycleAction] = [.start, .pause, .resume, .restart, .cancel]

    /// The operator's lifecycle actions legal from `status`.
    public static func lifecycle(from status: CampaignStatus) -> [LifecycleAction] {
        let ready = LifecycleContext(
            startAt: nil, mode: .multiDay, hasAgent: true, outboundNumbers: 1, contacts: 1)
        return operatorActions.filter { action in
            if case .success = Lifecycle.transition(
                from: status, action: action, context: ready, now: Date(timeIntervalSince1970: 0))
            {
                return true
            }
            return false
        }
    }

    /// Whether the settings of a campaign in `status` may be edited (draft and paused only).
    public static func editable(_ status: CampaignStatus) -> Bool { status.allowsEditing }
}
