/// What the far end's SDP answer says about its audio: where to send RTP and how.
public struct MediaDescription: Equatable, Hashable, Sendable {
    /// The connection address (media-level `c=` over session-level).
    public var address: String
    /// The RTP port of the audio stream.
    public var port: Int
    /// The payload types of the `m=audio` line, in order of preference.
    public var payloadTypes: [Int]
    /// The payload number of telephone-event/8000, when offered.
    public var telephoneEventPayload: Int?
    /// Milliseconds per packet, when given.
    public var ptime: Int?
    /// The direction (media level over session level; sendrecv by default).
    public var direction: MediaDirection

    /// A description.
    public init(
        address: String, port: Int, payloadTypes: [Int], telephoneEventPayload: Int? = nil, ptime: Int? = nil,
        direction: MediaDirection = .sendrecv
    ) {
        self.address = address
        self.port = port
        self.payloadTypes = payloadTypes
        self.telephoneEventPayload = telephoneEventPayload
        self.ptime = ptime
        self.direction = direction
    }

    /// Parses an answer and checks it is usable: an audio stream on a non-zero port with a connection address and
    /// PCMU (payload 0, or a dynamic payload mapped to PCMU/8000); refused with ``SIPError/sdp(_:)`` otherwise.
    public static func parseAnswer(_ body: [UInt8]) throws(SIPError) -> MediaDescription {
        guard !body.isEmpty else { throw .sdp("the body is empty") }
        guard let text = Byte.utf8(body[...]) else { throw .sdp("the body is not UTF-8") }
        var sessionAddress: String?
        var sessionDirection: MediaDirection?
        var audio: MediaDescription?
        var audioAddress: String?
        var audioDirection: MediaDirection?
        var rtpmaps: [Int: String] = [:]
        var inAudio = false
        var inMedia = false
        var sawVersion = false
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            guard line.count >= 2, line.dropFirst().first == "=" else { throw .sdp("a line is not x=value") }
            let value = line.dropFirst(2)
            switch line.first {
            case "v": sawVersion = value == "0"
            case "m":
                inAudio = false
                inMedia = true
                let fields = value.split(separator: " ")
                guard fields.count >= 3 else { throw .sdp("a media line is short") }
                guard fields[0] == "audio", audio == nil else { continue }
                guard let port = Byte.decimal(fields[1].split(separator: "/").first ?? "", limit: 65_535) else {
                    throw .sdp("the audio port is not a number")
                }
                let types = fields.dropFirst(3).compactMap { Byte.decimal($0, limit: 127).map(Int.init) }
                audio = MediaDescription(address: "", port: Int(port), payloadTypes: types)
                inAudio = true
            case "c":
                let fields = value.split(separator: " ")
                guard fields.count == 3, fields[0] == "IN" else { throw .sdp("a connection line is malformed") }
                guard let address = fields[2].split(separator: "/").first.map(String.init) else {
                    throw .sdp("a connection line has no address")
                }
                if !inMedia { sessionAddress = address } else if inAudio { audioAddress = address }
            case "a":
                if let direction = MediaDirection(rawValue: String(value)) {
                    if !inMedia { sessionDirection = direction } else if inAudio { audioDirection = direction }
                } else if inAudio {
                    try attribute(value, into: &audio, rtpmaps: &rtpmaps)
                }
            default: continue
            }
        }
        guard sawVersion else { throw .sdp("no v=0 line") }
        guard var answer = audio else { throw .sdp("no audio stream") }
        guard answer.port != 0 else { throw .sdp("the audio stream was refused (port 0)") }
        guard let address = audioAddress ?? sessionAddress else { throw .sdp("no connection address") }
        answer.address = address
        answer.direction = audioDirection ?? sessionDirection ?? .sendrecv
        let pcmu = answer.payloadTypes.contains {
            $0 == 0 && (rtpmaps[0] == nil || rtpmaps[0]?.uppercased() == "PCMU/8000")
                || rtpmaps[$0]?.uppercased().hasPrefix("PCMU/8000") == true
        }
        guard pcmu else { throw .sdp("the answer has no PCMU/8000 (G.711 μ-law)") }
        answer.telephoneEventPayload = answer.payloadTypes.first {
            rtpmaps[$0]?.lowercased().hasPrefix("telephone-event/8000") == true
        }
        return answer
    }

    private static func attribute(
        _ value: Substring, into audio: inout MediaDescription?, rtpmaps: inout [Int: String]
    ) throws(SIPError) {
        if value.hasPrefix("rtpmap:") {
            let fields = value.dropFirst(7).split(separator: " ", maxSplits: 1)
            guard fields.count == 2, let type = Byte.decimal(fields[0], limit: 127) else {
                throw .sdp("an rtpmap is malformed")
            }
            rtpmaps[Int(type)] = String(fields[1])
        } else if value.hasPrefix("ptime:") {
            audio?.ptime = Byte.decimal(value.dropFirst(6), limit: 10_000).map(Int.init)
        }
    }
}
