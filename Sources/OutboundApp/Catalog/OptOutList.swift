import CampaignCore
import CampaignStore
import ContactImport
import Foundation

/// The organisation-wide opt-out list (SPEC §9, §11): numbers no campaign of the organisation dials, each with
/// where it came from and when. Numbers are normalised to E.164 as written (a national form reads as a US number).
public struct OptOutList: Sendable {
    let store: any CatalogStore
    let numbers: any NumberValidator
    let now: @Sendable () -> Date

    /// The most rows a CSV upload may have.
    public static let rowLimit = 500_000

    /// Use cases over `store`, reading numbers with `numbers`, on the clock `now`.
    public init(store: any CatalogStore, numbers: any NumberValidator, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.numbers = numbers
        self.now = now
    }

    /// A page of opt-outs in number order, optionally only numbers containing `numberContains`.
    public func list(
        orgId: Int64, numberContains: String?, after: String?, limit: Int
    ) async throws -> CatalogPage<OptOut, String> {
        let found = try await store.optOuts(
            orgId: orgId, numberContains: numberContains, after: after, limit: limit + 1)
        return CatalogPage(found: found, limit: limit, key: \.e164)
    }

    /// What the list's number reading makes of `text`.
    public func check(_ text: String) -> NumberCheck { numbers.normalized(text) }

    /// The E.164 form of a written number, or a 422 naming `field`.
    public func normalized(_ text: String, field: String = "number") throws -> String {
        switch numbers.normalized(text) {
        case .valid(let e164): return e164
        case .invalid(let reason):
            throw ServerFailure.invalid([
                FieldProblem(field: field, detail: "'\(text)' is not a valid number: \(reason)")
            ])
        }
    }

    /// Adds a number; returns the entry and whether it is new (an existing entry keeps its source and time).
    public func add(
        orgId: Int64, number: String, source: String, by principal: ActingPrincipal
    ) async throws -> (optOut: OptOut, created: Bool) {
        let e164 = try normalized(number)
        let added = try await store.addOptOuts(orgId: orgId, numbers: [e164], source: source, now: now())
        guard let entry = try await store.optOut(orgId: orgId, e164: e164) else {
            throw ServerFailure.notFound("opt-out \(e164) not found")
        }
        return (entry, !added.isEmpty)
    }

    /// The opt-out of a number.
    public func optOut(orgId: Int64, number: String) async throws -> OptOut {
        let e164 = try normalized(number)
        guard let entry = try await store.optOut(orgId: orgId, e164: e164) else {
            throw ServerFailure.notFound("\(e164) is not on the opt-out list")
        }
        return entry
    }

    /// Takes a number off the list (404 when it is not on it).
    public func remove(orgId: Int64, number: String, by principal: ActingPrincipal) async throws -> String {
        let e164 = try normalized(number)
        guard try await store.removeOptOut(orgId: orgId, e164: e164, now: now()) else {
            throw ServerFailure.notFound("\(e164) is not on the opt-out list")
        }
        return e164
    }

    /// Adds every number of a CSV file's `number` column in one transaction; every row is reported: imported,
    /// a duplicate (twice in the file, or on the list already), or rejected with its line and reason.
    public func importFile(
        orgId: Int64, path: String, source: String, by principal: ActingPrincipal
    ) async throws -> OptOutImportReport {
        var report = OptOutImportReport()
        var wanted: [String] = []
        var seen: Set<String> = []
        do {
            var reader = try CSVReader(path: path)
            guard let header = try reader.next() else {
                throw ServerFailure.invalid([FieldProblem(field: "number", detail: "the CSV is empty")])
            }
            let names = header.fields.map { Template.normalizedName($0).lowercased() }
            guard let column = names.firstIndex(of: "number") ?? names.firstIndex(of: "phone_number") else {
                throw ServerFailure.invalid(
                    [FieldProblem(field: "number", detail: "the CSV's header has no 'number' column")])
            }
            let columnName = header.fields[column]
            while let record = try reader.next() {
                if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
                report.read += 1
                guard report.read <= Self.rowLimit else {
                    throw ServerFailure.invalid(
                        [FieldProblem(field: "", detail: "the CSV has more than \(Self.rowLimit) rows")])
                }
                let cell = column < record.fields.count ? record.fields[column] : ""
                switch numbers.normalized(cell) {
                case .invalid(let reason):
                    let why = cell.trimmingCharacters(in: .whitespaces).isEmpty ? "no number" : reason
                    report.problems.append(.init(line: record.line, column: columnName, reason: why))
                case .valid(let e164):
                    if seen.insert(e164).inserted {
                        wanted.append(e164)
                    } else {
                        report.duplicates += 1
                    }
                }
            }
        } catch let error as ContactImportError {
            throw ServerFailure.invalid([FieldProblem(field: "", detail: "the CSV cannot be read: \(error)")])
        }
        let added = try await store.addOptOuts(orgId: orgId, numbers: wanted, source: source, now: now())
        report.imported = added.count
        report.duplicates += wanted.count - added.count
        return report
    }
}

/// What a CSV upload of opt-outs did, row by row (the shape of the contact import's report).
public struct OptOutImportReport: Sendable, Equatable {
    /// One rejected row.
    public struct Problem: Sendable, Equatable {
        /// The row's line in the file (the header is line 1).
        public var line: Int
        /// The column the problem is in.
        public var column: String
        /// Why the row was rejected.
        public var reason: String
    }

    /// Data rows read (blank rows are skipped).
    public var read = 0
    /// Numbers added to the list.
    public var imported = 0
    /// Rows whose number was on the list already or earlier in the file.
    public var duplicates = 0
    /// Rejected rows, in file order.
    public var problems: [Problem] = []
    /// How many rows were rejected.
    public var rejected: Int { problems.count }
}
