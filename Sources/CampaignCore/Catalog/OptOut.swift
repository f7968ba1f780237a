import Foundation

/// A number on an organisation's opt-out list: no campaign of the organisation dials it.
public struct OptOut: Sendable, Equatable {
    /// The number, E.164.
    public var e164: String
    /// Where the opt-out came from: `api`, `csv`, `cli`, `call` (a call's disposition), …
    public var source: String
    /// When it was added.
    public var createdAt: Date

    /// Creates an opt-out value.
    public init(e164: String, source: String, createdAt: Date) {
        self.e164 = e164
        self.source = source
        self.createdAt = createdAt
    }
}
