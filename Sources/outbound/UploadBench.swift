import ArgumentParser
import CampaignCore
import CampaignStore
import ContactImport
import Foundation
import OutboundApp

#if canImport(Glibc)
    import Glibc
#endif

/// `outbound bench upload`: `outbound import` of a generated contact list against the HTTP upload of the same file
/// to a real `outbound serve` child process on 127.0.0.1, while a simulated campaign on the same database keeps
/// dialling; prints both times, their ratio, the server's peak RSS (its /proc VmHWM) and the campaign's attempts/s
/// before and during the upload.
struct UploadBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Time `outbound import` against an HTTP upload of the same file while a campaign dials.")
    @Option(parsing: .unconditional, help: "Data rows to generate.") var rows = 500_000
    @Option(parsing: .unconditional, help: "Seed of the generator.", transform: App.seed) var seed: UInt64 = 42
    @Option(parsing: .unconditional, help: "Speed of the server's virtual clock (the dialling campaign's pace).")
    var speed = 60.0
    @Option(parsing: .unconditional, help: "Contacts of the dialling campaign.") var diallingContacts = 100_000
    @Option(parsing: .unconditional, help: "Seconds of dialling measured before the imports.") var settle = 5.0

    static let clockStart = ISOTime.parse("2026-03-09T13:00:00Z")!

    func run() async throws {
        try await failingCleanly {
            guard rows > 0, diallingContacts > 0, speed > 0, settle > 0 else {
                throw CommandFailure("--rows, --dialling-contacts, --speed and --settle must be positive")
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbound-upload-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let csv = folder.appendingPathComponent("contacts.csv").path
            note("generating \(rows) rows")
            var generator = MessyContactList(seed: seed)
            try generator.write(rows: rows, to: csv)
            let bytes = (try? FileManager.default.attributesOfItem(atPath: csv)[.size] as? Int) ?? 0
            let database = folder.appendingPathComponent("upload.sqlite").path
            note("setting up the database (\(diallingContacts) contacts to dial)")
            let setup = try await App.withStore(database, creating: true) { try await Self.setUp($0) }
                .with(dialling: diallingContacts, database: database)
            let server = try ChildServer.start(database: database, speed: speed, clockStart: Self.clockStart)
            defer { server.stop() }
            try await App.withStore(database, creating: false) { store in
                try await measure(store: store, setup: setup, server: server, csv: csv, bytes: bytes)
            }
        }
    }

    private func measure(
        store: SQLCampaignStore, setup: Setup, server: ChildServer, csv: String, bytes: Int
    ) async throws {
        let calls = { try await store.callSummary(campaignId: setup.dialling).calls }
        let idleStart = (try await calls(), ContinuousClock.now)
        try await Task.sleep(for: .seconds(settle))
        let idleRate = Double(try await calls() - idleStart.0) / BenchCommand.ImportBench.seconds(since: idleStart.1)
        let serverBefore = server.peakResidentMegabytes()

        note("importing in process (outbound import's path)")
        let cliCalls = try await calls()
        let (report, cli) = try await BenchCommand.ImportBench.timedAsync {
            let job = try ContactImportJob(path: csv, region: "US", mappings: [], mode: .replace)
            return try await job.run(store: store, campaignId: setup.cliTarget, now: Self.clockStart)
        }
        let cliRate = Double(try await calls() - cliCalls) / cli.wall

        note("uploading over HTTP to \(server.url)")
        let httpCalls = try await calls()
        let start = ContinuousClock.now
        let status = try Self.curlUpload(
            csv, to: "\(server.url)/v1/campaigns/\(setup.httpTarget)/contacts", key: setup.key,
            output: csv + ".report.json")
        let http = BenchCommand.ImportBench.seconds(since: start)
        let httpRate = Double(try await calls() - httpCalls) / http
        guard status == 200 else {
            let body = (try? String(contentsOfFile: csv + ".report.json", encoding: .utf8)) ?? ""
            throw CommandFailure("the upload answered \(status): \(body.prefix(500))")
        }
        let httpImported = try await store.leadCounts(campaignId: setup.httpTarget).total
        let serverPeak = server.peakResidentMegabytes()
        let fields: [(String, String)] = [
            ("build", BenchCommand.ImportBench.buildMode), ("rows", "\(rows)"),
            ("file_mb", String(format: "%.1f", Double(bytes) / 1_048_576)),
            ("imported_cli", "\(report.totals.imported)"), ("imported_http", "\(httpImported)"),
            ("cli_import_seconds", String(format: "%.3f", cli.wall)),
            ("http_upload_seconds", String(format: "%.3f", http)),
            ("ratio", String(format: "%.2f", http / max(cli.wall, 0.001))),
            ("server_peak_rss_mb_before_upload", String(format: "%.1f", serverBefore)),
            ("server_peak_rss_mb", String(format: "%.1f", serverPeak)),
            ("attempts_per_second_before", String(format: "%.1f", idleRate)),
            ("attempts_per_second_during_cli_import", String(format: "%.1f", cliRate)),
            ("attempts_per_second_during_upload", String(format: "%.1f", httpRate)),
        ]
        try Console.line(fields.map { "\($0.0)=\($0.1)" }.joined(separator: "\n"))
    }

    private func note(_ text: String) { Console.error("bench: \(text)\n") }

    /// The organisation, its key, the two import targets and the dialling campaign (running).
    struct Setup {
        var key: String
        var cliTarget: Int64
        var httpTarget: Int64
        var dialling: Int64

        func with(dialling contacts: Int, database: String) async throws -> Setup {
            var setup = self
            setup.dialling = try await App.withStore(database, creating: false) { store in
                try await UploadBench.diallingCampaign(store, contacts: contacts)
            }
            return setup
        }
    }

    static func setUp(_ store: SQLCampaignStore) async throws -> Setup {
        let key = try await AccessKeys(store: store).create(
            orgId: try await store.organization(named: "bench", now: clockStart), name: "bench", role: .admin,
            now: clockStart
        ).key
        return Setup(
            key: key, cliTarget: try await BenchCommand.ImportBench.campaign(in: store),
            httpTarget: try await BenchCommand.ImportBench.campaign(in: store), dialling: 0)
    }

    /// A campaign open all day, every day, with `contacts` leads, started at the bench's clock start.
    static func diallingCampaign(_ store: SQLCampaignStore, contacts: Int) async throws -> Int64 {
        try await BenchCampaign.running(store, name: "dialling", contacts: contacts, start: clockStart) { settings in
            settings.concurrency = 50
        }.campaignId
    }

    /// `curl -T` (a streamed PUT) of `file`; the status code.
    static func curlUpload(_ file: String, to url: String, key: String, output: String) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "curl", "-sS", "-o", output, "-w", "%{http_code}", "-T", file, "-H", "Content-Type: text/csv",
            "-H", "Authorization: Bearer \(key)", url,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { throw CommandFailure("cannot run curl: \(error)") }
        let text = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Int(String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }
}

/// `outbound serve` as a child process of this executable, on a free port, dialling on the simulator.
final class ChildServer {
    let process: Process
    let url: String

    private init(process: Process, url: String) {
        self.process = process
        self.url = url
    }

    static func start(database: String, speed: Double, clockStart: Date) throws -> ChildServer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if !FileManager.default.isExecutableFile(atPath: process.executableURL?.path ?? "") {
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        }
        process.arguments = [
            "serve", "--db", database, "--port", "0", "--simulate", "--speed", "\(speed)", "--clock-start",
            ISOTime.format(clockStart),
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.standardError
        do { try process.run() } catch { throw CommandFailure("cannot start outbound serve: \(error)") }
        var seen = ""
        while !seen.contains("\n") || !seen.contains("http://") {
            let data = pipe.fileHandleForReading.availableData
            guard !data.isEmpty else { throw CommandFailure("outbound serve stopped: \(seen)") }
            seen += String(decoding: data, as: UTF8.self)
        }
        guard let range = seen.range(of: #"http://[0-9.]+:[0-9]+"#, options: .regularExpression) else {
            throw CommandFailure("outbound serve printed no URL: \(seen)")
        }
        return ChildServer(process: process, url: String(seen[range]))
    }

    /// VmHWM of the child's /proc status, in MB.
    func peakResidentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
