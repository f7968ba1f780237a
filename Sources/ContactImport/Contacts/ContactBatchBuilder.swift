import CampaignCore
import CampaignStore

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
/// batch. A contact (and each number) gets one value per variable name: the header has no two columns of one name,
/// a mapping's columns go through ``MappedVariables``, and the batch refuses a name list that repeats a name (the
/// row is then rejected, never stored with one of the values silently chosen).
struct ContactBatchBuilder: Sendable {
    private let header: ContactHeader
    /// With a mapping: how the contact's variables, and each phone column's, are filled; nil without one.
    private let mappedContact: MappedVariables?
    private let mappedNumbers: [MappedVariables]
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
        phoneNumbers = keepsNumbers ? [] : nil
        contactNames = header.variableColumns.map(\.variable)
        numberSlots = header.phoneColumns.map { column in
            column.variables.map { ($0.variable, $0.index) }.sorted { $0.name < $1.name }
        }
        if mapping.columnToVariable.isEmpty {
            mappedContact = nil
            mappedNumbers = []
        } else {
            mappedContact = MappedVariables(
                columns: header.variableColumns.map { ($0.variable, $0.index) }, mapping: mapping)
            mappedNumbers = numberSlots.map { MappedVariables(columns: $0, mapping: mapping) }
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
        if let mappedContact {
            addMappedContact(
                sourceLine: sourceLine, numbers: numbers, zones: zones, zoneList: zoneList, warnings: warnings,
                cells: cells, mapped: mappedContact)
            return
        }
        guard let names = contactNamesList() else { return reject(repeatedVariable: sourceLine) }
        for (_, column) in numbers where numberNamesList(column) == nil { return reject(repeatedVariable: sourceLine) }
        batch.rowCount += 1
        batch.problems += warnings
        let zoneIndex = zoneLists[zones] ?? addZoneList(zoneList(), key: zones)
        batch.contacts.beginContact(sourceLine: sourceLine, names: names, zones: zoneIndex)
        for column in header.variableColumns { addValue(cells, column.index) }
        for (number, column) in numbers {
            batch.contacts.addNumber(
                number.e164, lineType: lineTypeCode(number.type), origin: Int16(column),
                names: numberNamesList(column) ?? ContactBatch.none)
            for slot in numberSlots[column] { addValue(cells, slot.column) }
            phoneNumbers?.append(number)
        }
    }

    /// A contact whose variables a mapping renames: each row names the variables its cells fill.
    private mutating func addMappedContact(
        sourceLine: Int, numbers: [(number: PhoneNumber, column: Int)], zones: DialListKey,
        zoneList: () -> ContactBatch.ZoneList, warnings: [RowProblem], cells: RowCells, mapped: MappedVariables
    ) {
        var ignored: [RowProblem] = []
        let variables = mapped.variables(of: cells, line: sourceLine, header: header, ignored: &ignored)
        let numberVariables = numbers.map { _, column in
            mappedNumbers[column].variables(of: cells, line: sourceLine, header: header, ignored: &ignored)
        }
        guard let names = variables.isEmpty ? ContactBatch.none : nameList(variables.map(\.name)),
            let numberLists = Self.all(
                numberVariables.map { $0.isEmpty ? ContactBatch.none : nameList($0.map(\.name)) })
        else { return reject(repeatedVariable: sourceLine) }
        batch.rowCount += 1
        batch.problems += warnings
        batch.problems += ignored
        let zoneIndex = zoneLists[zones] ?? addZoneList(zoneList(), key: zones)
        batch.contacts.beginContact(sourceLine: sourceLine, names: names, zones: zoneIndex)
        for variable in variables { batch.contacts.addValue(variable.value) }
        for (position, (number, column)) in numbers.enumerated() {
            batch.contacts.addNumber(
                number.e164, lineType: lineTypeCode(number.type), origin: Int16(column), names: numberLists[position])
            for variable in numberVariables[position] { batch.contacts.addValue(variable.value) }
            phoneNumbers?.append(number)
        }
    }

    /// A row whose variables the batch refuses because one name would get two values.
    private mutating func reject(repeatedVariable line: Int) {
        reject(RowProblem(line: line, column: "", reason: "a variable is given twice", severity: .rejected))
    }

    private static func all(_ lists: [Int32?]) -> [Int32]? {
        var result: [Int32] = []
        result.reserveCapacity(lists.count)
        for list in lists {
            guard let list else { return nil }
            result.append(list)
        }
        return result
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

    private mutating func contactNamesList() -> Int32? {
        if contactNames.isEmpty { return ContactBatch.none }
        if let known = contactNamesIndex { return known }
        let index = nameList(contactNames)
        contactNamesIndex = index
        return index
    }

    private mutating func numberNamesList(_ column: Int) -> Int32? {
        if numberSlots[column].isEmpty { return ContactBatch.none }
        if let known = numberNamesIndex[column] { return known }
        let index = nameList(numberNames[column])
        numberNamesIndex[column] = index
        return index
    }

    /// The index of `names` in the batch, added when new; nil when the batch refuses it (a name given twice).
    private mutating func nameList(_ names: [String]) -> Int32? {
        if let known = nameLists[names] { return known }
        guard let index = try? batch.contacts.addNameList(names) else { return nil }
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
