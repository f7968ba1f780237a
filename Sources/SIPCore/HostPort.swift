/// A UDP destination: a host (a name, an IPv4 address, or an IPv6 reference in brackets) and a port.
public struct HostPort: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The host as written in the message.
    public var host: String
    /// The port.
    public var port: Int

    /// A destination.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `host:port`.
    public var description: String { host + ":" + String(port) }
}

extension SIPRequest {
    /// Where this request goes over UDP without DNS SRV (RFC 3263 §4 reduced to A records): the first Route's URI
    /// (a loose router, or the trunk as outbound proxy) when there is one, else the Request-URI; port 5060 when absent.
    public var nextHop: HostPort {
        let route = headers.values("route").first.flatMap { try? NameAddress.parseList($0, header: "Route").first }
        let uri = route?.uri ?? uri
        return HostPort(host: uri.host, port: uri.port ?? 5060)
    }
}

extension Via {
    /// Where a response to a request with this top Via goes (RFC 3261 §18.2.2, RFC 3581): the `received` address
    /// (else the sent-by host) and the `rport` value (else the sent-by port, else 5060).
    public var responseDestination: HostPort {
        HostPort(host: received ?? host, port: rport ?? port ?? 5060)
    }
}
