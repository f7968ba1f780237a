import CampaignCore
import Foundation
import Testing

@testable import ContactImport

/// Checks the hand-written pattern matcher against NSRegularExpression on every pattern of
/// the bundled metadata, with strings drawn from the pattern itself and random ones.
@Suite struct DigitPatternTests {
    /// The project's seeded generator (SplitMix64), so failures reproduce.
    typealias SeededGenerator = SeededRandom

    static func allPatterns() throws -> [String] {
        let url = try #require(PhoneMetadata.bundledURL())
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let territories = try #require(json?["territories"] as? [[String: Any]])
        var patterns = Set<String>()
        for territory in territories {
            for key in ["idd", "npp", "ld"] {
                if let pattern = territory[key] as? String { patterns.insert(pattern) }
            }
            for case let description as [String: Any] in (territory["d"] as? [String: Any] ?? [:]).values {
                if let pattern = description["p"] as? String { patterns.insert(pattern) }
            }
        }
        return patterns.sorted()
    }

    /// A string the pattern is likely to accept: a random walk through its program.
    static func sample(_ pattern: DigitPattern, using rng: inout SeededGenerator) -> [UInt8] {
        var output: [UInt8] = []
        var pc = 0
        for _ in 0..<400 {
            let instruction = pattern.program[pc]
            switch instruction.op {
            case .digit:
                let digits = (0..<10).filter { (instruction.a >> $0) & 1 == 1 }
                output.append(UInt8(48 + digits.randomElement(using: &rng)!))
                pc += 1
            case .split: pc = Int(Bool.random(using: &rng) ? instruction.a : instruction.b)
            case .jump: pc = Int(instruction.a)
            case .save, .end: pc += 1
            case .match: return output
            }
        }
        return output
    }

    @Test func matchesLikeNSRegularExpressionOnMetadataPatterns() throws {
        var rng = SeededRandom(seed: 42)
        var disagreements: [String] = []
        var positives = 0
        let patterns = try Self.allPatterns()
        #expect(patterns.count > 1_000)
        for source in patterns {
            let compiled = try DigitPattern(source)
            let full = try NSRegularExpression(pattern: "^(?:\(source))$")
            let prefix = try NSRegularExpression(pattern: "^(?:\(source))")
            var inputs: [[UInt8]] = []
            for _ in 0..<6 {
                var walk = Self.sample(compiled, using: &rng)
                inputs.append(walk)
                if !walk.isEmpty {
                    walk[Int.random(in: 0..<walk.count, using: &rng)] = UInt8(48 + Int.random(in: 0...9, using: &rng))
                    inputs.append(walk)
                    inputs.append(walk + [UInt8(48 + Int.random(in: 0...9, using: &rng))])
                }
            }
            for _ in 0..<4 {
                let length = Int.random(in: 0...17, using: &rng)
                inputs.append((0..<length).map { _ in UInt8(48 + Int.random(in: 0...9, using: &rng)) })
            }
            for input in inputs {
                let text = String(decoding: input, as: UTF8.self)
                let range = NSRange(location: 0, length: input.count)
                let expected = full.firstMatch(in: text, range: range) != nil
                if expected { positives += 1 }
                if compiled.fullMatch(input) != expected {
                    disagreements.append("full \(source) on \(text): expected \(expected)")
                }
                let reference = prefix.firstMatch(in: text, options: .anchored, range: range)
                if input.withUnsafeBufferPointer(compiled.hasPrefixMatch) != (reference != nil) {
                    disagreements.append("has prefix \(source) on \(text): expected \(reference != nil)")
                }
                let ours = compiled.prefixMatch(input)
                if ours?.end != reference.map({ $0.range.length }) {
                    disagreements.append("prefix \(source) on \(text): \(String(describing: ours?.end))")
                } else if let reference, let ours {
                    for group in 0..<compiled.captureCount {
                        let want = reference.range(at: group + 1)
                        let got = ours.groups[group].map { NSRange(location: $0.lowerBound, length: $0.count) }
                        if (want.location == NSNotFound ? nil : want) != got {
                            disagreements.append("group \(group + 1) of \(source) on \(text)")
                        }
                    }
                }
            }
        }
        #expect(positives > 5_000)
        #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(10))")
    }

    @Test(arguments: ["[2-9", "(?=1)", "\\w", "a", "1{3,2}", "1*?"])
    func rejectsSyntaxOutsideTheSubset(source: String) {
        #expect(throws: ContactImportError.self) { try DigitPattern(source) }
    }

    @Test func handlesQuantifiersGroupsAndAnchors() throws {
        let pattern = try DigitPattern("(?:1[2-4]|5)\\d{2,3}")
        #expect(pattern.fullMatch(Array("1299".utf8)))
        #expect(pattern.fullMatch(Array("5123".utf8)))
        #expect(!pattern.fullMatch(Array("1599".utf8)))
        #expect(!pattern.fullMatch(Array("512345".utf8)))
        let anchored = try DigitPattern("([2-9]\\d{2})$|1")
        #expect(anchored.prefixMatch(Array("234".utf8))?.groups.first! == 0..<3)
        #expect(anchored.prefixMatch(Array("1234".utf8))?.end == 1)
        #expect(anchored.prefixMatch(Array("1234".utf8))?.groups.first! == nil)
        #expect(anchored.prefixMatch(Array("0234".utf8)) == nil)
        #expect(anchored.fullMatch(Array("234".utf8)) && anchored.fullMatch(Array("1".utf8)))
        #expect(!anchored.fullMatch(Array("1234".utf8)))
        let hasPrefix = { (text: String) in Array(text.utf8).withUnsafeBufferPointer(anchored.hasPrefixMatch) }
        #expect(hasPrefix("1234") && hasPrefix("234"))
        #expect(!hasPrefix("2345") && !hasPrefix("0234") && !hasPrefix(""))
    }
}
