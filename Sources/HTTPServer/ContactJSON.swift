import CampaignCore
import Foundation
import OutboundApp

/// The JSON append of contacts (`{"contacts": [{"phoneNumber", "alternates", "variables", "timezone"}]}`, an alternate
/// a string or `{"number", "variables"}`), turned into the CSV the import job reads (`phone_number`,
/// `phone_number_2`…, `timezone`, one column per variable, `NAME_2`… for an alternate's own), so a contact sent as
/// JSON is checked exactly like one in a file. Line N of the CSV is `contacts[N - 2]`; column `phone_number_K` is
/// `alternates[K - 2]`.
enum ContactJSON {
    /// The most contacts one request appends.
    static let limit = 10_000

    /// The CSV of the body's contacts; every refusal names its field (`contacts[3].phoneNumber`).
    static func csv(_ fields: [String: JSONValue]) throws -> String {
        guard case .array(let contacts)? = fields["contacts"] else {
            throw Problem.badField("contacts", "is required: an array of contacts")
        }
        guard (1...limit).contains(contacts.count) else {
            throw Problem.badField("contacts", "must hold 1 to \(limit) contacts, got \(contacts.count)")
        }
        var rows: [(numbers: [Number], timezone: String, variables: [String: String])] = []
        var names = Set<String>()
        for (index, value) in contacts.enumerated() {
            let path = "contacts[\(index)]"
            guard case .object(let contact) = value else {
                throw Problem.badField(path, "expected an object, found \(value.typeName)")
            }
            let allowed: Set<String> = ["phoneNumber", "alternates", "variables", "timezone"]
            if let unknown = contact.keys.sorted().first(where: { !allowed.contains($0) }) {
                throw Problem.badField("\(path).\(unknown)", "unknown field")
            }
            guard case .string(let primary)? = contact["phoneNumber"] else {
                throw Problem.badField("\(path).phoneNumber", "is required: a string")
            }
            var numbers = [(number: primary, variables: [String: String]())]
            if let alternates = contact["alternates"] {
                guard case .array(let list) = alternates, list.count <= 9 else {
                    throw Problem.badField(
                        "\(path).alternates", "must be an array of at most 9 numbers (strings or objects)")
                }
                for (slot, item) in list.enumerated() {
                    let alternate = try Self.alternate(item, path: "\(path).alternates[\(slot)]")
                    numbers.append(alternate)
                    names.formUnion(alternate.variables.keys.map { "\($0)_\(slot + 2)" })
                }
            }
            var timezone = ""
            if let zone = contact["timezone"] {
                guard case .string(let text) = zone else {
                    throw Problem.badField("\(path).timezone", "expected a string")
                }
                timezone = text
            }
            let variables = try Self.variables(contact["variables"], path: "\(path).variables")
            names.formUnion(variables.keys)
            rows.append((numbers, timezone, variables))
        }
        let slots = rows.map(\.numbers.count).max() ?? 1
        let zoned = rows.contains { !$0.timezone.isEmpty }
        let columns = names.sorted()
        var header = ["phone_number"] + (1..<max(slots, 1)).map { "phone_number_\($0 + 1)" }
        if zoned { header.append("timezone") }
        header += columns
        var lines = [header.map(cell).joined(separator: ",")]
        for row in rows {
            var cells = (0..<slots).map { $0 < row.numbers.count ? row.numbers[$0].number : "" }
            if zoned { cells.append(row.timezone) }
            cells += columns.map { column in
                if let value = row.variables[column] { return value }
                guard let (name, slot) = Self.alternateColumn(column), slot <= row.numbers.count else { return "" }
                return row.numbers[slot - 1].variables[name] ?? ""
            }
            lines.append(cells.map(cell).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One of a contact's numbers with the variables for calls to it.
    typealias Number = (number: String, variables: [String: String])

    /// An alternate: a number, or `{"number", "variables"}` (the variables of calls to that number, the JSON form of
    /// a file's `name_2` columns).
    static func alternate(_ item: JSONValue, path: String) throws -> Number {
        switch item {
        case .string(let number):
            return (number, [:])
        case .object(let fields):
            if let unknown = fields.keys.sorted().first(where: { $0 != "number" && $0 != "variables" }) {
                throw Problem.badField("\(path).\(unknown)", "unknown field")
            }
            guard case .string(let number)? = fields["number"] else {
                throw Problem.badField("\(path).number", "is required: a string")
            }
            return (number, try variables(fields["variables"], path: "\(path).variables"))
        default:
            throw Problem.badField(path, "expected a number as a string or an object, found \(item.typeName)")
        }
    }

    /// Variables by normalised name; every refusal names its field.
    static func variables(_ value: JSONValue?, path: String) throws -> [String: String] {
        guard let value else { return [:] }
        guard case .object(let entries) = value else {
            throw Problem.badField(path, "expected an object of strings")
        }
        var variables: [String: String] = [:]
        for (name, item) in entries.sorted(by: { $0.key < $1.key }) {
            guard case .string(let text) = item else {
                throw Problem.badField("\(path).\(name)", "expected a string")
            }
            let normalized = Template.normalizedName(name)
            guard !normalized.isEmpty, !reserved(normalized) else {
                throw Problem.badField("\(path).\(name)", "is not a variable name a contact may have")
            }
            guard variables[normalized] == nil else {
                throw Problem.badField("\(path).\(name)", "names \(normalized) twice")
            }
            variables[normalized] = text
        }
        return variables
    }

    /// `NAME_3` → (`NAME`, 3): the column of a variable of alternate 3 (the contact's third number).
    static func alternateColumn(_ column: String) -> (String, Int)? {
        guard let underscore = column.lastIndex(of: "_"), let slot = Int(column[column.index(after: underscore)...]),
            slot >= 2
        else { return nil }
        return (String(column[..<underscore]), slot)
    }

    /// Names the reader would take for numbers or zones, or for an alternate's variable (`NAME_2`).
    static func reserved(_ name: String) -> Bool {
        if name.hasPrefix("PHONE") || name == "TIMEZONE" { return true }
        guard let last = name.split(separator: "_").last, name.contains("_") else { return false }
        return last.allSatisfy(\.isNumber)
    }

    /// One RFC 4180 cell, quoted when it must be. These cells go to the importer, not to a spreadsheet, so they are
    /// not neutralised (a leading `+` is a phone number here).
    static func cell(_ text: String) -> String {
        guard
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                || text != text.trimmingCharacters(in: .whitespaces)
        else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
