import ArgumentParser
import CampaignCore
import CampaignStore
import ContactImport
import Foundation
import OutboundApp

/// `outbound import FILE.csv --db P --campaign ID`: streams a contact file into a campaign in one transaction.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import contacts from a CSV file into a campaign (a draft's list is replaced unless --append).")

    @Argument(help: "The CSV file (UTF-8 or Windows-1252; comma, semicolon or tab).") var file: String
    @Option(help: "SQLite database file.") var db: String
    @Option(parsing: .unconditional, help: "Campaign id.") var campaign: Int64
    @Option(help: "Organisation id or name (default: the database's only organisation).") var org: String?
    @Option(help: "Region of numbers written without a country code (ISO 3166 code).") var region = "US"
    @Option(help: "Write every rejected row and every warning here (line,column,reason).") var errors: String?
    @Option(
        name: .customLong("map"),
        help: "Map a column onto an agent variable: \"Customer Name=NAME\" (repeatable).")
    var mappings: [String] = []
    @Flag(help: "Print the counts as JSON.") var json = false
    @Flag(help: "Add to the campaign's contacts instead of replacing them.") var append = false

    func run() async throws {
        try await failingCleanly { try await importFile() }
    }

    private func importFile() async throws {
        let campaign = try App.campaignId(campaign)
        try PathArgument.readable(file, option: nil)
        try PathArgument.database(db)
        if let errors {
            try PathArgument.newFile(
                errors, option: "--errors", others: [(db, "the --db database"), (file, "the input file")])
        }
        let job = try ContactImportJob(
            path: file, region: region, mappings: mappings, mode: append ? .append : .replace)
        let bar = ProgressBar()
        let total = job.scan.dataRowCount
        defer { bar.finish() }
        let report: ImportReport = try await App.withStore(db, creating: false) { store in
            try await OrgSelection.campaign(campaign, org: org, in: store)
            return try await job.run(
                store: store, campaignId: campaign, errorsPath: errors, progress: { bar.update(rows: $0, of: total) },
                database: db)
        }
        bar.finish()
        try Console.line(json ? report.json : report.text)
    }
}

extension ContactImportJob {
    /// A job on the file at `path`, its failures in the command line's words.
    init(path: String, region: String, mappings: [String], mode: ContactImportMode) throws {
        try PathArgument.readable(path, option: nil)
        do {
            try self.init(source: .file(path: path), region: region, mappings: mappings, mode: mode)
        } catch {
            throw CommandFailure(Self.message(for: error, database: nil))
        }
    }

    /// Runs the job against the database at `database`, its failures in the command line's words.
    func run(
        store: SQLCampaignStore, campaignId: Int64, errorsPath: String?, progress: (@Sendable (Int) -> Void)?,
        database: String, now: Date = Date()
    ) async throws -> ImportReport {
        do {
            return try await runKeepingErrors(
                store: store, campaignId: campaignId, errorsPath: errorsPath, progress: progress, now: now
            ).report
        } catch let error as ImportJobError {
            throw CommandFailure(Self.message(for: error, database: database))
        }
    }

    /// The operator's version of a job's failure: the option at fault, or which command to run instead.
    static func message(for error: ImportJobError, database: String?) -> String {
        switch error {
        case .malformedMapping(let text):
            return "--map: expected COLUMN=VARIABLE, like \"Customer Name=NAME\"; got '\(text)'"
        case .columnMappedTwice(let column, let variables):
            return "--map: column \(column) is mapped twice (to \(variables.joined(separator: " and "))); map it once"
        case .unknownColumn(let column, let columns):
            return "--map: the file has no column \(column) (its variable columns: \(columns.joined(separator: ", ")))"
        case .unknownVariable(let variable, let offered):
            return "--map: the agent uses no variable \(variable) (it uses: \(offered.joined(separator: ", ")))"
        case .header(_, let error):
            return error.description
        case .errorFileNotCreated(let path, let reason):
            return "--errors: cannot create '\(path)': \(reason); nothing was replaced"
        case .contactsLocked(let id, let alwaysOn):
            let append =
                alwaysOn
                ? "; an always-on campaign takes more contacts with --append while scheduled, running or paused" : ""
            return "campaign \(id) has run, so its contact list is locked: clone it with "
                + "'outbound campaign clone --db \(database ?? "DB") \(id)' and import into the copy\(append)"
        default:
            return error.description
        }
    }
}
