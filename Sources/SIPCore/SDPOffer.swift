/// Our SDP offer (RFC 4566, RFC 3264): one audio stream, PCMU/8000 (payload 0) and telephone-event/8000
/// (payload 101, RFC 4733), 20 ms packets, send and receive.
public struct SDPOffer: Equatable, Hashable, Sendable {
    /// The session id and version in the `o=` line.
    public var sessionID: UInt64
    /// The address media is received on (`c=`, `o=`).
    public var address: String
    /// The RTP port (even).
    public var port: Int
    /// The telephone-event payload type.
    public var telephoneEventPayload: Int
    /// Milliseconds of audio per packet.
    public var ptime: Int

    /// An offer.
    public init(sessionID: UInt64, address: String, port: Int, telephoneEventPayload: Int = 101, ptime: Int = 20) {
        self.sessionID = sessionID
        self.address = address
        self.port = port
        self.telephoneEventPayload = telephoneEventPayload
        self.ptime = ptime
    }

    /// The SDP text, CRLF line ends.
    public var text: String {
        let family = address.contains(":") ? "IP6" : "IP4"
        let event = telephoneEventPayload
        return [
            "v=0",
            "o=outbound \(sessionID) \(sessionID) IN \(family) \(address)",
            "s=-",
            "c=IN \(family) \(address)",
            "t=0 0",
            "m=audio \(port) RTP/AVP 0 \(event)",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:\(event) telephone-event/8000",
            "a=fmtp:\(event) 0-15",
            "a=ptime:\(ptime)",
            "a=sendrecv",
        ].joined(separator: "\r\n") + "\r\n"
    }

    /// The SDP as body bytes.
    public var bytes: [UInt8] { Array(text.utf8) }
}
