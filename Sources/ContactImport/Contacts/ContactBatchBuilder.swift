import CampaignCore

/// Where a contact's zones come from, as a key that is cheap to hash: a set of the phone metadata, a zone named in
/// the row, or the import's default.
enum ZoneListKey: Hashable {
    case metadata(Int)
    case column(String)
    case fallback
}

/// A contact's zone list together with the id of its rule key (``RuleKeyCache``): contacts that share both share
/// one list of the batch.
struct DialListKey: Hashable {
    var zones: ZoneListKey
    var rules: Int32
}

/// Writes the rows of a file into a ``ContactRowBatch``: the variables in their stored order (the header's, or
/// sorted names once a mapping renames them), each number's own variables in name order, every list once per
/// batch.
struct ContactBatchBuilder: Sendable {
    private let header: ContactHeader
    private let mapping: Template.VariableMapping
    private(set) var batch = ContactRowBatch()
    /// The parsed numbers, parallel to the batch's numbers, when a caller wants them back as ``ContactRow``s.
    private var phoneNumbers: [PhoneNumber]?
    /// The contact-level variable names, and the index of that list in the current batch.
    private let contactNames: [String]
    private var contactNamesIndex: Int32?
    /// Each phone column's variables in name order (name and column), and the index of its names in the batch.
    private let numberSlots: [[(name: String, column: Int)]]
    private let numberNames: [[String]]
    private var numberNamesIndex: [Int32?]
    /// Lists added to the current batch.
    private var nameLists: [[String]: Int32] = [:]
    private var zoneLists: [DialListKey: Int32] = [:]
    private var lastType: (type: PhoneNumberType, code: UInt8)?

    init(header: ContactHeader, mapping: Template.VariableMapping, keepsNumbers: Bool = false) {
        self.header = header
        self.mapping = mapping
        phoneNumbers = keepsNumbers ? [] : nil
        contactNames = header.variableColumns.map(\.variable)
        numberSlots = header.phoneColumns.map { column in
            column.variables.map { ($0.variable, $0.index) }.sorted { $0.name < $1.name }
        }
        numberNames = numberSlots.map { $0.map(\.name) }
        numberNamesIndex = Array(repeating: nil, count: header.phoneColumns.count)
    }

    /// The batch gathered so far; the next one starts empty.
    mutating func take() -> ContactRowBatch {
        defer {
            batch = ContactRowBatch()
            contactNamesIndex = nil
            for index in numberNamesIndex.indices { numberNamesIndex[index] = nil }
            nameLists.removeAll(keepingCapacity: true)
            zoneLists.removeAll(keepingCapacity: true)
            if phoneNumbers != nil { phoneNumbers = [] }
        }
        return batch
    }

    /// A row that cannot be imported.
    mutating func reject(_ problem: RowProblem) {
        batch.rowCount += 1
        batch.problems.append(problem)
    }

    /// A contact: its usable numbers (each with the index of its phone column), its zones, the warnings about its
    /// cells, and its cells.
    mutating func addContact(
        sourceLine: Int, numbers: [(number: PhoneNumber, column: Int)], zones: DialListKey,
        zoneList: () -> ContactBatch.ZoneList, warnings: [RowProblem], cells: RowCells
    ) {
        batch.rowCount += 1
        batch.problems += warnings
        let zoneIndex = zoneLists[zones] ?? addZoneList(zoneList(), key: zones)
        if mapping.columnToVariable.isEmpty {
            batch.contacts.beginContact(sourceLine: sourceLine, names: contactNamesList(), zones: zoneIndex)
            for column in header.variableColumns { addValue(cells, column.index) }
        } else {
            let values = header.variableColumns.map { cells.string($0.index) }
            let variables = mapping.apply(
                to: Dictionary(zip(contactNames, values), uniquingKeysWith: { first, _ in first })
            ).sorted { $0.key < $1.key }
            let names = variables.isEmpty ? ContactBatch.none : nameList(variables.map(\.key))
            batch.contacts.beginContact(sourceLine: sourceLine, names: names, zones: zoneIndex)
            for variable in variables { batch.contacts.addValue(variable.value) }
        }
        for (number, column) in numbers {
            let lineType = lineTypeCode(number.type)
            let origin = Int16(column)
            if numberSlots[column].isEmpty {
                batch.contacts.addNumber(number.e164, lineType: lineType, origin: origin, names: ContactBatch.none)
            } else if mapping.columnToVariable.isEmpty {
                batch.contacts.addNumber(
                    number.e164, lineType: lineType, origin: origin, names: numberNamesList(column))
                for slot in numberSlots[column] { addValue(cells, slot.column) }
            } else {
                let variables = mapping.apply(
                    to: Dictionary(uniqueKeysWithValues: numberSlots[column].map { ($0.name, cells.string($0.column)) })
                ).sorted { $0.key < $1.key }
                batch.contacts.addNumber(
                    number.e164, lineType: lineType, origin: origin, names: nameList(variables.map(\.key)))
                for variable in variables { batch.contacts.addValue(variable.value) }
            }
            phoneNumbers?.append(number)
        }
    }

    /// The one row of a batch (from an empty one, with `keepsNumbers`) as a ``ContactRow``.
    func row() -> ContactRow? {
        let contacts = batch.contacts
        guard let contact = contacts.contacts.first, let phoneNumbers else {
            return batch.problems.first.map { .rejected($0) }
        }
        let numbers = contact.numberIndices.map { index in
            let number = contacts.numbers[index]
            return ContactNumber(
                number: phoneNumbers[index], column: header.phoneColumns[Int(number.origin)].name,
                variables: contacts.variables(first: number.firstValue, names: number.names))
        }
        let zones = contacts.zoneLists[Int(contact.zones)]
        let names = contact.names == ContactBatch.none ? [] : contacts.nameLists[Int(contact.names)]
        return .contact(
            ContactCandidate(
                sourceLine: contact.sourceLine, numbers: numbers,
                timeZone: TimeZoneResolution(zones: zones.zones, source: TimeZoneSource(rawValue: zones.source)!),
                variableNames: names,
                variableValues: contacts.valueSpans(first: contact.firstValue, names: contact.names).map(
                    contacts.string),
                warnings: batch.problems))
    }

    private mutating func addValue(_ cells: RowCells, _ index: Int) {
        cells.withCell(index) { batch.contacts.addValue(utf8: UnsafeRawBufferPointer($0)) }
    }

    private mutating func contactNamesList() -> Int32 {
        if contactNames.isEmpty { return ContactBatch.none }
        if let known = contactNamesIndex { return known }
        let index = nameList(contactNames)
        contactNamesIndex = index
        return index
    }

    private mutating func numberNamesList(_ column: Int) -> Int32 {
        if let known = numberNamesIndex[column] { return known }
        let index = nameList(numberNames[column])
        numberNamesIndex[column] = index
        return index
    }

    private mutating func nameList(_ names: [String]) -> Int32 {
        if let known = nameLists[names] { return known }
        let index = batch.contacts.addNameList(names)
        nameLists[names] = index
        return index
    }

    private mutating func addZoneList(_ zoneList: ContactBatch.ZoneList, key: DialListKey) -> Int32 {
        let index = batch.contacts.addZoneList(zoneList.zones, source: zoneList.source, ruleKey: zoneList.ruleKey)
        zoneLists[key] = index
        return index
    }

    private mutating func lineTypeCode(_ type: PhoneNumberType) -> UInt8 {
        if let lastType, lastType.type == type { return lastType.code }
        let code = LineTypeCodes.code(of: type.rawValue)
        lastType = (type, code)
        return code
    }
}
