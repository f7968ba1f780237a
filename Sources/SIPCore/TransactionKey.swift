/// Identifies a client transaction within a call: the CSeq number and the method.
public struct TransactionKey: Equatable, Hashable, Sendable {
    /// The CSeq number.
    public var cseq: UInt32
    /// The method.
    public var method: SIPMethod

    /// A key.
    public init(_ cseq: UInt32, _ method: SIPMethod) {
        self.cseq = cseq
        self.method = method
    }
}
