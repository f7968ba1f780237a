/// A request method; case-sensitive, any token (RFC 3261 §7.1).
public struct SIPMethod: RawRepresentable, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The method as written.
    public var rawValue: String

    /// A method from its name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A method from its name.
    public init(_ name: String) { self.rawValue = name }

    /// The method's name.
    public var description: String { rawValue }

    /// INVITE.
    public static let invite = SIPMethod("INVITE")
    /// ACK.
    public static let ack = SIPMethod("ACK")
    /// BYE.
    public static let bye = SIPMethod("BYE")
    /// CANCEL.
    public static let cancel = SIPMethod("CANCEL")
    /// OPTIONS.
    public static let options = SIPMethod("OPTIONS")
    /// REGISTER.
    public static let register = SIPMethod("REGISTER")
    /// INFO.
    public static let info = SIPMethod("INFO")
    /// UPDATE.
    public static let update = SIPMethod("UPDATE")
}
