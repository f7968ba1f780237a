import Foundation
import Testing

@testable import CampaignCore

/// A random JSON value: nested objects and arrays, whole and fractional numbers, strings with quotes, escapes,
/// control characters and non-ASCII text.
private func randomValue(_ random: inout SeededRandom, depth: Int = 0) -> JSONValue {
    let kind = random.integer(in: 0...(depth > 3 ? 3 : 5))
    switch kind {
    case 0: return .null
    case 1: return .bool(random.integer(in: 0...1) == 1)
    case 2:
        return random.integer(in: 0...1) == 0
            ? .number(Double(random.integer(in: -1_000_000...1_000_000))) : .number((random.unit() - 0.5) * 1e6)
    case 3:
        let alphabet: [Unicode.Scalar] = ["a", "Z", "\"", "\\", "/", "\u{0}", "\u{7}", "\n", "é", "→", "😀", " "]
        var text = ""
        for _ in 0..<random.integer(in: 0...8) { text.unicodeScalars.append(alphabet[random.integer(in: 0...11)]) }
        return .string(text)
    case 4: return .array((0..<random.integer(in: 0...4)).map { _ in randomValue(&random, depth: depth + 1) })
    default:
        var fields: [String: JSONValue] = [:]
        for index in 0..<random.integer(in: 0...4) {
            fields["k\(index)\u{e9}"] = randomValue(&random, depth: depth + 1)
        }
        return .object(fields)
    }
}

private func readError(_ bytes: [UInt8]) -> SettingsError? {
    do {
        _ = try JSONReader.read(bytes)
        return nil
    } catch {
        return error
    }
}

private func readError(_ text: String) -> SettingsError? { readError(Array(text.utf8)) }

@Suite struct JSONReaderTests {
    /// What JSONEncoder writes, the reader reads back as the same value.
    @Test(arguments: 0..<4)
    func readsBackWhatAnEncoderWrites(_ seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) + 11)
        for _ in 0..<300 {
            let value = JSONValue.object(["root": randomValue(&random)])
            let data = try JSONEncoder().encode(value)
            #expect(try JSONReader.read(data) == value, "\(String(decoding: data, as: UTF8.self))")
        }
    }

    @Test func acceptsAByteOrderMarkAndEscapes() throws {
        #expect(try JSONReader.read([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8)) == .object(["a": .number(1)]))
        #expect(try JSONReader.read(Array(#"["\ud83d\ude00\u00e9\/"]"#.utf8)) == .array([.string("😀é/")]))
    }

    @Test(arguments: [
        (#"{"concurrency": 1e400}"#, "concurrency", "too large"),
        (#"{"retry": {"on": [1, -1E+999]}}"#, "retry.on[1]", "too large"),
        (#"{"concurrency": 5, "concurrency": 6}"#, "concurrency", "given twice"),
        (#"{"a": 007}"#, "a", "cannot start with 0"),
        (#"{"a": 1,}"#, "", "key in double quotes"),
        (#"{"a": [1 2]}"#, "a[0]", "expected ',' or ']'"),
        (#"{"a": tru}"#, "a", "expected a value"),
        (#"{"a": "\ud800"}"#, "a", "surrogate"),
        (#"{"a": "\x"}"#, "a", "bad escape"),
        ("{\"a\": \"bell\u{7}\"}", "a", "raw control character"),
        (#"{"a": "open"#, "a", "not closed"),
        (#"{"a": 1} {}"#, "", "after the document"),
        ("", "", "empty"),
        ("   ", "", "empty"),
        (#"{"a": -}"#, "a", "expected digits"),
        (#"{"a": 1.}"#, "a", "after the decimal point"),
        (#"{"a": 1e}"#, "a", "exponent"),
        (#"{a: 1}"#, "", "key in double quotes"),
    ])
    func namesTheKeyAndTheProblem(_ text: String, _ key: String, _ words: String) {
        let error = readError(text)
        #expect(error?.key == key, "\(String(describing: error))")
        #expect(error?.reason.contains(words) == true, "\(String(describing: error))")
    }

    @Test func invalidUTF8IsNamedUnderItsKey() {
        let inValue = Array(#"{"name": ""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect(readError(inValue) == SettingsError(key: "name", reason: "is not UTF-8 text"))
        let inKey = Array(#"{"agent": {""#.utf8) + [0xFF] + Array(#"": 1}}"#.utf8)
        #expect(readError(inKey) == SettingsError(key: "agent", reason: "has a key that is not UTF-8 text"))
        let outside = Array(#"{"a": "#.utf8) + [0xFF]
        #expect(readError(outside)?.reason.contains("the byte 0xFF") == true)
        let settings = CampaignSettings.self
        #expect(throws: SettingsError(key: "name", reason: "is not UTF-8 text")) {
            try settings.parse(Data(inValue), numbers: WellFormedNumbers())
        }
    }

    @Test func deepNestingIsRefusedWithoutExhaustingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(readError(#"{"a": \#(deep)}"#)?.reason.contains("nested more than 32 levels") == true)
        let fine = String(repeating: "[", count: 31) + String(repeating: "]", count: 31)
        #expect(readError(#"{"a": \#(fine)}"#) == nil)
    }

    @Test func errorsArePrintableAndOneLine() {
        let error = SettingsError(key: "window.timezone\u{1b}", reason: "'Europe/London\u{1b}[31m\n\u{202e}' is bad")
        #expect(error.key == "window.timezone\\u{1b}")
        #expect(error.reason == "'Europe/London\\u{1b}[31m\\u{a}\\u{202e}' is bad")
        #expect(SettingsError.quoted(String(repeating: "x", count: 500)).count == SettingsError.quotedLength + 3)
    }
}
