import Hummingbird

extension APIRoutes {
    /// The process's Prometheus metrics.
    static let metricsRoutes: [APIRoute] = [
        APIRoute(
            .get, "/metrics", operationId: "getMetrics", summary: "Read the server's metrics", tag: "server",
            access: .role(.admin),
            responses: [
                APIResponse(
                    200,
                    "Prometheus text (format 0.0.4): calls placed and ended by outcome, live calls, leases held, HTTP "
                        + "requests by route template and status with their durations, contact rows imported. The "
                        + "figures are the whole process's (every organisation's), with no names or ids in labels; "
                        + "an admin key of any organisation may read them. See docs/api.md.",
                    content: ("text/plain", .text))
            ],
            handler: MetricsHandlers.metrics)
    ]
}

/// `GET /metrics`.
enum MetricsHandlers {
    static func metrics(_ call: RouteCall) async throws -> RouteReply {
        RouteReply(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ByteBuffer(bytes: call.services.metrics.exposition()))
    }
}
