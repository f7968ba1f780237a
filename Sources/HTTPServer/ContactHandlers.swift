import CampaignCore
import CampaignStore
import ContactImport
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OutboundApp

/// Contacts over HTTP: a `text/csv` body (or the `file` part of a `multipart/form-data` one) spooled to disk as it
/// arrives (refused past the import's limits) and imported by the same job as `outbound import`; the answer is the
/// import report with the error file's rows as `problems`, and the error file is kept as the campaign's last
/// (`errorsUrl`, ``errors(_:)``).
enum ContactHandlers {
    /// The most problems a report lists; `problemsTotal` counts them all.
    static let problemLimit = 10_000

    static func replace(_ call: RouteCall) async throws -> RouteReply { try await upload(call, mode: .replace) }

    static func append(_ call: RouteCall) async throws -> RouteReply {
        let mediaType = call.header(.contentType)?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces)
        guard mediaType?.lowercased() == "application/json" else { return try await upload(call, mode: .append) }
        let body = try await collect(call.request.body, limit: 16 << 20)
        let fields = try JSONBody.object(body, allowed: ["contacts"])
        let csv = try ContactJSON.csv(fields)
        return try await upload(call, mode: .append, chunks: SingleChunk(bytes: Array(csv.utf8)))
    }

    /// The body, at most `limit` bytes (413 above).
    static func collect(_ body: RequestBody, limit: Int) async throws -> ByteBuffer {
        do {
            return try await body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw Problem(.contentTooLarge, "a JSON append is at most \(limit) bytes")
        }
    }

    static func upload(_ call: RouteCall, mode: ContactImportMode) async throws -> RouteReply {
        let chunks = call.request.body.map { $0.readableBytesView }
        let contentType = call.header(.contentType) ?? ""
        guard contentType.lowercased().hasPrefix("multipart/form-data") else {
            return try await upload(call, mode: mode, chunks: chunks)
        }
        let boundary: String
        do {
            boundary = try MultipartParser.boundary(contentType: contentType)
        } catch {
            throw Problem.badField("Content-Type", error.description)
        }
        return try await upload(call, mode: mode, chunks: MultipartFileUpload(base: chunks, boundary: boundary))
    }

    static func upload<Chunks: AsyncSequence>(
        _ call: RouteCall, mode: ContactImportMode, chunks: Chunks
    ) async throws -> RouteReply where Chunks.Element: Collection, Chunks.Element.Element == UInt8 {
        let campaign = try await call.services.campaigns.campaign(
            orgId: try call.orgId, id: try call.id(of: "campaign"))
        let region = call.query("region") ?? "US"
        guard region.count == 2, region.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw Problem.badField("region", "must be a two-letter ISO 3166 country code, got '\(region)'")
        }
        let errorsPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("outbound-import-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: errorsPath) }
        let kept: ContactImportJob.KeptReport
        do {
            kept = try await ContactImportJob.importUploadKeepingErrors(
                chunks, store: call.services.store, campaignId: campaign.id,
                region: region, mappings: call.queries("map"), mode: mode, errorsPath: errorsPath,
                now: call.services.clock.now())
        } catch let error as ImportJobError {
            throw problem(for: error)
        } catch let error as MultipartError {
            throw Problem.badField(MultipartFileUpload<SingleChunk>.fieldName, error.description)
        }
        let report = kept.report
        call.services.metrics.imported(report)
        let problems = ProblemRows.read(path: errorsPath)
        return JSONBody.response(
            .object([
                "read": .number(Double(report.read)), "imported": .number(Double(report.totals.imported)),
                "duplicates": .number(Double(report.totals.duplicates)), "rejected": .number(Double(report.rejected)),
                "warnings": .number(Double(report.warnings)), "excluded": .number(Double(report.totals.excluded)),
                "problems": .array(problems.prefix(problemLimit).map(\.json)),
                "problemsTotal": .number(Double(problems.count)),
                "errorsUrl": kept.hasErrorFile ? .string("/v1/campaigns/\(campaign.id)/contacts/errors.csv") : .null,
            ]))
    }

    /// `GET …/contacts/errors.csv`: the error file of the campaign's last import; 404 when it had no problems (or
    /// there was none).
    static func errors(_ call: RouteCall) async throws -> RouteReply {
        let orgId = try call.orgId
        let campaign = try await call.services.campaigns.campaign(orgId: orgId, id: try call.id(of: "campaign"))
        guard let file = try await call.services.store.importErrors(orgId: orgId, campaignId: campaign.id) else {
            throw Problem(
                .notFound, "campaign \(campaign.id)'s last import had no rejected rows or warnings (or none ran)")
        }
        return RouteReply(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"campaign-\(campaign.id)-errors.csv\"",
                errorRowsHeader: "\(file.rowCount)", keptRowsHeader: "\(file.keptRows)",
            ],
            body: ByteBuffer(string: file.csv))
    }

    /// The problems the import had (the file keeps fewer past ``ImportErrorFile/maxBytes``).
    static let errorRowsHeader = HTTPField.Name("Outbound-Error-Rows")!
    /// The problems the file holds.
    static let keptRowsHeader = HTTPField.Name("Outbound-Error-Rows-Kept")!

    static func problem(for error: ImportJobError) -> Problem {
        switch error {
        case .malformedMapping, .columnMappedTwice, .unknownColumn, .unknownVariable:
            return Problem.badField("map", error.description)
        case .unreadable, .header:
            return Problem(.unprocessableContent, error.description)
        case .uploadTooLarge:
            return Problem(.contentTooLarge, error.description)
        case .campaignNotFound:
            return Problem(.notFound, error.description)
        case .contactsLocked:
            return Problem(.conflict, error.description)
        case .store(let storeError):
            return ProblemMiddleware<BasicRequestContext>.problem(for: storeError)
        case .spoolFailed, .errorFileNotCreated, .errorFileNotWritten, .phoneMetadata:
            return Problem(.serviceUnavailable, error.description)
        }
    }
}
