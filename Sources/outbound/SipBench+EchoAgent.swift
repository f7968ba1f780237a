import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore

/// The bench's agent: a Twilio Media Streams WebSocket server that sends each `media` frame's audio straight back
/// (as the agent's own `media`) and, every ``markEvery`` frames, a `mark` that the bridge echoes once that audio has
/// been played. It runs in a child process (`outbound bench sip --echo-agent`) so that the bench's CPU figures are
/// the bridge's alone.
enum SipBenchEchoAgent {
    /// Frames echoed between two marks.
    static let markEvery = 50

    /// Serves on a free loopback port, printing `port=N` on stdout once it listens, until the process is killed.
    static func serve() async throws {
        var logger = Logger(label: "outbound.bench.echo")
        logger.logLevel = .critical
        let app = Application(
            router: Router(),
            server: .http1WebSocketUpgrade { _, _, _ in
                .upgrade([:]) { inbound, outbound, _ in
                    var streamSid = ""
                    var echoed = 0
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        guard case .text(let text) = message else { continue }
                        switch field("event", in: text) {
                        case "start":
                            streamSid = field("streamSid", in: text) ?? ""
                        case "media":
                            guard let payload = field("payload", in: text) else { continue }
                            try await outbound.write(
                                .text(
                                    #"{"event":"media","streamSid":"\#(streamSid)","media":{"payload":"\#(payload)"}}"#
                                ))
                            echoed += 1
                            if echoed % markEvery == 0 {
                                try await outbound.write(
                                    .text(
                                        #"{"event":"mark","streamSid":"\#(streamSid)","mark":{"name":"m\#(echoed)"}}"#))
                            }
                        case "stop":
                            return
                        default:
                            continue
                        }
                    }
                }
            },
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                FileHandle.standardOutput.write(Data("port=\(channel.localAddress?.port ?? 0)\n".utf8))
            },
            logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    /// The string value of the first `"name":"…"` in a JSON text (the bridge writes compact JSON with no escapes in
    /// these fields: event names, stream ids, base64).
    static func field(_ name: String, in text: String) -> String? {
        guard let key = text.range(of: "\"\(name)\":\"") else { return nil }
        guard let end = text[key.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(text[key.upperBound..<end])
    }
}
