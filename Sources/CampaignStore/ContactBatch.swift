import CampaignCore

/// Contacts ready to be stored, many to a value: every text in one byte buffer, every contact and number a few
/// integers. An import hands its contacts from the task that reads the file to the one that stores them in these
/// batches, so that a contact costs no allocation of its own on either side (a contact as strings, arrays and
/// dictionaries cost more to allocate and free than to parse and insert).
///
/// Variable names and zone lists are stored once per batch: a contact or number names its list by index. A contact's
/// (or number's) values are stored in the order of its name list, and a name list never names a variable twice
/// (``addNameList(_:)`` refuses it), so a contact has at most one value per variable name.
///
/// ```swift
/// var batch = ContactBatch()
/// let names = try batch.addNameList(["NAME"])
/// let zones = batch.addZoneList(["America/New_York"], source: "number", ruleKey: "US")
/// batch.beginContact(sourceLine: 2, names: names, zones: zones)
/// batch.addValue("Ann")
/// batch.addNumber("+12125550100", lineType: UInt8(ascii: "F"), origin: 0, names: ContactBatch.none)
/// ```
public struct ContactBatch: Sendable {
    /// A text in ``bytes``.
    public struct Span: Sendable, Hashable {
        public var start: Int32
        public var count: Int32
    }

    /// One contact.
    public struct Contact: Sendable {
        /// Line of the file the contact starts on (1 = header).
        public var sourceLine: Int
        /// Its numbers: `numbers[firstNumber..<firstNumber + numberCount]`, the primary first, no repeats.
        public var firstNumber: Int32
        public var numberCount: Int32
        /// Its variable names (an index into ``nameLists``), or ``none`` when it has no variables.
        public var names: Int32
        /// Its values, in the order of its names: `values[firstValue...]`.
        public var firstValue: Int32
        /// Its candidate zones, an index into ``zoneLists``.
        public var zones: Int32

        /// The indices of its numbers in ``numbers``.
        public var numberIndices: Range<Int> { Int(firstNumber)..<Int(firstNumber + numberCount) }
    }

    /// One phone number of a contact.
    public struct Number: Sendable {
        /// The number in E.164 form.
        public var text: Span
        /// Its line type as a ``LineTypeCodes`` letter, 0 when not known.
        public var lineType: UInt8
        /// Where the number came from, for the caller (the import: the index of its phone column).
        public var origin: Int16
        /// Variables for calls to this number only (an index into ``nameLists``), or ``none``.
        public var names: Int32
        /// Its values, in the order of its names: `values[firstValue...]`.
        public var firstValue: Int32
    }

    /// Candidate zones and where they came from (`column`, `number` or `default`), with the jurisdictions of the
    /// contact's numbers (``JurisdictionKey``) whose rules apply in those zones.
    public struct ZoneList: Sendable, Hashable {
        public var zones: [String]
        public var source: String
        public var ruleKey: String

        public init(zones: [String], source: String, ruleKey: String) {
            self.zones = zones
            self.source = source
            self.ruleKey = ruleKey
        }

        /// The dial key of the contacts that name this list.
        public var dialKey: DialKey { DialKey(zoneKey: zones.joined(separator: "|"), ruleKey: ruleKey) }
    }

    /// A name list that names one variable twice (after ``Template/normalizedName(_:)``): two values for one name.
    public struct DuplicateVariable: Error, Sendable, Hashable, CustomStringConvertible {
        /// The normalised name given twice.
        public let name: String

        /// The error for `name`, given twice.
        public init(name: String) { self.name = name }

        public var description: String { "variable \(name) is given twice" }
    }

    /// The index that names no list.
    public static let none: Int32 = -1

    /// Every text of the batch.
    public private(set) var bytes: [UInt8] = []
    public private(set) var contacts: [Contact] = []
    public private(set) var numbers: [Number] = []
    /// Variable values of contacts and numbers.
    public private(set) var values: [Span] = []
    /// Variable name lists, each in the order its values are stored.
    public private(set) var nameLists: [[String]] = []
    public private(set) var zoneLists: [ZoneList] = []

    public init() {}

    public var count: Int { contacts.count }
    public var isEmpty: Bool { contacts.isEmpty }

    /// Empties the batch, keeping its memory.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        contacts.removeAll(keepingCapacity: true)
        numbers.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        nameLists.removeAll(keepingCapacity: true)
        zoneLists.removeAll(keepingCapacity: true)
    }

    /// Adds a list of variable names; returns its index. Throws when two of the names are the same once normalised,
    /// so that no contact or number can carry two values for one variable.
    public mutating func addNameList(_ names: [String]) throws(DuplicateVariable) -> Int32 {
        try Self.checkDistinct(names)
        nameLists.append(names)
        return Int32(nameLists.count - 1)
    }

    /// Throws when two of `names` are the same once normalised.
    static func checkDistinct(_ names: [String]) throws(DuplicateVariable) {
        guard names.count > 1 else { return }
        var seen = Set<String>(minimumCapacity: names.count)
        for name in names {
            let normalized = Template.normalizedName(name)
            if !seen.insert(normalized).inserted { throw DuplicateVariable(name: normalized) }
        }
    }

    /// Adds a list of candidate zones and their rule key; returns its index.
    public mutating func addZoneList(_ zones: [String], source: String, ruleKey: String) -> Int32 {
        zoneLists.append(ZoneList(zones: zones, source: source, ruleKey: ruleKey))
        return Int32(zoneLists.count - 1)
    }

    /// Starts a contact; its values (as many as `names` has), then its numbers follow.
    public mutating func beginContact(sourceLine: Int, names: Int32, zones: Int32) {
        contacts.append(
            Contact(
                sourceLine: sourceLine, firstNumber: Int32(numbers.count), numberCount: 0, names: names,
                firstValue: Int32(values.count), zones: zones))
    }

    /// Adds a number to the contact begun last; its values (as many as `names` has) follow.
    public mutating func addNumber(_ e164: String, lineType: UInt8, origin: Int16, names: Int32) {
        let text = store(e164)
        numbers.append(
            Number(text: text, lineType: lineType, origin: origin, names: names, firstValue: Int32(values.count)))
        contacts[contacts.count - 1].numberCount += 1
    }

    /// Adds the next value of the contact or number added last.
    public mutating func addValue(_ value: String) { values.append(store(value)) }

    /// Adds the next value, given as UTF-8.
    public mutating func addValue(utf8 value: UnsafeRawBufferPointer) { values.append(store(utf8: value)) }

    /// The values of a contact or number whose values start at `first`, as many as `names` has.
    public func valueSpans(first: Int32, names: Int32) -> ArraySlice<Span> {
        guard names != Self.none else { return [] }
        let start = Int(first)
        return values[start..<start + nameLists[Int(names)].count]
    }

    /// The variables of a contact or number whose values start at `first`, by name.
    public func variables(first: Int32, names: Int32) -> [String: String] {
        guard names != Self.none else { return [:] }
        let values = valueSpans(first: first, names: names).map(string)
        return Dictionary(zip(nameLists[Int(names)], values), uniquingKeysWith: { first, _ in first })
    }

    /// `span` as a string.
    public func string(_ span: Span) -> String {
        bytes.withUnsafeBufferPointer { all in
            String(
                decoding: UnsafeBufferPointer(rebasing: all[Int(span.start)..<Int(span.start + span.count)]),
                as: UTF8.self)
        }
    }

    /// Calls `body` with the bytes of the batch, where every ``Span`` points.
    public func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try bytes.withUnsafeBytes(body)
    }

    private mutating func store(_ text: String) -> Span {
        let start = Int32(bytes.count)
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
        return Span(start: start, count: Int32(bytes.count) - start)
    }

    private mutating func store(utf8 text: UnsafeRawBufferPointer) -> Span {
        let start = Int32(bytes.count)
        bytes.append(contentsOf: text)
        return Span(start: start, count: Int32(text.count))
    }
}

extension ContactBatch.Span {
    /// The bytes of the span within the batch's bytes.
    public func bytes(in all: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: all[Int(start)..<Int(start + count)])
    }
}
