import CampaignCore
import Foundation
import Testing

@Suite("JSONValue.jsonBytes writes what Foundation's JSONEncoder writes (sorted keys, slashes kept), without it")
struct JSONValueWritingTests {
    static func foundation(_ value: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func written(_ value: JSONValue) -> String { String(decoding: value.jsonBytes, as: UTF8.self) }

    @Test("hard cases: keys in byte order (upper case, digits, accents), escapes, control bytes, numbers at the edges")
    func hardCases() throws {
        let value = JSONValue.object([
            "aZ": .number(1), "ab": .number(2), "a10": .number(0.1), "a9": .number(1e20), "B": .number(1.5e-7),
            "é": .number(-0.0), "_x": .number(999_999_999_999_999), "z": .number(1e15), "A": .number(2.5e15),
            "url": .string("https://example.com/a?b=c"),
            "text": .string("q\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}é😀\u{2028}"),
            "list": .array([.null, .bool(true), .bool(false), .array([]), .object([:]), .number(-12.5)]),
        ])
        #expect(Self.written(value) == (try Self.foundation(value)))
        #expect(Self.written(.number(-3)) == "-3")
        #expect(Self.written(.number(.nan)) == "null")
        #expect(Self.written(.number(-.infinity)) == "null")
    }

    @Test("5,000 seeded random documents agree with JSONEncoder byte for byte and decode back to the same value")
    func agreesWithFoundation() throws {
        var random = SeededRandom(seed: 29)
        for _ in 0..<5_000 {
            let value = Self.randomValue(&random, depth: 0)
            let text = Self.written(value)
            #expect(text == (try Self.foundation(value)))
            #expect(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) == value)
        }
    }

    static let alphabet: [Character] = Array("aAzZ09_-/\"\\\n\t\u{1}\u{1f} é日😀.")

    static func randomString(_ random: inout SeededRandom) -> String {
        String((0..<random.integer(in: 0...8)).map { _ in alphabet[random.integer(in: 0...(alphabet.count - 1))] })
    }

    static func randomNumber(_ random: inout SeededRandom) -> Double {
        switch random.integer(in: 0...4) {
        case 0: Double(random.integer(in: -1_000_000...1_000_000))
        case 1: (random.unit() - 0.5) * pow(10, Double(random.integer(in: -12...22)))
        case 2: Double(random.integer(in: -2_000...2_000)) / 8
        case 3: Double(random.integer(in: 0...Int(1e16)))
        default: random.unit()
        }
    }

    static func randomValue(_ random: inout SeededRandom, depth: Int) -> JSONValue {
        switch random.integer(in: depth > 3 ? 0...3 : 0...5) {
        case 0: .null
        case 1: .bool(random.integer(in: 0...1) == 1)
        case 2: .number(randomNumber(&random))
        case 3: .string(randomString(&random))
        case 4: .array((0..<random.integer(in: 0...4)).map { _ in randomValue(&random, depth: depth + 1) })
        default:
            .object(
                Dictionary(
                    (0..<random.integer(in: 0...5)).map { _ in
                        (randomString(&random), randomValue(&random, depth: depth + 1))
                    }, uniquingKeysWith: { first, _ in first }))
        }
    }
}
