import ContactImport
import Foundation
import OutboundApp

/// `POST /v1/contacts/preview`: the start of a contact file (its header is enough) read by the importer's own
/// header code; nothing is stored.
enum ContactPreviewHandlers {
    /// The most bytes a preview reads (the wizard sends the file's first 64 KiB).
    static let limit = 256 << 10

    static func preview(_ call: RouteCall) async throws -> RouteReply {
        let bytes = call.body.map { Array($0.readableBytesView) } ?? []
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("outbound-preview-\(UUID().uuidString).csv").path
        guard
            FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        else {
            throw Problem(.serviceUnavailable, "the preview could not be written to a temporary file")
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let preview: ContactFilePreview
        do {
            preview = try ContactFilePreview.read(path: path, source: "the file")
        } catch {
            throw ContactHandlers.problem(for: error)
        }
        let header = preview.header
        return JSONBody.response(
            .object([
                "convention": .string(name(of: header.convention)),
                "conventionLabel": .string(header.convention.rawValue),
                "encoding": .string(preview.encoding.rawValue), "delimiter": .string(preview.delimiterName),
                "phoneColumns": .array(
                    header.phoneColumns.map { column in
                        .object([
                            "column": .string(column.name),
                            "variables": .array(column.variables.map { .string($0.variable) }),
                        ])
                    }),
                "variables": .array(header.variableColumns.map { .string($0.variable) }),
                "timezoneColumn": header.timeZoneColumn.map { .string(header.names[$0]) } ?? .null,
            ]))
    }

    /// The convention's stable name.
    static func name(of convention: ContactHeader.Convention) -> String {
        switch convention {
        case .suffixedAlternates: "suffixed-alternates"
        case .namePhoneList: "name-phone-list"
        case .phoneNumberWithVariables: "phone-number-variables"
        }
    }
}
