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
}
