/// A confirmed dialog from the caller's side (RFC 3261 §12.1.2): what every in-dialog request is built from.
public struct Dialog: Equatable, Hashable, Sendable {
    /// The Call-ID.
    public var callID: String
    /// Our address with our tag (the From of our requests).
    public var local: NameAddress
    /// The callee's address with its tag (the To of our requests).
    public var remote: NameAddress
    /// Where in-dialog requests go: the Contact of the 2xx.
    public var remoteTarget: SIPURI
    /// The Record-Route of the 2xx, reversed.
    public var routeSet: [NameAddress]

    /// A dialog.
    public init(callID: String, local: NameAddress, remote: NameAddress, remoteTarget: SIPURI, routeSet: [NameAddress])
    {
        self.callID = callID
        self.local = local
        self.remote = remote
        self.remoteTarget = remoteTarget
        self.routeSet = routeSet
    }

    /// The dialog a 2xx to `invite` creates: remote target from its Contact (else the Request-URI), route set from
    /// its Record-Route in reverse order.
    public init(invite: SIPRequest, response: SIPResponse) throws(SIPError) {
        let contacts = try response.headers.addresses("Contact")
        self.init(
            callID: try invite.headers.callID(), local: try invite.headers.from(), remote: try response.headers.to(),
            remoteTarget: contacts.first?.uri ?? invite.uri,
            routeSet: try response.headers.addresses("Record-Route").reversed())
    }

    /// An in-dialog request (§12.2.1.1): loose routing puts the route set in Route and the remote target in the
    /// Request-URI; a strict first route becomes the Request-URI and the remote target the last Route.
    public func request(_ method: SIPMethod, cseq: UInt32, via: Via) -> SIPRequest {
        var uri = remoteTarget
        var routes = routeSet
        if let first = routes.first, !first.uri.parameters.contains("lr") {
            uri = first.uri
            uri.headers = nil
            routes = Array(routes.dropFirst()) + [NameAddress(uri: remoteTarget)]
        }
        var headers = SIPHeaders()
        headers.add("Via", via.description)
        headers.add("Max-Forwards", "70")
        for route in routes { headers.add("Route", route.description) }
        headers.add("From", local.description)
        headers.add("To", remote.description)
        headers.add("Call-ID", callID)
        headers.add("CSeq", CSeq(cseq, method).description)
        return SIPRequest(method: method, uri: uri, headers: headers)
    }
}
