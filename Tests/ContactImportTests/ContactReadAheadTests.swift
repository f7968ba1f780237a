import Foundation
import Testing

@testable import ContactImport

@Suite struct ContactReadAheadTests {
    static func reader(_ path: String) throws -> ContactRowReader {
        let options = ContactRowReader.Options(defaultRegion: "US", defaultTimeZone: "America/Chicago")
        return try ContactRowReader(path: path, options: options, metadata: FixtureLoader.metadata)
    }

    @Test(arguments: [1, 2, 3, 1024])
    func rowsComeInFileOrderWhateverTheBatchSize(batchSize: Int) async throws {
        for fixture in ["convention1-alternates.csv", "quoted-newlines.csv", "ragged.csv", "timezone-column.csv"] {
            let (_, expected) = try ContactRowReaderTests.rows(fixture)
            let rows = ContactReadAhead(try Self.reader(try FixtureLoader.path(fixture)), batchSize: batchSize)
            var received: [ContactRow] = []
            while let batch = try await rows.next() {
                #expect(!batch.isEmpty && batch.count <= batchSize)
                received += batch
            }
            await rows.close()
            #expect(received == expected, "\(fixture), batches of \(batchSize)")
        }
    }

    @Test func aLongFileIsReadWhileTheConsumerStillWorks() async throws {
        let path = FixtureLoader.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let count = 5_000
        let lines = ["phone_number,name"] + (0..<count).map { "+1415555\(String(format: "%04d", $0)),Person \($0)" }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let rows = ContactReadAhead(try Self.reader(path), batchSize: 64)
        var lineNumbers: [Int] = []
        while let batch = try await rows.next() {
            for case .contact(let contact) in batch { lineNumbers.append(contact.sourceLine) }
        }
        await rows.close()
        #expect(lineNumbers == Array(2...(count + 1)))
    }

    @Test(arguments: [1, 2, 64])
    func anUnreadableFileFailsAfterTheRowsBeforeTheFault(batchSize: Int) async throws {
        let path = FixtureLoader.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = "phone_number,name\n+14155550100,Ann\n+14155550101,Bob\n+14155550102,Cy\n+14155550103,\"Dee\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let rows = ContactReadAhead(try Self.reader(path), batchSize: batchSize)
        var received: [ContactRow] = []
        do {
            while let batch = try await rows.next() { received += batch }
            Issue.record("the unterminated quote was not reported")
        } catch let error as ContactImportError {
            #expect(error == .unterminatedQuote(line: 5, column: 2))
        }
        await rows.close()
        #expect(received.count == 3)
    }

    @Test func closingEarlyStopsTheReadingTask() async throws {
        let path = FixtureLoader.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let lines = ["phone_number"] + (0..<20_000).map { "+1415555\(String(format: "%04d", $0 % 10_000))" }
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let rows = ContactReadAhead(try Self.reader(path), batchSize: 16)
        let first = try await rows.next()
        #expect(first?.count == 16)
        await rows.close()
        #expect(try await rows.next() == nil)
    }
}
