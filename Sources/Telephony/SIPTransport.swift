import NIOCore
import NIOPosix

/// SIP over UDP: one bound socket that sends datagrams and hands every datagram it receives to `onDatagram`, on its
/// event loop. It knows nothing of SIP; ``SIPCallProvider`` parses and routes.
final class SIPTransport: Sendable {
    private let channel: any Channel

    /// The event loop every datagram arrives on (and where the provider keeps its calls).
    var eventLoop: any EventLoop { channel.eventLoop }

    /// The port the socket is bound to (useful with port 0).
    var localPort: Int { channel.localAddress?.port ?? 0 }

    private init(channel: any Channel) { self.channel = channel }

    /// Binds `host:port` (port 0: any free one).
    static func bind(
        host: String, port: Int, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        onDatagram: @escaping @Sendable ([UInt8], SocketAddress) -> Void
    ) async throws -> SIPTransport {
        let channel = try await DatagramBootstrap(group: group)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(DatagramHandler(onDatagram: onDatagram))
                }
            }
            .bind(host: host, port: port).get()
        return SIPTransport(channel: channel)
    }

    /// Sends one datagram; a send that fails is dropped (UDP; the transactions retransmit).
    func send(_ bytes: [UInt8], to address: SocketAddress) {
        let envelope = AddressedEnvelope(remoteAddress: address, data: ByteBuffer(bytes: bytes))
        channel.writeAndFlush(envelope, promise: nil)
    }

    /// Closes the socket.
    func close() async {
        try? await channel.close()
    }
}

/// Hands every datagram of a UDP socket (SIP or a call's RTP) to `onDatagram`, with the address it came from.
final class DatagramHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    let onDatagram: @Sendable ([UInt8], SocketAddress) -> Void

    init(onDatagram: @escaping @Sendable ([UInt8], SocketAddress) -> Void) { self.onDatagram = onDatagram }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        onDatagram(Array(envelope.data.readableBytesView), envelope.remoteAddress)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // An ICMP error on a UDP socket (a peer's port closed) surfaces here: a SIP transaction then times out, and a
        // call's RTP ends with its SIP side.
    }
}
