import CampaignCore

/// The column layout of a contact file, detected from its header (SPEC §2).
///
/// Three conventions are accepted; header cells match case- and space-insensitively
/// (`Phone Number` is `phone_number`):
/// 1. `phone_number` with alternates `phone_number_2`, `phone_number_3`, …; a column named
///    `<base>_<N>` (N ≥ 2, with a `phone_number_<N>` column) is a variable of alternate N,
///    such as `name_2`;
/// 2. `name` and `phone1` required, `phone2`…`phone10` and `email` optional;
/// 3. `phone_number`, every other column a variable.
///
/// In every convention a `timezone` column names the contact's zone; any other column is a
/// variable named by ``normalizedName(_:)``.
public struct ContactHeader: Sendable, Hashable {
    /// The convention the header follows.
    public enum Convention: String, Sendable, Hashable {
        /// `phone_number` plus suffixed alternates `phone_number_2`, ….
        case suffixedAlternates = "phone_number with phone_number_N alternates"
        /// `name`, `phone1`, `phone2`…`phone10`, `email`.
        case namePhoneList = "name + phone1…phone10"
        /// `phone_number` plus variables.
        case phoneNumberWithVariables = "phone_number + variables"
    }

    /// A column that holds a phone number.
    public struct PhoneColumn: Sendable, Hashable {
        /// Zero-based index of the column.
        public let index: Int
        /// The header text, as written.
        public let name: String
        /// Variables that belong to this number only (`name_2` → `NAME` for alternate 2).
        public let variables: [VariableColumn]
    }

    /// A column that becomes a template variable.
    public struct VariableColumn: Sendable, Hashable {
        /// Zero-based index of the column.
        public let index: Int
        /// The normalised variable name, such as `CASE_NUMBER`.
        public let variable: String
    }

    /// The detected convention.
    public let convention: Convention
    /// The header cells as written.
    public let names: [String]
    /// Phone columns, the primary first, then the alternates in order.
    public let phoneColumns: [PhoneColumn]
    /// Contact-level variable columns.
    public let variableColumns: [VariableColumn]
    /// The `timezone` column, if there is one.
    public let timeZoneColumn: Int?

    /// Normalises a header cell into a variable name, the same way template tokens are
    /// (`case number` → `CASE_NUMBER`, `Tax-ID` → `TAX_ID`).
    public static func normalizedName(_ raw: String) -> String { Template.normalizedName(raw) }

    /// Detects the layout of `fields`, the header record.
    public init(fields: [String]) throws(ContactImportError) {
        names = fields
        let normalized = fields.map { Self.normalizedName($0.replacingOccurrences(of: "\u{FEFF}", with: "")) }
        let compact = normalized.map { $0.replacingOccurrences(of: "_", with: "").lowercased() }
        let primary = compact.firstIndex(of: "phonenumber")
        timeZoneColumn = compact.firstIndex(of: "timezone")
        var used = Set<Int>([timeZoneColumn].compactMap { $0 })
        var phones: [(index: Int, slot: Int)] = []
        if let primary {
            phones.append((primary, 1))
            for (index, key) in compact.enumerated() where key.hasPrefix("phonenumber") {
                if let slot = Int(key.dropFirst("phonenumber".count)), slot >= 2 { phones.append((index, slot)) }
            }
            convention = phones.count > 1 ? .suffixedAlternates : .phoneNumberWithVariables
        } else if compact.contains("phone1") {
            guard compact.contains("name") else {
                throw .missingRequiredColumn(name: "name", convention: Convention.namePhoneList.rawValue)
            }
            for (index, key) in compact.enumerated() where key.hasPrefix("phone") {
                if let slot = Int(key.dropFirst("phone".count)), (1...10).contains(slot) {
                    phones.append((index, slot))
                }
            }
            convention = .namePhoneList
        } else if compact.contains(where: { $0.hasPrefix("phone") && Int($0.dropFirst(5)) != nil }) {
            throw .missingRequiredColumn(name: "phone1", convention: Convention.namePhoneList.rawValue)
        } else {
            throw .missingPhoneColumn(header: fields)
        }
        phones.sort { $0.slot < $1.slot }
        try Self.rejectDuplicates(phones.map { ("phone \($0.slot)", $0.index) })
        used.formUnion(phones.map(\.index))
        let slots = Set(phones.map(\.slot))
        var perNumber: [Int: [VariableColumn]] = [:]
        var shared: [VariableColumn] = []
        for (index, name) in normalized.enumerated() where !used.contains(index) && !name.isEmpty {
            if convention == .suffixedAlternates, let (base, slot) = Self.splitSuffix(name), slots.contains(slot) {
                perNumber[slot, default: []].append(VariableColumn(index: index, variable: base))
            } else {
                shared.append(VariableColumn(index: index, variable: name))
            }
        }
        try Self.rejectDuplicates(shared.map { ($0.variable, $0.index) })
        for list in perNumber.values { try Self.rejectDuplicates(list.map { ($0.variable, $0.index) }) }
        phoneColumns = phones.map { phone in
            PhoneColumn(index: phone.index, name: fields[phone.index], variables: perNumber[phone.slot] ?? [])
        }
        variableColumns = shared
    }

    /// `NAME_2` → (`NAME`, 2); `nil` unless the name ends in `_<N>` with N ≥ 2.
    private static func splitSuffix(_ name: String) -> (String, Int)? {
        guard let underscore = name.lastIndex(of: "_"), let slot = Int(name[name.index(after: underscore)...]),
            slot >= 2, underscore > name.startIndex
        else { return nil }
        return (String(name[..<underscore]), slot)
    }

    private static func rejectDuplicates(_ entries: [(String, Int)]) throws(ContactImportError) {
        var seen: [String: Int] = [:]
        for (name, index) in entries {
            if let earlier = seen[name] { throw .duplicateColumn(name: name, columns: [earlier + 1, index + 1]) }
            seen[name] = index
        }
    }
}
