import SIPCore

/// What the engine did during a recorded SIPp call, so a replay does the same at the same point.
enum SIPpPolicy {
    /// Hang up as soon as the call is answered.
    case hangUpOnAnswer
    /// CANCEL for the ring timeout as soon as a provisional has arrived.
    case cancelWhenEarly
    /// Do nothing: the far end ends the call.
    case wait

    /// The actions of the policy's one step when it is due now, else nil.
    func act(_ call: inout UACCall) -> [CallAction]? {
        switch self {
        case .hangUpOnAnswer: call.phase == .established ? call.hangUp() : nil
        case .cancelWhenEarly: call.phase == .early ? call.cancel(.ringTimeout) : nil
        case .wait: nil
        }
    }

    /// The call as it was recorded: trunk 127.0.0.1:`port`, public address 127.0.0.1:5062, fixed identifiers.
    static func call(_ name: String, port: Int, credentials: DigestCredentials?) throws -> UACCall {
        let configuration = CallConfiguration(
            destination: "+15551230000", trunkHost: "127.0.0.1", trunkPort: port, callerID: "+15550001111",
            callerName: "Outbound", publicAddress: "127.0.0.1", sipPort: 5062, rtpPort: 16000,
            credentials: credentials, ringTimeout: .seconds(30))
        return try UACCall(
            configuration: configuration,
            identity: CallIdentity(callID: "\(name)-1@127.0.0.1", localTag: "ourtag", token: "tok", sessionID: 7))
    }
}
