import CampaignCore
import Foundation
import OutboundApp

/// The JSON append of contacts (`{"contacts": [{"phoneNumber", "alternates", "variables", "timezone"}]}`), turned into
/// the CSV the import job reads (`phone_number`, `phone_number_2`…, `timezone`, one column per variable), so a
/// contact sent as JSON is checked exactly like one in a file. Line N of the CSV is `contacts[N - 2]`.
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
        var rows: [(numbers: [String], timezone: String, variables: [String: String])] = []
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
            var numbers = [primary]
            if let alternates = contact["alternates"] {
                guard case .array(let list) = alternates, list.count <= 9 else {
                    throw Problem.badField("\(path).alternates", "must be an array of at most 9 strings")
                }
                for (slot, item) in list.enumerated() {
                    guard case .string(let number) = item else {
                        throw Problem.badField("\(path).alternates[\(slot)]", "expected a string")
                    }
                    numbers.append(number)
                }
            }
            var timezone = ""
            if let zone = contact["timezone"] {
                guard case .string(let text) = zone else {
                    throw Problem.badField("\(path).timezone", "expected a string")
                }
                timezone = text
            }
            var variables: [String: String] = [:]
            if let object = contact["variables"] {
                guard case .object(let entries) = object else {
                    throw Problem.badField("\(path).variables", "expected an object of strings")
                }
                for (name, item) in entries {
                    guard case .string(let text) = item else {
                        throw Problem.badField("\(path).variables.\(name)", "expected a string")
                    }
                    let normalized = Template.normalizedName(name)
                    guard !normalized.isEmpty, !reserved(normalized) else {
                        throw Problem.badField("\(path).variables.\(name)", "is not a variable name a contact may have")
                    }
                    guard variables[normalized] == nil else {
                        throw Problem.badField("\(path).variables.\(name)", "names \(normalized) twice")
                    }
                    variables[normalized] = text
                    names.insert(normalized)
                }
            }
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
            var cells = (0..<slots).map { $0 < row.numbers.count ? row.numbers[$0] : "" }
            if zoned { cells.append(row.timezone) }
            cells += columns.map { row.variables[$0] ?? "" }
            lines.append(cells.map(cell).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
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
