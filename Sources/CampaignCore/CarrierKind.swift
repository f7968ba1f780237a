/// The kind of provider a carrier's calls leave through.
public enum CarrierKind: String, Sendable, CaseIterable {
    /// The built-in simulator.
    case simulator
    /// A SIP trunk.
    case sipTrunk = "sip-trunk"
    /// Twilio.
    case twilio
}
