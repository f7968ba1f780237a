import CampaignCore
import Foundation

/// What a contact-list import and export need from the database.
///
/// An import is one transaction: the importer streams contacts into a ``ContactImportSink`` inside
/// ``importContacts(campaignId:mode:now:_:)``, and either every contact is stored or, when anything throws, none
/// is (the previous list of a draft stays as it was).
public protocol ContactListStore: Sendable {
    /// Imports contacts into a campaign in one transaction. `feed` adds the contacts, in file order, to the sink
    /// it is given; the sink merges duplicates, applies sticky exclusions and writes in batches.
    ///
    /// A campaign that has not run takes `.replace` (its list is replaced) or `.append`; an always-on campaign
    /// that has run takes `.append` while it is scheduled, running or paused; any other campaign that has run
    /// refuses with ``StoreError/contactsLocked(campaignId:)``.
    func importContacts(
        campaignId: Int64, mode: ContactImportMode, now: Date,
        _ feed: (any ContactImportSink) async throws -> Void
    ) async throws -> ContactImportTotals

    /// Streams a campaign's contacts in list order to `body` (the contact export of SPEC §10).
    func exportContacts(
        campaignId: Int64, _ body: @escaping @Sendable (ExportedContact) -> Void
    ) async throws
}

/// Whether an import replaces a draft's list or adds to it.
public enum ContactImportMode: String, Sendable, Equatable {
    /// The campaign's current contacts are removed first (drafts only).
    case replace
    /// The contacts are added after the current ones; numbers already in the campaign count as duplicates.
    case append
}

/// A contact ready to be stored: parsed, normalised and with its zones resolved.
public struct ImportedContact: Sendable, Equatable {
    /// Line of the file the contact starts on (1 = header).
    public var sourceLine: Int
    /// E.164 numbers, primary first, no repeats; never empty.
    public var numbers: [String]
    /// Variables for calls to each number (parallel to ``numbers``; empty dictionaries when none).
    public var numberVariables: [[String: String]]
    /// Line type of each number where the metadata knows (parallel to ``numbers``; may be empty).
    public var numberTypes: [String]
    /// Candidate IANA zones, more than one when the number does not pin one down.
    public var timezones: [String]
    /// `column`, `number` or `default`.
    public var timezoneSource: String
    /// Normalised variable names, distinct (rows of one file share the array); their order is the stored order.
    public var variableNames: [String]
    /// The value of each variable, parallel to ``variableNames``.
    public var variableValues: [String]
    /// The jurisdictions of its numbers (``JurisdictionKey``).
    public var ruleKey = ""

    /// Normalised variable names and values.
    public var variables: [String: String] {
        Dictionary(zip(variableNames, variableValues), uniquingKeysWith: { first, _ in first })
    }

    /// Creates a contact with its variables as names and values in a given order.
    public init(
        sourceLine: Int, numbers: [String], numberVariables: [[String: String]] = [], numberTypes: [String] = [],
        timezones: [String], timezoneSource: String, variableNames: [String], variableValues: [String]
    ) {
        self.sourceLine = sourceLine
        self.numbers = numbers
        self.numberVariables = numberVariables
        self.numberTypes = numberTypes
        self.timezones = timezones
        self.timezoneSource = timezoneSource
        self.variableNames = variableNames
        self.variableValues = variableValues
    }

    /// Creates a contact; its variables are stored in name order.
    public init(
        sourceLine: Int, numbers: [String], numberVariables: [[String: String]] = [], numberTypes: [String] = [],
        timezones: [String], timezoneSource: String, variables: [String: String]
    ) {
        let sorted = variables.sorted { $0.key < $1.key }
        self.init(
            sourceLine: sourceLine, numbers: numbers, numberVariables: numberVariables, numberTypes: numberTypes,
            timezones: timezones, timezoneSource: timezoneSource, variableNames: sorted.map(\.key),
            variableValues: sorted.map(\.value))
    }
}

/// Where a number was seen first, when a later contact repeats it.
public enum ContactOrigin: Sendable, Equatable, CustomStringConvertible {
    /// An earlier row of the same file.
    case line(Int)
    /// A contact the campaign already had (an append).
    case existingContact(Int64)

    /// `line 12` or `existing contact 7`.
    public var description: String {
        switch self {
        case .line(let line): "line \(line)"
        case .existingContact(let id): "existing contact \(id)"
        }
    }
}

/// An alternate number left out of a contact because an earlier contact has it.
public struct DroppedNumber: Sendable, Equatable {
    /// The number, E.164.
    public var number: String
    /// The contact that has it.
    public var origin: ContactOrigin

    /// Creates a value.
    public init(number: String, origin: ContactOrigin) {
        self.number = number
        self.origin = origin
    }
}

/// What the sink did with one contact.
public enum ContactAddResult: Sendable, Equatable {
    /// Stored (with status `excluded` when `excluded`), without the alternates an earlier contact already has.
    case imported(excluded: Bool, dropped: [DroppedNumber])
    /// Not stored: its primary number belongs to an earlier contact, which it was merged into.
    case duplicate(DroppedNumber)
}

/// Counts of one import, once it has committed.
public struct ContactImportTotals: Sendable, Equatable {
    /// Contacts stored, excluded ones included.
    public var imported = 0
    /// Contacts stored with status `excluded` (sticky exclusion).
    public var excluded = 0
    /// Contacts merged into an earlier one and not stored.
    public var duplicates = 0
    /// Alternate numbers dropped because an earlier contact has them.
    public var droppedNumbers = 0
    /// Contacts the campaign had before (0 after a replace).
    public var previous = 0
    /// Excluded contacts the import names again and that are dialable again (sticky exclusion off).
    public var readmitted = 0

    /// Creates zero counts.
    public init() {}
}

/// What became of one contact of a batch, when it was not simply imported.
public struct ContactAddNotice: Sendable, Equatable {
    /// The index of the contact in its batch.
    public var index: Int
    public var result: ContactAddResult

    /// Creates a notice.
    public init(index: Int, result: ContactAddResult) {
        self.index = index
        self.result = result
    }
}

/// One row of the contact export (SPEC §10).
public struct ExportedContact: Sendable, Equatable {
    /// The lead id.
    public var id: Int64
    /// Line of the uploaded file (1 = header), 0 when not from a file.
    public var sourceLine: Int
    /// Lead status (`waiting` reported as `pending`).
    public var status: String
    /// E.164 numbers, primary first.
    public var numbers: [String]
    /// Candidate zones.
    public var timezones: [String]
    /// `column`, `number` or `default`.
    public var timezoneSource: String
    /// The variables as a JSON object with sorted keys.
    public var variablesJSON: String
    /// The compliance rule the lead waits for or can never be dialled because of (SPEC §9), when one does.
    public var blockedBy: String?
    /// Its dial key (``DialKey``), for working out which rule's hours hold it back at a given moment.
    public var dialKey: String

    /// Creates a row.
    public init(
        id: Int64, sourceLine: Int, status: String, numbers: [String], timezones: [String], timezoneSource: String,
        variablesJSON: String, blockedBy: String? = nil, dialKey: String = ""
    ) {
        self.blockedBy = blockedBy
        self.dialKey = dialKey
        self.id = id
        self.sourceLine = sourceLine
        self.status = status
        self.numbers = numbers
        self.timezones = timezones
        self.timezoneSource = timezoneSource
        self.variablesJSON = variablesJSON
    }

    /// The SPEC §10 header.
    public static let header = [
        "contact_id", "source_line", "status", "numbers", "timezones", "timezone_source", "variables", "blocked_by",
    ]

    /// The fields in header order.
    public var fields: [String] {
        [
            String(id), String(sourceLine), status, numbers.joined(separator: "|"), timezones.joined(separator: "|"),
            timezoneSource, variablesJSON, blockedBy ?? "",
        ]
    }
}
