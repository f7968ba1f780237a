/// Where a process speaks SIP and RTP (`--sip-bind`, `--sip-public-address`, `--rtp-ports`; SPEC §12), parsed and
/// checked.
public struct SIPListenOptions: Sendable, Equatable {
    /// The address the SIP socket binds.
    public var bindHost: String
    /// Its port (0: any free one).
    public var bindPort: Int
    /// What goes in Via, Contact and SDP (the bound address when nil).
    public var publicAddress: String?
    /// The RTP ports calls take theirs from (even ports).
    public var rtpPorts: ClosedRange<Int>

    /// The default RTP range.
    public static let defaultRTPPorts = 20_000...29_999

    /// Options from the command line's texts; throws ``AppFailure`` naming the option and what is wrong.
    public init(bind: String, publicAddress: String?, rtpPorts: String?) throws {
        guard let colon = bind.lastIndex(of: ":"), let port = Int(bind[bind.index(after: colon)...]),
            (0...65_535).contains(port)
        else { throw AppFailure("--sip-bind: '\(bind)' is not HOST:PORT (a port from 0 to 65535)") }
        var host = String(bind[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw AppFailure("--sip-bind: '\(bind)' has no host") }
        bindHost = host
        bindPort = port
        if let publicAddress {
            guard !publicAddress.isEmpty, !publicAddress.contains(where: { $0 == " " || $0 == "/" }) else {
                throw AppFailure("--sip-public-address: '\(publicAddress)' is not a host name or address")
            }
        }
        self.publicAddress = publicAddress
        guard let rtpPorts else {
            self.rtpPorts = Self.defaultRTPPorts
            return
        }
        let bounds = rtpPorts.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard bounds.count == 2, let low = bounds[0], let high = bounds[1], 1_024 <= low, low < high, high <= 65_535
        else {
            throw AppFailure("--rtp-ports: '\(rtpPorts)' is not LOW-HIGH with 1024 ≤ LOW < HIGH ≤ 65535")
        }
        self.rtpPorts = low...high
    }
}
