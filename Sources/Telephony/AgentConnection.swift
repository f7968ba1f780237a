import Foundation
import HummingbirdWSClient
import Logging
import Synchronization

/// How an agent's WebSocket ended.
enum AgentClosure: Sendable, Equatable {
    /// It was open, then closed (by the agent, or by us).
    case closed
    /// It never opened: the stream URL did not connect or refused the upgrade.
    case unreachable(String)
}

/// One call's WebSocket to its agent (`ws` or `wss`, TLS through swift-nio-ssl): text frames out in the order given,
/// text frames in handed to `onText`, and `onClosed` once at the end. Binary frames from the agent are ignored (Media
/// Streams is text only).
final class AgentConnection: Sendable {
    /// A text frame to write, with when the packet it carries arrived (for the bridge's delay tally).
    private struct Outgoing: Sendable {
        var text: String
        var arrived: ContinuousClock.Instant?
    }

    private let outgoing: AsyncStream<Outgoing>.Continuation
    private let task: Task<Void, Never>

    /// Largest text frame taken from an agent (a `media` message of a few seconds of audio fits many times over).
    static let maximumMessageSize = 1 << 20

    /// Connects to `url` in the background; what is sent before the socket opens waits for it. `onText` gets each
    /// text frame with the instant it was read; `onWritten` the time from a frame's `arrived` to its write.
    init(
        url: URL, logger: Logger, onOpened: @escaping @Sendable () -> Void,
        onText: @escaping @Sendable (String, ContinuousClock.Instant) -> Void,
        onWritten: @escaping @Sendable (Duration) -> Void = { _ in },
        onClosed: @escaping @Sendable (AgentClosure) -> Void
    ) {
        let (stream, continuation) = AsyncStream.makeStream(of: Outgoing.self)
        outgoing = continuation
        task = Task {
            let opened = OpenedFlag()
            do {
                try await WebSocketClient.connect(url: url.absoluteString, logger: logger) { inbound, outbound, _ in
                    opened.value.store(true, ordering: .relaxed)
                    onOpened()
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for await frame in stream {
                                try await outbound.write(.text(frame.text))
                                if let arrived = frame.arrived { onWritten(.now - arrived) }
                            }
                            try await outbound.close(.normalClosure, reason: nil)
                        }
                        for try await message in inbound.messages(maxSize: Self.maximumMessageSize) {
                            if case .text(let text) = message { onText(text, .now) }
                        }
                        group.cancelAll()
                    }
                }
                onClosed(opened.value.load(ordering: .relaxed) ? .closed : .unreachable("the upgrade was refused"))
            } catch {
                onClosed(opened.value.load(ordering: .relaxed) ? .closed : .unreachable(String(describing: error)))
            }
        }
    }

    /// Queues a text frame; `arrived` is when the packet it carries reached us, if it carries one.
    func send(_ text: String, arrived: ContinuousClock.Instant? = nil) {
        outgoing.yield(Outgoing(text: text, arrived: arrived))
    }

    /// Sends what is queued, then closes the socket (normal closure).
    func close() { outgoing.finish() }

    /// Drops the connection at once.
    func cancel() {
        outgoing.finish()
        task.cancel()
    }
}

/// Whether a connection's socket opened, set from its handler.
private final class OpenedFlag: Sendable {
    let value = Atomic(false)
}
