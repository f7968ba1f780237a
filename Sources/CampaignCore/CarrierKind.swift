/// The kind of provider a carrier's calls leave through.
public enum CarrierKind: String, Sendable, CaseIterable {
    /// The built-in simulator.
    case simulator
    /// A SIP trunk (Outbound speaks SIP to it).
    case sip
    /// Twilio (refused until its provider is built).
    case twilio

    /// The kind a command or request names; `sip-trunk`, the name older versions used for `sip`, is still read.
    public init?(parsing text: String) {
        if text == "sip-trunk" {
            self = .sip
        } else {
            self.init(rawValue: text)
        }
    }

    /// Whether calls can be placed through this kind today.
    public var isBuilt: Bool { self != .twilio }
}
