import CampaignCore
import Foundation

/// The rows of an import's error file (`line,column,reason`, RFC 4180).
struct ProblemRows {
    let line: Int
    let column: String
    let reason: String

    var json: JSONValue {
        .object([
            "line": .number(Double(line)), "column": column.isEmpty ? .null : .string(column),
            "reason": .string(reason),
        ])
    }

    /// The problems of the file at `path`, in file order; none when there is no file.
    static func read(path: String) -> [ProblemRows] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return records(text).dropFirst().compactMap { fields in
            guard fields.count == 3, let line = Int(fields[0]) else { return nil }
            return ProblemRows(line: line, column: fields[1], reason: fields[2])
        }
    }

    /// The records of CSV text: quoted fields may hold commas, quotes (doubled) and line breaks.
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if quoted {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = iterator.next()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",":
                fields.append(field)
                field = ""
            case "\r": continue
            case "\n":
                fields.append(field)
                records.append(fields)
                fields = []
                field = ""
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !fields.isEmpty { records.append(fields + [field]) }
        return records
    }
}
