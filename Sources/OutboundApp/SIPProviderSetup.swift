import CampaignStore
import Dialer
import Foundation
import Logging
import Telephony

/// Starts the `sip` provider of a process that has a SIP endpoint (`--sip-bind`): one socket for every trunk, the
/// application's ``AgentCalls`` as its directory, machine detection on every answer, the wall clock.
public enum SIPProviderSetup {
    /// Binds the endpoint `options` name and returns the provider; throws ``AppFailure`` when it cannot bind.
    public static func start(
        _ options: SIPListenOptions, store: any AgentCalls.Store, logger: Logger
    ) async throws -> SIPCallProvider {
        let endpoint = SIPEndpoint(
            bindHost: options.bindHost, bindPort: options.bindPort, publicAddress: options.publicAddress,
            rtpPorts: options.rtpPorts, maximumRingTimeout: 300)
        do {
            return try await SIPCallProvider.start(
                endpoint: endpoint, directory: AgentCalls(store: store, now: { Date() }),
                detector: ClassicAnsweredByDetector(), logger: logger)
        } catch {
            throw AppFailure("--sip-bind \(options.bindHost):\(options.bindPort): cannot listen (\(error))")
        }
    }

    /// Stops the provider when the process stops: its ringing calls are cancelled (outcome `cancelled`) and its
    /// answered ones hung up, and the ends the engine had not recorded yet are recorded here, so no phone keeps
    /// ringing and no call waits for a restart's reconcile. A failed write is logged: the restart reconciles them.
    public static func stop(_ provider: SIPCallProvider, store: any DiallerStore, logger: Logger) async {
        let ended = await provider.shutdown()
        let calls = ended.compactMap { event -> EndedCall? in
            guard case .ended(let result) = event.kind else { return nil }
            return EndedCall(callId: event.callId, result: result, providerCallId: event.providerCallId)
        }
        guard !calls.isEmpty else { return }
        do {
            _ = try await store.recordEnded(calls, now: Date())
            logger.info("recorded the ends of the calls live at shutdown", metadata: ["calls": "\(calls.count)"])
        } catch {
            logger.error(
                "could not record the ends of the calls live at shutdown; a restart reconciles them",
                metadata: ["calls": "\(calls.count)", "error": "\(error)"])
        }
    }
}
