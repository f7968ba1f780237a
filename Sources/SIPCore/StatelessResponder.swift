/// Answers requests that belong to no call of ours (the transport found no call for their Call-ID): OPTIONS
/// (a carrier's keep-alive probe) gets 200, ACK nothing, anything else 481 (RFC 3261 §8.2, §12.2.2).
public struct StatelessResponder: Equatable, Sendable {
    /// The To tag added to responses whose request had none.
    public var tag: String
    /// The Allow header sent with the 200 to OPTIONS.
    public var allow: String

    /// A responder.
    public init(tag: String, allow: String = "INVITE, ACK, CANCEL, BYE, OPTIONS") {
        self.tag = tag
        self.allow = allow
    }

    /// The response to send back (to the top Via's ``Via/responseDestination``), or nil for ACK.
    public func respond(to request: SIPRequest) -> SIPResponse? {
        guard request.method != .ack else { return nil }
        var response = SIPResponse(
            replyingTo: request, statusCode: 481, reason: "Call/Transaction Does Not Exist", toTag: tag)
        guard request.method == .options else { return response }
        response.statusCode = 200
        response.reason = "OK"
        response.headers.add("Allow", allow)
        response.headers.add("Accept", "application/sdp")
        return response
    }
}
