import AsyncHTTPClient
import CampaignCore
import Foundation
import NIOCore
import Synchronization

/// The webhook transport over async-http-client: one client per (host, checked address), whose DNS override makes
/// it connect to that address (TLS still names and verifies the host), redirects refused, pooled connections kept.
public final class HTTPClientWebhookTransport: WebhookTransport {
    private let clients = Mutex<[String: HTTPClient]>([:])
    private let lowPriority: Bool

    /// Creates the transport; `lowPriority`: its connections run on ``WebhookThreads/eventLoopGroup``, below the
    /// engine's priority, rather than NIO's shared event loops.
    public init(lowPriority: Bool = true) {
        self.lowPriority = lowPriority
    }

    private func client(host: String, address: String) -> HTTPClient {
        let key = host + "\u{0}" + address
        return clients.withLock { clients in
            if let client = clients[key] { return client }
            var configuration = HTTPClient.Configuration(
                redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(10)))
            configuration.connectionPool = .init(
                idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 16)
            if host != address { configuration.dnsOverride = [host: address] }
            let client = HTTPClient(
                eventLoopGroupProvider: lowPriority ? .shared(WebhookThreads.eventLoopGroup) : .singleton,
                configuration: configuration)
            clients[key] = client
            return client
        }
    }

    public func post(
        url: WebhookURL, address: String, headers: [(String, String)], body: [UInt8], timeout: Duration
    ) async -> WebhookAnswer {
        var request = HTTPClientRequest(url: url.text)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client(host: url.host, address: address).execute(
                request, timeout: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000))
            var collected = ByteBuffer()
            var tooLong = false
            for try await var chunk in response.body where !tooLong {
                let room = 1024 - collected.readableBytes
                if chunk.readableBytes > room {
                    if room > 0, let slice = chunk.readSlice(length: room) { collected.writeImmutableBuffer(slice) }
                    tooLong = true
                } else {
                    collected.writeBuffer(&chunk)
                }
            }
            return WebhookAnswer(
                statusCode: Int(response.status.code),
                body: String(decoding: collected.readableBytesView, as: UTF8.self))
        } catch {
            return WebhookAnswer(statusCode: nil, error: Self.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "timed out"
            case .remoteConnectionClosed: return "the endpoint closed the connection"
            default: return "\(client)"
            }
        }
        return String(describing: error).prefix(300).description
    }

    public func shutdown() async {
        let all = clients.withLock { clients in
            defer { clients = [:] }
            return Array(clients.values)
        }
        for client in all { try? await client.shutdown() }
    }
}
