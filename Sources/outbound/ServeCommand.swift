import ArgumentParser
import CampaignCore
import CampaignStore
import Dialer
import Foundation
import HTTPServer
import Logging
import OutboundApp
import Telephony

/// `outbound serve`: the HTTP API and the dialler in one process, with one graceful shutdown (SIGTERM, SIGINT).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the REST API and the dialler (SIGTERM or SIGINT stops both).")

    @Option(help: "SQLite database file (with --demo: outbound-demo.sqlite, replaced when an earlier demo made it).")
    var db: String?
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(parsing: .unconditional, help: "Port to listen on (0: any free port).") var port = 8080
    @Flag(help: "Place every call on the simulator.") var simulate = false
    @Option(parsing: .unconditional, help: "Run on a virtual clock this many times faster than wall time.")
    var speed: Double?
    @Option(help: "Where the virtual clock starts (ISO-8601; default: now).") var clockStart: String?
    @Flag(help: "Set up the demo's organisation, campaign and contacts first, then run them at --speed 60.")
    var demo = false
    @Option(help: "Compliance rules file replacing the shipped quiet hours and caps (docs/compliance.md).")
    var complianceRules: String?
    @Flag(help: "Mark cookies Secure: browsers reach the server over HTTPS (a TLS proxy in front of it).")
    var secureCookies = false
    @Flag(help: "Let webhooks go to plain http and private addresses (development and tests only).")
    var allowPrivateWebhooks = false
    @Option(help: "Webhook retry delays in seconds, comma separated (default: 5,300,1800,7200,18000,36000,36000).")
    var webhookRetryDelays: String?
    @Flag(help: "Keep webhook deliveries in the outbox without sending them (API checks with made-up URLs).")
    var holdWebhooks = false
    @Option(help: "Speak SIP on this HOST:PORT (UDP) to place the calls of sip carriers (wall clock only).")
    var sipBind: String?
    @Option(help: "The address carriers reach this server at, for Via, Contact and SDP (default: the bound one).")
    var sipPublicAddress: String?
    @Option(help: "The UDP ports calls take their RTP port from, LOW-HIGH (default: 20000-29999).")
    var rtpPorts: String?

    func run() async throws {
        try await failingCleanly {
            guard (0...65_535).contains(port) else { throw CommandFailure("--port must be from 0 to 65535") }
            _ = try webhookSettings()
            _ = try sipListenOptions()
            let rules = try App.complianceRules(complianceRules)
            let wallNow = Date()
            var start = try clockStart.map { try App.instant($0, option: "--clock-start") }
            var speed = self.speed
            guard db != nil || demo else { throw CommandFailure("--db is required (or --demo)") }
            var welcome: ServeDemoSetup.Credentials?
            if demo {
                start = start ?? ServerDemo.clockStart(wallNow: wallNow)
                speed = speed ?? ServerDemo.speed
                welcome = try await ServeDemoSetup.run(database: location, clockStart: start ?? wallNow)
            }
            let store = try await App.openStore(location, creating: true)
            do {
                try await serve(store: store, rules: rules, speed: speed, start: start, welcome: welcome)
                try await store.close()
            } catch {
                try? await store.close()
                throw error
            }
        }
    }

    private func serve(
        store: SQLCampaignStore, rules: ComplianceRules, speed: Double?, start: Date?,
        welcome: ServeDemoSetup.Credentials?
    ) async throws {
        try await RuleKeyBackfill.run(in: store)
        let clock = try await ServerClockSetup.clock(store: store, speed: speed, clockStart: start)
        var logger = Logger(label: "outbound.server")
        logger.logLevel = .warning
        var process = ProcessConfiguration(
            databasePath: location, clock: clock, compliance: rules, provider: .simulator(seed: 7),
            workerId: "serve-\(ProcessInfo.processInfo.hostName)-\(port)", logger: logger)
        process.routesByCarrier = !simulate
        var sip: SIPCallProvider?
        if let options = try sipListenOptions() {
            sip = try await SIPProviderSetup.start(options, store: store, logger: logger)
        }
        process.sipProvider = sip
        let note =
            simulate
            ? " (every call on the simulator)"
            : sipBind.map { " (sip carriers' calls through SIP on \($0))" }
                ?? " (sip carriers' calls need --sip-bind; other carriers' run on the simulator)"
        var lines: [String] = []
        if case .accelerated(let now, let speed) = clock {
            lines.append("virtual clock: \(ISOTime.format(now)) at speed \(speed.formatted())")
        }
        if let welcome {
            lines += ["admin: \(welcome.email)", "password: \(welcome.password)", "API key: \(welcome.apiKey)"]
        }
        let app = ServerApp.build(
            store: store, process: process,
            server: ServerConfiguration(
                host: host, port: port, secureCookies: secureCookies, webhooks: try webhookSettings()),
            numbers: try App.numberValidator()
        ) { [host, lines] port in
            let url = "http://\(host):\(port)"
            var printed = ["Outbound API on \(url) (OpenAPI at /openapi.json)\(note)"] + lines
            if let welcome {
                printed.append("try: curl -H 'Authorization: Bearer \(welcome.apiKey)' \(url)/v1/campaigns")
            }
            try? Console.line(printed.joined(separator: "\n"))
        }
        do {
            try await app.runService()
        } catch {
            if let sip { await SIPProviderSetup.stop(sip, store: store, logger: logger) }
            throw error
        }
        if let sip { await SIPProviderSetup.stop(sip, store: store, logger: logger) }
    }

    /// Where SIP and RTP listen, from the options; nil without `--sip-bind`. A sip carrier dials only on the wall
    /// clock, so `--speed` and `--demo` refuse it.
    func sipListenOptions() throws -> SIPListenOptions? {
        guard let sipBind else {
            if sipPublicAddress != nil || rtpPorts != nil {
                throw CommandFailure("--sip-public-address and --rtp-ports need --sip-bind")
            }
            return nil
        }
        if speed != nil || demo {
            throw CommandFailure("--sip-bind: a sip carrier dials on the wall clock only, not with --speed or --demo")
        }
        if simulate { throw CommandFailure("--sip-bind: --simulate places every call on the simulator") }
        do {
            return try SIPListenOptions(bind: sipBind, publicAddress: sipPublicAddress, rtpPorts: rtpPorts)
        } catch let failure as AppFailure {
            throw CommandFailure(failure.message)
        }
    }

    /// How webhooks are delivered, from the options.
    private func webhookSettings() throws -> WebhookSenderSettings {
        var settings = WebhookSenderSettings()
        settings.allowPrivate = allowPrivateWebhooks
        settings.sends = !holdWebhooks
        if let text = webhookRetryDelays {
            guard let schedule = WebhookRetrySchedule.parse(text) else {
                throw CommandFailure(
                    "--webhook-retry-delays must be positive seconds separated by commas, got '\(text)'")
            }
            settings.schedule = schedule
        }
        return settings
    }

    /// The database `--db` names, or the demo's.
    private var location: String { db ?? "outbound-demo.sqlite" }
}
