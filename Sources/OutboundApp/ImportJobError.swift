import CampaignStore
import ContactImport

/// Why an import stopped, in plain words with where and why; nothing was imported unless the case says so.
///
/// The command line and the HTTP server map these to their own messages (an option name, a status code); the
/// ``description`` is a complete sentence for anyone else.
public enum ImportJobError: Error, Sendable, CustomStringConvertible {
    /// A mapping is not `COLUMN=VARIABLE`.
    case malformedMapping(String)
    /// Two mappings name the same column (after normalisation) with different variables: one column can feed one
    /// variable, and keeping either silently would drop the other.
    case columnMappedTwice(String, variables: [String])
    /// A mapping names a column the file does not have; `columns` are the file's variable columns.
    case unknownColumn(String, columns: [String])
    /// A mapping targets a variable the agent does not use; `offered` are the variables it does use.
    case unknownVariable(String, offered: [String])
    /// The contact file was refused as a whole (size, rows, encoding, an unclosed quote); `source` names it.
    case unreadable(source: String, ContactImportError)
    /// The file's header or the import's options were refused before any row was read (no phone column, an
    /// unknown region).
    case header(source: String, ContactImportError)
    /// An upload was larger than the limit while it was being spooled.
    case uploadTooLarge(limit: Int)
    /// An upload could not be spooled to a temporary file.
    case spoolFailed(reason: String)
    /// The campaign does not exist.
    case campaignNotFound(Int64)
    /// The campaign has run, so its contact list only takes appended contacts (always-on campaigns) or none.
    case contactsLocked(campaignId: Int64, alwaysOn: Bool)
    /// The store refused the import.
    case store(StoreError)
    /// The error file could not be created.
    case errorFileNotCreated(path: String, reason: String)
    /// The contacts were imported, but the error file could not be written; it was removed.
    case errorFileNotWritten(reason: String)
    /// The bundled phone metadata could not be loaded.
    case phoneMetadata(ContactImportError)

    /// One line saying where and why.
    public var description: String {
        switch self {
        case .malformedMapping(let text):
            return "mapping '\(text)': expected COLUMN=VARIABLE, like \"Customer Name=NAME\""
        case .columnMappedTwice(let column, let variables):
            return "mapping: column \(column) is mapped twice (to \(variables.joined(separator: " and "))); map it once"
        case .unknownColumn(let column, let columns):
            return
                "mapping: the file has no column \(column) (its variable columns: \(columns.joined(separator: ", ")))"
        case .unknownVariable(let variable, let offered):
            return "mapping: the agent uses no variable \(variable) (it uses: \(offered.joined(separator: ", ")))"
        case .unreadable(let source, let error):
            return "\(source): \(error); nothing was imported"
        case .header(let source, let error):
            return "\(source): \(error)"
        case .uploadTooLarge(let limit):
            return "the upload is larger than \(limit) bytes, the limit of a contact file; nothing was imported"
        case .spoolFailed(let reason):
            return "the upload could not be stored for reading: \(reason); nothing was imported"
        case .campaignNotFound(let id):
            return "campaign \(id) not found"
        case .contactsLocked(let id, let alwaysOn):
            return "campaign \(id) has run, so its contact list is locked"
                + (alwaysOn ? "; an always-on campaign takes appended contacts while scheduled, running or paused" : "")
        case .store(let error):
            return error.description
        case .errorFileNotCreated(let path, let reason):
            return "cannot create the error file '\(path)': \(reason); nothing was imported"
        case .errorFileNotWritten(let reason):
            return "the contacts were imported, but the error file could not be written (removed): \(reason)"
        case .phoneMetadata(let error):
            return "cannot load the phone-number metadata: \(error)"
        }
    }
}
