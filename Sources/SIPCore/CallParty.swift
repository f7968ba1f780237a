/// Who hung up an answered call.
public enum CallParty: String, Equatable, Hashable, Sendable {
    /// We sent BYE.
    case local
    /// The callee sent BYE.
    case remote
}
