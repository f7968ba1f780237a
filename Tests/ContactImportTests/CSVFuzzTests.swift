import CampaignCore
import Foundation
import Testing

@testable import ContactImport

/// Random CSV files parsed by ``CSVReader`` and by Python's `csv` module must give the same
/// records, the same start lines and the same verdict on unterminated quotes.
@Suite struct CSVFuzzTests {
    static let pieces = [
        "a", "b", "Z", "7", "é", "日本", "😀", " ", ",", ";", "\t", "\"", "\"\"", "\r", "\n", "\r\n", "x y", "",
    ]

    static func randomField(using rng: inout DigitPatternTests.SeededGenerator) -> String {
        (0..<Int.random(in: 0...5, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    static func quoted(_ field: String, delimiter: Character, mode: Int) -> String {
        let needs = field.contains(delimiter) || field.contains("\"") || field.contains("\n") || field.contains("\r")
        if mode == 2 || (mode == 1 && needs) { return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return field
    }

    /// One random file: well-quoted, always-quoted or raw (deliberately messy) fields.
    static func randomCSV(using rng: inout DigitPatternTests.SeededGenerator) -> (text: String, delimiter: CSVDelimiter)
    {
        let delimiter = CSVDelimiter.allCases.randomElement(using: &rng)!
        let mode = Int.random(in: 0...3, using: &rng) == 0 ? 0 : Int.random(in: 1...2, using: &rng)
        var text = Bool.random(using: &rng) && Int.random(in: 0...3, using: &rng) == 0 ? "\u{FEFF}" : ""
        let columns = Int.random(in: 1...5, using: &rng)
        for row in 0..<Int.random(in: 1...7, using: &rng) {
            let width = Int.random(in: 0...3, using: &rng) == 0 ? Int.random(in: 1...6, using: &rng) : columns
            let fields = (0..<width).map { _ in
                quoted(randomField(using: &rng), delimiter: delimiter.character, mode: mode)
            }
            if row > 0 { text += ["\n", "\r\n", "\r"].randomElement(using: &rng)! }
            text += fields.joined(separator: String(delimiter.character))
        }
        if Bool.random(using: &rng) { text += ["\n", "\r\n", "\r", "\n\n"].randomElement(using: &rng)! }
        return (text, delimiter)
    }

    static let pythonScript = """
        import csv, io, json, sys
        out = []
        for path, delimiter in json.load(sys.stdin):
            with open(path, encoding="utf-8-sig", newline="") as handle:
                data = handle.read() + "\\nSENTINEL"
            reader = csv.reader(io.StringIO(data, newline=""), delimiter=delimiter)
            rows, lines, last = [], [], 0
            for row in reader:
                if row:
                    rows.append(row)
                    lines.append(last + 1)
                last = reader.line_num
            closed = bool(rows) and rows[-1] == ["SENTINEL"]
            out.append({"rows": rows[:-1] if closed else [], "lines": lines[:-1] if closed else [], "closed": closed})
        json.dump(out, sys.stdout)
        """

    struct PythonResult: Decodable {
        let rows: [[String]]
        let lines: [Int]
        let closed: Bool
    }

    static func runPython(_ jobs: [(String, String)]) throws -> [PythonResult] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", pythonScript]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let request = try JSONSerialization.data(withJSONObject: jobs.map { [$0.0, $0.1] })
        input.fileHandleForWriting.write(request)
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try JSONDecoder().decode([PythonResult].self, from: data)
    }

    static func readAll(
        path: String, delimiter: CSVDelimiter?, chunkSize: Int
    ) -> Result<[CSVRecord], ContactImportError> {
        do {
            var reader = try CSVReader(path: path, options: .init(delimiter: delimiter, chunkSize: chunkSize))
            var records: [CSVRecord] = []
            while let record = try reader.next() { records.append(record) }
            return .success(records)
        } catch {
            return .failure(error)
        }
    }

    @Test(arguments: [1, 2, 3])
    func agreesWithPythonCSV(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        var cases: [(path: String, text: String, delimiter: CSVDelimiter)] = []
        for _ in 0..<250 {
            let (text, delimiter) = Self.randomCSV(using: &rng)
            let path = FixtureLoader.temporaryPath()
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            cases.append((path, text, delimiter))
        }
        defer { for item in cases { try? FileManager.default.removeItem(atPath: item.path) } }
        let expected = try Self.runPython(cases.map { ($0.path, String($0.delimiter.character)) })
        try #require(expected.count == cases.count)
        var unterminated = 0
        for (item, python) in zip(cases, expected) {
            let chunk = Int.random(in: 16...64, using: &rng)
            let outcome = Self.readAll(path: item.path, delimiter: item.delimiter, chunkSize: chunk)
            guard case .success(let records) = outcome else {
                unterminated += 1
                let isUnterminated: Bool
                if case .failure(.unterminatedQuote) = outcome { isUnterminated = true } else { isUnterminated = false }
                #expect(isUnterminated, "\(outcome)")
                #expect(
                    !python.closed, "only the Swift reader saw an unterminated quote: \(item.text.debugDescription)")
                continue
            }
            #expect(python.closed, "Python saw an unterminated quote in \(item.text.debugDescription)")
            #expect(records.map(\.fields) == python.rows, "\(item.text.debugDescription)")
            #expect(records.map(\.line) == python.lines, "\(item.text.debugDescription)")
        }
        #expect(unterminated < cases.count / 2)
    }
}
