import Foundation
import Testing

@testable import MediaCore

/// The detector on the generated set of `scripts/amd_corpus.py` (espeak-ng voices and sox; scripts/test-all.sh
/// installs both): every clip classified, the confusion matrix printed and checked per split.
@Suite("Machine detection on generated voices: tuned set and held-out set")
struct MachineDetectorCorpusTests {
    struct Clip {
        var name: String
        var truth: MachineDetector.Verdict
        var split: String
        var decision: MachineDetector.Decision
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/amd_corpus.py")

    /// Generates the set into a temporary folder and classifies every clip.
    static func classify() throws -> [Clip] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbound-amd-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, folder.path]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CorpusFailure(
                description: "amd_corpus.py failed (espeak-ng and sox are needed; scripts/test-all.sh installs them): "
                    + message)
        }
        let manifest = try String(contentsOf: folder.appendingPathComponent("manifest.tsv"), encoding: .utf8)
        return try manifest.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: "\t").map(String.init)
            let audio = try Data(contentsOf: folder.appendingPathComponent(fields[0] + ".ul"))
            var detector = MachineDetector()
            var decision = detector.hear(audio)
            if decision == nil { decision = detector.hearSilence(milliseconds: 4_000) }
            return Clip(
                name: fields[0], truth: MachineDetector.Verdict(rawValue: fields[1]) ?? .unknown, split: fields[2],
                decision: decision ?? .init(verdict: .unknown, afterMilliseconds: 0))
        }
    }

    struct CorpusFailure: Error, CustomStringConvertible {
        var description: String
    }

    @Test("right on the tuned set; on the held-out set at least 95 % right, 90 % of people decided human in time")
    func confusionMatrix() throws {
        let clips = try Self.classify()
        #expect(clips.count > 200)
        for split in ["tune", "heldout"] {
            let chosen = clips.filter { $0.split == split }
            var matrix: [String: Int] = [:]
            for clip in chosen { matrix["\(clip.truth.rawValue)→\(clip.decision.verdict.rawValue)", default: 0] += 1 }
            print(
                "AMD \(split) (\(chosen.count) clips): "
                    + matrix.keys.sorted().map { "\($0) \(matrix[$0]!)" }.joined(separator: ", "))
            // unknown is treated as human (SPEC §12).
            let right = chosen.filter { ($0.decision.verdict == .machine) == ($0.truth == .machine) }
            let people = chosen.filter { $0.truth == .human }
            let peopleDecided = people.filter { $0.decision.verdict == .human }
            #expect(chosen.allSatisfy { $0.decision.afterMilliseconds <= 4_000 }, "every decision within 4 s")
            if split == "tune" {
                #expect(
                    right.count == chosen.count, "\(chosen.filter { !right.map(\.name).contains($0.name) }.map(\.name))"
                )
            } else {
                #expect(Double(right.count) >= 0.95 * Double(chosen.count), "\(right.count) of \(chosen.count)")
                #expect(Double(peopleDecided.count) >= 0.9 * Double(people.count))
                let machines = chosen.filter { $0.truth == .machine }
                #expect(machines.filter { $0.decision.verdict == .human }.count <= machines.count / 20)
            }
            let times = peopleDecided.map(\.decision.afterMilliseconds).sorted()
            if !times.isEmpty {
                print(
                    "AMD \(split): people decided human after \(times[times.count / 2]) ms (median), \(times.last!) ms at most"
                )
            }
        }
    }
}
