import CampaignCore
import Foundation

/// A callee whose whole call is known the moment it is placed: the simulator, and the scripted callees of tests.
/// ``ScriptedCallProvider`` turns one into an event source on the engine's clock.
public protocol CallScript: Sendable {
    /// The whole course of the call (its `endedAt` usually lies ahead of the clock).
    func place(_ request: DialRequest) async throws -> CallResult
    /// The course of a call whose worker died, or nil when the script cannot tell.
    func reconcile(_ request: DialRequest) async -> CallResult?
    /// The longest a call can last.
    var maximumCallDuration: TimeInterval { get }
    /// The longest a call can ring unanswered.
    var ringTimeout: TimeInterval { get }
}

extension CallScript {
    /// A script that says nothing of ringing lets a call ring as long as it may last.
    public var ringTimeout: TimeInterval { maximumCallDuration }
}
