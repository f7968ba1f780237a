import CoreMetrics
import Dialer
import Foundation
import OutboundApp
import Prometheus

/// The server process's metrics, served as Prometheus text by `GET /metrics`: one registry per server (never
/// swift-metrics' global bootstrap, so tests may start many servers in one process), and the swift-metrics factory
/// every instrumented seam is given — the HTTP middleware, the dialler's runners and the contact upload.
/// Every figure is process-wide: no label names an organisation, a campaign or a raw path.
public struct ServerMetrics: Sendable {
    /// The registry `GET /metrics` renders.
    public let registry: PrometheusCollectorRegistry
    /// The factory of the registry's metrics.
    public let factory: any MetricsFactory
    /// What the dialler's runners report.
    public let dialler: DiallerMetrics
    private let importedRows: CoreMetrics.Counter
    private let duplicateRows: CoreMetrics.Counter
    private let rejectedRows: CoreMetrics.Counter

    /// Metrics in a registry of their own.
    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
        ]
        self.registry = registry
        self.factory = factory
        dialler = DiallerMetrics(factory: factory)
        func rows(_ result: String) -> CoreMetrics.Counter {
            CoreMetrics.Counter(label: "outbound_import_rows_total", dimensions: [("result", result)], factory: factory)
        }
        importedRows = rows("accepted")
        duplicateRows = rows("duplicate")
        rejectedRows = rows("rejected")
    }

    /// An upload's rows: accepted (now leads), duplicates merged into another row, rejected.
    func imported(_ report: ImportReport) {
        importedRows.increment(by: report.totals.imported)
        duplicateRows.increment(by: report.totals.duplicates)
        rejectedRows.increment(by: report.rejected)
    }

    /// One answered request: `route` is the route's path template (`/v1/campaigns/{id}`), never the raw path.
    func request(route: String, method: String, status: Int, nanoseconds: UInt64) {
        CoreMetrics.Counter(
            label: "outbound_http_requests_total",
            dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory
        ).increment()
        CoreMetrics.Timer(
            label: "outbound_http_request_duration_seconds", dimensions: [("route", route), ("method", method)],
            factory: factory
        ).recordNanoseconds(Int64(clamping: nanoseconds))
    }

    /// The Prometheus text exposition (format 0.0.4) of every metric.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }
}
