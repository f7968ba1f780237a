import ArgumentParser
import CampaignCore
import CampaignStore
import ContactImport
import Dialer
import Foundation
import OutboundApp

/// `outbound bench …`: benchmarks, run in a release build (`swift run -c release outbound bench import`).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks (build with -c release).",
        subcommands: [
            ImportBench.self, EngineBench.self, ReadsBench.self, StatsBench.self, UploadBench.self,
            ApiBench.self, WebhookBench.self, WebhookBenchReceiverCommand.self, SipBench.self,
        ])

    struct ImportBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Time a messy contact list's import against `sqlite3 .import` of the same file.")
        @Option(parsing: .unconditional, help: "Data rows to generate.") var rows = 500_000
        @Option(help: "Keep the generated CSV at this path.") var keep: String?
        @Option(parsing: .unconditional, help: "Seed of the generator.", transform: App.seed) var seed: UInt64 = 42
        @Option(name: .customLong("repeat"), parsing: .unconditional, help: "Runs of each import; the fastest counts.")
        var repeats = 1

        func run() async throws {
            try await failingCleanly {
                guard rows > 0 else { throw CommandFailure("--rows must be positive") }
                guard repeats > 0 else { throw CommandFailure("--repeat must be positive") }
                if let keep { try PathArgument.newFile(keep, option: "--keep") }
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "outbound-bench-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let csv = keep ?? folder.appendingPathComponent("contacts.csv").path
                note("generating \(rows) rows into \(csv)")
                var generator = MessyContactList(seed: seed)
                try generator.write(rows: rows, to: csv)
                let bytes = (try? FileManager.default.attributesOfItem(atPath: csv)[.size] as? Int) ?? 0

                note("validating without a database (parse, E.164, zones)")
                let (_, validate) = try Self.timed { try Self.validateOnly(csv) }
                var best: (wall: Double, cpu: Double) = (.infinity, .infinity)
                var reference: (wall: Double, cpu: Double) = (.infinity, .infinity)
                var report: ImportReport?
                for run in 1...repeats {
                    note("run \(run)/\(repeats): importing with outbound")
                    let database = folder.appendingPathComponent("bench-\(run).sqlite").path
                    let (importReport, times) = try await Self.importOnce(csv, into: database)
                    report = importReport
                    best = (min(best.wall, times.wall), min(best.cpu, times.cpu))
                    note("run \(run)/\(repeats): importing with sqlite3 .import")
                    let plain = try Self.sqlite3Import(
                        csv, into: folder.appendingPathComponent("plain-\(run).sqlite").path)
                    reference = (min(reference.wall, plain.wall), min(reference.cpu, plain.cpu))
                }
                guard let report else { return }
                let fields: [(String, String)] = [
                    ("build", Self.buildMode), ("rows", "\(rows)"),
                    ("file_mb", String(format: "%.1f", Double(bytes) / 1_048_576)),
                    ("read", "\(report.read)"), ("imported", "\(report.totals.imported)"),
                    ("duplicates", "\(report.totals.duplicates)"), ("rejected", "\(report.rejected)"),
                    ("runs", "\(repeats)"),
                    ("validate_seconds", String(format: "%.3f", validate.wall)),
                    ("import_seconds", String(format: "%.3f", best.wall)),
                    ("import_cpu_seconds", String(format: "%.3f", best.cpu)),
                    ("sqlite3_import_seconds", String(format: "%.3f", reference.wall)),
                    ("sqlite3_cpu_seconds", String(format: "%.3f", reference.cpu)),
                    ("ratio", String(format: "%.2f", best.wall / max(reference.wall, 0.001))),
                    ("peak_rss_mb", String(format: "%.1f", Self.peakResidentMegabytes())),
                ]
                try Console.line(fields.map { "\($0.0)=\($0.1)" }.joined(separator: "\n"))
            }
        }

        private func note(_ text: String) { Console.error("bench: \(text)\n") }

        static let buildMode: String = {
            #if DEBUG
                "debug"
            #else
                "release"
            #endif
        }()

        static func seconds(since start: ContinuousClock.Instant) -> Double {
            let elapsed = ContinuousClock.now - start
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }

        static func campaign(in store: SQLCampaignStore) async throws -> Int64 {
            let now = Date()
            var settings = CampaignSettings(
                name: "Bench", agent: AgentProfile(name: "Bench", greeting: "Hi {{NAME}} about {{CASE_NUMBER}}"),
                numberPool: ["+14155550100"])
            settings.window.timezone = .recipient
            try settings.validate(numbers: try App.numberValidator())
            let orgId = try await store.organization(named: "bench", now: now)
            let agentId = try await store.createAgent(orgId: orgId, profile: settings.agent, now: now)
            return try await store.createCampaign(orgId: orgId, agentId: agentId, settings: settings, now: now)
        }

        /// Runs the `sqlite3` shell's `.import --csv` of the same file into a fresh database; wall and CPU time.
        static func sqlite3Import(_ csv: String, into database: String) throws -> (wall: Double, cpu: Double) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["sqlite3", database, ".import --csv \(csv) t"]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            let cpuBefore = cpuSeconds(children: true)
            let start = ContinuousClock.now
            do { try process.run() } catch { throw CommandFailure("cannot run sqlite3: \(error)") }
            let message = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let wall = seconds(since: start)
            guard process.terminationStatus == 0 else {
                throw CommandFailure("sqlite3 .import failed: \(String(decoding: message, as: UTF8.self))")
            }
            return (wall, cpuSeconds(children: true) - cpuBefore)
        }

        /// Imports `csv` into a new campaign of a fresh database; the report with wall and CPU time.
        static func importOnce(
            _ csv: String, into database: String
        ) async throws -> (
            ImportReport, (wall: Double, cpu: Double)
        ) {
            try await App.withStore(database, creating: true) { store in
                let campaignId = try await campaign(in: store)
                return try await timedAsync {
                    let job = try ContactImportJob(path: csv, region: "US", mappings: [], mode: .replace)
                    return try await job.run(
                        store: store, campaignId: campaignId, errorsPath: nil, progress: nil, database: database)
                }
            }
        }

        /// Reads and validates every row into the batches the store takes, without storing anything: the cost of
        /// parsing, E.164 and zones alone.
        static func validateOnly(_ csv: String) throws {
            let job = try ContactImportJob(path: csv, region: "US", mappings: [], mode: .replace)
            var reader = try ContactRowReader(
                path: csv, options: .init(defaultRegion: "US", defaultTimeZone: "Etc/UTC"), metadata: job.metadata,
                scan: job.scan)
            var collector = ContactBatchCollector(header: reader.header, mapping: job.mapping)
            var numbers = 0
            var rows = 0
            while try collector.collect(from: &reader) {
                rows += 1
                if rows % ContactReadAhead<ContactBatchCollector>.defaultBatchSize == 0 {
                    numbers += collector.take().contacts.numbers.count
                }
            }
            numbers += collector.take().contacts.numbers.count
            guard numbers > 0 else { throw CommandFailure("the generated file has no valid number") }
        }

        static func timed<T>(_ body: () throws -> T) rethrows -> (T, (wall: Double, cpu: Double)) {
            let cpu = cpuSeconds(children: false)
            let start = ContinuousClock.now
            let value = try body()
            return (value, (seconds(since: start), cpuSeconds(children: false) - cpu))
        }

        static func timedAsync<T>(_ body: () async throws -> T) async rethrows -> (T, (wall: Double, cpu: Double)) {
            let cpu = cpuSeconds(children: false)
            let start = ContinuousClock.now
            let value = try await body()
            return (value, (seconds(since: start), cpuSeconds(children: false) - cpu))
        }

        /// User plus system CPU time of this process or of its waited-for children.
        static func cpuSeconds(children: Bool) -> Double {
            var usage = rusage()
            getrusage(__rusage_who_t((children ? RUSAGE_CHILDREN : RUSAGE_SELF).rawValue), &usage)
            func value(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
            return value(usage.ru_utime) + value(usage.ru_stime)
        }

        /// VmHWM of /proc/self/status: the most memory this process has held resident.
        static func peakResidentMegabytes() -> Double {
            guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
                let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
            else { return 0 }
            return kilobytes / 1024
        }
    }
}

/// A seeded generator of the lists operators really upload: mixed number formats, quoted fields with commas,
/// quotes and line breaks, alternates with their own variables, time-zone cells (some wrong), bad numbers and
/// repeated contacts.
struct MessyContactList {
    var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    static let header = "Phone Number,First Name,case number,Email,Phone Number 2,Name 2,Timezone,Notes"
    static let areaCodes = [
        "201", "212", "213", "305", "312", "404", "415", "503", "512", "602", "617", "702", "713", "720", "808", "907",
        "919", "206", "303", "215",
    ]

    mutating func write(rows: Int, to path: String) throws {
        let handle = try PathArgument.createExclusively(path, option: "--keep")
        defer { try? handle.close() }
        var buffer = Self.header + "\r\n"
        var recent: [String] = []
        for row in 0..<rows {
            let primary: String
            if row > 10, random.unit() < 0.02, let earlier = recent.randomElement(using: &random) {
                primary = earlier
            } else {
                primary = number()
                if recent.count < 1000 { recent.append(primary) } else { recent[row % 1000] = primary }
            }
            let alternate = random.unit() < 0.3 ? number() : ""
            let zone = random.unit() < 0.1 ? (random.unit() < 0.1 ? "Mars/Olympus" : "America/Chicago") : ""
            var notes = ""
            if random.unit() < 0.15 {
                notes = random.unit() < 0.2 ? "\"called twice,\nsaid \"\"later\"\"\"" : "\"VIP, renewal due\""
            }
            buffer += "\(primary),Name \(row),C-\(100_000 + row),person\(row)@example.com,\(alternate),"
            buffer += alternate.isEmpty ? "," : "Alt \(row),"
            buffer += "\(zone),\(notes)\r\n"
            if buffer.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: Data(buffer.utf8))
    }

    /// A US number in one of the ways people write them, a London number, or (2 %) something unusable.
    private mutating func number() -> String {
        let area = Self.areaCodes[Int(random.next() % UInt64(Self.areaCodes.count))]
        let exchange = 200 + Int(random.next() % 800)
        let line = String(format: "%04d", Int(random.next() % 10_000))
        let exchangeText = exchange % 100 == 11 || exchange == 555 ? "234" : String(exchange)
        let pick = random.next() % 100
        switch pick {
        case 0..<25: return "\"(\(area)) \(exchangeText)-\(line)\""
        case 25..<45: return "\(area)-\(exchangeText)-\(line)"
        case 45..<60: return "1-\(area)-\(exchangeText)-\(line)"
        case 60..<80: return "+1 \(area) \(exchangeText) \(line)"
        case 80..<93: return "\(area)\(exchangeText)\(line)"
        case 93..<98: return "+44 20 7\(Int(random.next() % 900) + 100) \(line)"
        case 98: return "1-800-FLOWERS"
        default: return "\(area)-\(exchangeText)-\(line) x12"
        }
    }
}
