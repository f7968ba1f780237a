import CampaignCore
import CampaignStore
import ContactImport
import Foundation

/// One import of a contact file into a campaign, all or nothing: the checks that need no database (mapping syntax,
/// size and row limits, phone metadata) when it is made, then the rows in one store import, with an optional error
/// file of every rejected row and warning. Used by `outbound import`, the demo, the benchmark and the server's upload.
public struct ContactImportJob: Sendable {
    /// Where the contacts come from.
    public let source: ContactSource
    /// Region of numbers written without a country code (ISO 3166 code, upper case).
    public let region: String
    /// Whether the contacts replace a draft's list or are added to it.
    public let mode: ContactImportMode
    /// Columns mapped onto the agent's variables.
    public let mapping: Template.VariableMapping
    /// The measured file: its size, encoding, delimiter and rows (the progress total).
    public let scan: CSVFileScan
    /// The phone metadata the numbers are parsed with.
    public let metadata: PhoneMetadata

    /// Checks everything that needs no database, before anything is written: each mapping
    /// (`"Customer Name=NAME"`), the size limits and the phone metadata.
    public init(
        source: ContactSource, region: String, mappings: [String], mode: ContactImportMode,
        limits: ImportLimits = .standard
    ) throws(ImportJobError) {
        self.mapping = try Self.mapping(mappings)
        do {
            scan = try limits.check(path: source.path)
        } catch {
            throw .unreadable(source: source.name, error)
        }
        do {
            metadata = try PhoneMetadata.loadBundled()
        } catch {
            throw .phoneMetadata(error)
        }
        self.source = source
        self.region = region.uppercased()
        self.mode = mode
    }

    /// Parses `COLUMN=VARIABLE` mappings.
    static func mapping(_ texts: [String]) throws(ImportJobError) -> Template.VariableMapping {
        var pairs: [String: String] = [:]
        var byColumn: [String: (column: String, variable: String)] = [:]
        for text in texts {
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !Template.normalizedName(parts[0]).isEmpty,
                !Template.normalizedName(parts[1]).isEmpty
            else { throw .malformedMapping(text) }
            let column = Template.normalizedName(parts[0])
            if let earlier = byColumn[column] {
                if Template.normalizedName(earlier.variable) != Template.normalizedName(parts[1]) {
                    throw .columnMappedTwice(parts[0], variables: [earlier.variable, parts[1]])
                }
                continue
            }
            byColumn[column] = (parts[0], parts[1])
            pairs[parts[0]] = parts[1]
        }
        return Template.VariableMapping(pairs)
    }

    /// The zone of a contact whose zone neither a `timezone` column nor its number gives: the campaign's
    /// `defaultTimezone`, else the window's named zone, else Etc/UTC (only numbers of international networks such as
    /// +800 or +881, which belong to no country, get there).
    public static func defaultZone(for settings: CampaignSettings) -> String {
        if let zone = settings.defaultTimezone { return zone }
        if case .named(let zone) = settings.window.timezone { return zone.identifier }
        return "Etc/UTC"
    }

    /// Imports the contacts into campaign `campaignId` in one store import; writes every rejected row and warning
    /// to a new file at `errorsPath` when given (removed again when the import fails). `progress` hears the rows
    /// read so far (of ``scan``'s `dataRowCount`). Throws ``ImportJobError``, or `CancellationError`.
    public func run(
        store: some CampaignRepository & ContactListStore, campaignId: Int64, errorsPath: String? = nil,
        progress: (@Sendable (Int) -> Void)? = nil, now: Date = Date()
    ) async throws -> ImportReport {
        let campaign: Campaign
        do {
            guard let found = try await store.campaign(id: campaignId) else {
                throw ImportJobError.campaignNotFound(campaignId)
            }
            campaign = found
        } catch let error as StoreError {
            throw ImportJobError.store(error)
        }
        let reader: ContactRowReader
        do {
            reader = try ContactRowReader(
                path: source.path,
                options: .init(defaultRegion: region, defaultTimeZone: Self.defaultZone(for: campaign.settings)),
                metadata: metadata, scan: scan)
        } catch {
            throw ImportJobError.header(source: source.name, error)
        }
        let header = reader.header
        try checkMapping(header: header, agent: campaign.settings.agent)
        let problems = try errorsPath.map { path throws(ImportJobError) in try ProblemFile(path: path) }
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
                    progress?(report.read)
                }
            }
            await rows.close()
            report.totals = totals
        } catch {
            await rows.close()
            problems?.discard()
            throw Self.failure(error, campaign: campaign, source: source)
        }
        do {
            try problems?.commit()
        } catch {
            problems?.discard()
            throw ImportJobError.errorFileNotWritten(reason: "\(error)")
        }
        return report
    }

    /// The job's error for what stopped the store import.
    static func failure(_ error: any Error, campaign: Campaign, source: ContactSource) -> any Error {
        switch error {
        case StoreError.contactsLocked(let id):
            return ImportJobError.contactsLocked(campaignId: id, alwaysOn: campaign.settings.mode == .alwaysOn)
        case let error as StoreError:
            return ImportJobError.store(error)
        case let error as ContactImportError:
            return ImportJobError.unreadable(source: source.name, error)
        default:
            return error
        }
    }

    /// Every mapped column must be in the file and every target one of the agent's variables (or NAME, EMAIL).
    private func checkMapping(header: ContactHeader, agent: AgentProfile) throws(ImportJobError) {
        guard !mapping.columnToVariable.isEmpty else { return }
        let columns = Set(
            header.variableColumns.map(\.variable) + header.phoneColumns.flatMap { $0.variables.map(\.variable) })
        let offered = Template.variables(in: [agent.greeting, agent.prompt, agent.voicemailMessage])
        let allowed = Set(offered + [Template.nameVariable, Template.emailVariable])
        for (column, variable) in mapping.columnToVariable.sorted(by: { $0.key < $1.key }) {
            guard columns.contains(column) else { throw .unknownColumn(column, columns: columns.sorted()) }
            guard allowed.contains(variable) else {
                throw .unknownVariable(variable, offered: offered.isEmpty ? ["NAME", "EMAIL"] : offered)
            }
        }
    }
}
