import ArgumentParser
import CampaignCore
import CampaignStore
import ContactImport
import Foundation

/// `outbound import FILE.csv --db P --campaign ID`: streams a contact file into a campaign in one transaction.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import contacts from a CSV file into a campaign (a draft's list is replaced unless --append).")

    @Argument(help: "The CSV file (UTF-8 or Windows-1252; comma, semicolon or tab).") var file: String
    @Option(help: "SQLite database file.") var db: String
    @Option(parsing: .unconditional, help: "Campaign id.") var campaign: Int64
    @Option(help: "Region of numbers written without a country code (ISO 3166 code).") var region = "US"
    @Option(help: "Write every rejected row and every warning here (line,column,reason).") var errors: String?
    @Option(
        name: .customLong("map"),
        help: "Map a column onto an agent variable: \"Customer Name=NAME\" (repeatable).")
    var mappings: [String] = []
    @Flag(help: "Print the counts as JSON.") var json = false
    @Flag(help: "Add to the campaign's contacts instead of replacing them.") var append = false

    func run() async throws {
        try await failingCleanly {
            let campaign = try App.campaignId(campaign)
            try PathArgument.readable(file, option: nil)
            try PathArgument.database(db)
            if let errors {
                try PathArgument.newFile(
                    errors, option: "--errors", others: [(db, "the --db database"), (file, "the input file")])
            }
            let job = try ContactImportJob(
                path: file, region: region, mappings: mappings, mode: append ? .append : .replace)
            let progress = ImportProgress(total: job.scan.dataRowCount)
            let report: ImportReport
            do {
                report = try await App.withStore(db, creating: false) { store in
                    try await job.run(
                        store: store, campaignId: campaign, errorsPath: errors, progress: progress, database: db)
                }
                progress.finish()
            } catch {
                progress.finish()
                throw error
            }
            try Console.line(json ? report.json : report.text)
        }
    }
}

/// One import, from the preflight checks to the committed transaction; shared by `import` and `bench import`.
struct ContactImportJob {
    let path: String
    let region: String
    let mode: ContactImportMode
    let mapping: Template.VariableMapping
    let scan: CSVFileScan
    let metadata: PhoneMetadata

    /// Checks everything that needs no database: the mapping syntax, the size limits (before anything is
    /// written) and the phone metadata.
    init(
        path: String, region: String, mappings: [String], mode: ContactImportMode,
        limits: ImportLimits = .standard
    ) throws {
        var pairs: [String: String] = [:]
        for text in mappings {
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !Template.normalizedName(parts[0]).isEmpty,
                !Template.normalizedName(parts[1]).isEmpty
            else { throw CommandFailure("--map: expected COLUMN=VARIABLE, like \"Customer Name=NAME\"; got '\(text)'") }
            pairs[parts[0]] = parts[1]
        }
        try PathArgument.readable(path, option: nil)
        do {
            scan = try limits.check(path: path)
        } catch {
            throw CommandFailure("\(path): \(error); nothing was imported")
        }
        self.path = path
        self.region = region.uppercased()
        self.mode = mode
        self.mapping = Template.VariableMapping(pairs)
        self.metadata = try PhoneMetadata.loadBundled()
    }

    /// The zone of a contact whose zone neither a `timezone` column nor its number gives: the campaign's
    /// `defaultTimezone`, else the window's named zone, else Etc/UTC (only numbers of international networks such as
    /// +800 or +881, which belong to no country, get there).
    static func defaultZone(for settings: CampaignSettings) -> String {
        if let zone = settings.defaultTimezone { return zone }
        if case .named(let zone) = settings.window.timezone { return zone.identifier }
        return "Etc/UTC"
    }

    func run(
        store: some CampaignRepository & ContactListStore, campaignId: Int64, errorsPath: String?,
        progress: ImportProgress?,
        database: String, now: Date = Date()
    ) async throws -> ImportReport {
        let campaign = try await App.campaign(campaignId, in: store)
        let reader = try ContactRowReader(
            path: path,
            options: .init(defaultRegion: region, defaultTimeZone: Self.defaultZone(for: campaign.settings)),
            metadata: metadata, scan: scan)
        let header = reader.header
        try checkMapping(header: header, agent: campaign.settings.agent)
        let problems = try errorsPath.map { try ProblemFile(path: $0, database: database, input: path) }
        var report = ImportReport(encoding: reader.encoding, delimiter: reader.delimiter, header: header)
        let rows = ContactReadAhead(reader, collector: ContactBatchCollector(header: header, mapping: mapping))
        do {
            let totals = try await store.importContacts(campaignId: campaignId, mode: mode, now: now) { sink in
                while let batch = try await rows.next() {
                    let notices = try await sink.add(batch.contacts)
                    report.read += batch.rowCount
                    for problem in BatchProblems(batch, notices: notices, header: header).problems {
                        if problem.severity == .rejected { report.rejected += 1 } else { report.warnings += 1 }
                        try problems?.write(problem)
                    }
                    progress?.update(read: report.read)
                }
            }
            await rows.close()
            report.totals = totals
        } catch let error as StoreError {
            await rows.close()
            problems?.discard()
            throw CommandFailure(Self.message(for: error, campaign: campaign, database: database))
        } catch let error as ContactImportError {
            await rows.close()
            problems?.discard()
            throw CommandFailure("\(path): \(error); nothing was imported")
        } catch {
            await rows.close()
            problems?.discard()
            throw error
        }
        do {
            try problems?.commit()
        } catch {
            problems?.discard()
            throw CommandFailure(
                "the contacts were imported, but the error file could not be written (removed): \(error)")
        }
        return report
    }

    /// Every mapped column must be in the file and every target one of the agent's variables (or NAME, EMAIL).
    private func checkMapping(header: ContactHeader, agent: AgentProfile) throws {
        guard !mapping.columnToVariable.isEmpty else { return }
        let columns = Set(
            header.variableColumns.map(\.variable) + header.phoneColumns.flatMap { $0.variables.map(\.variable) })
        let offered = Template.variables(in: [agent.greeting, agent.prompt, agent.voicemailMessage])
        let allowed = Set(offered + [Template.nameVariable, Template.emailVariable])
        for (column, variable) in mapping.columnToVariable.sorted(by: { $0.key < $1.key }) {
            guard columns.contains(column) else {
                throw CommandFailure(
                    "--map: the file has no column \(column) (its variable columns: "
                        + "\(columns.sorted().joined(separator: ", ")))")
            }
            guard allowed.contains(variable) else {
                throw CommandFailure(
                    "--map: the agent uses no variable \(variable) (it uses: "
                        + "\((offered.isEmpty ? ["NAME", "EMAIL"] : offered).joined(separator: ", ")))")
            }
        }
    }

    /// The operator's version of a store refusal: which command to run instead.
    static func message(for error: StoreError, campaign: Campaign, database: String) -> String {
        switch error {
        case .contactsLocked(let id):
            let append =
                campaign.settings.mode == .alwaysOn
                ? "; an always-on campaign takes more contacts with --append while scheduled, running or paused" : ""
            return "campaign \(id) has run, so its contact list is locked: clone it with "
                + "'outbound campaign clone --db \(database) \(id)' and import into the copy\(append)"
        default:
            return error.description
        }
    }
}

/// What an import did, as text lines or as JSON (`read`, `imported`, `duplicates`, `rejected`, …).
struct ImportReport {
    var read = 0
    var rejected = 0
    var warnings = 0
    var totals = ContactImportTotals()
    let encoding: CSVEncoding
    let delimiter: CSVDelimiter
    let header: ContactHeader

    var text: String {
        let delimiterName = [CSVDelimiter.comma: "comma", .semicolon: "semicolon", .tab: "tab"][delimiter] ?? ""
        var lines = [
            "file: \(encoding.rawValue), \(delimiterName)-separated, \(header.convention.rawValue)",
            "read: \(read)",
            "imported: \(totals.imported)"
                + (totals.excluded > 0 ? " (\(totals.excluded) excluded: sticky exclusion)" : ""),
            "duplicates: \(totals.duplicates)"
                + (totals.readmitted > 0 ? " (\(totals.readmitted) excluded contacts dialable again)" : ""),
            "rejected: \(rejected)",
        ]
        if warnings > 0 { lines.append("warnings: \(warnings)") }
        return lines.joined(separator: "\n")
    }

    var json: String {
        let fields: [(String, Int)] = [
            ("read", read), ("imported", totals.imported), ("duplicates", totals.duplicates), ("rejected", rejected),
            ("excluded", totals.excluded), ("readmitted", totals.readmitted), ("warnings", warnings),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }
}
