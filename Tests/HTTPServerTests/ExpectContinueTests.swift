import Foundation
import HTTPServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Expect: 100-continue on a real listening socket")
struct ExpectContinueTests {
    @Test("an upload that asks for 100 Continue gets it before sending its body, then the import report")
    func continueBeforeTheBody() async throws {
        try await APIHarness.run(.live) { harness, client in
            let port = try #require(client.port)
            let draft = try await APIHarness.campaign(in: harness.store, orgId: harness.orgA, name: "Upload", leads: 0)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbound-expect-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("contacts.csv")
            var csv = "phone_number,name\n"
            for index in 0..<2_000 { csv += "+1212555\(String(format: "%04d", index)),Contact \(index)\n" }
            try csv.write(to: file, atomically: true, encoding: .utf8)

            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            // --expect100-timeout is long: without the server's 100 Continue curl would wait that long, then send the
            // body anyway; the verbose log says which happened.
            process.arguments = [
                "curl", "-sS", "-v", "-o", folder.appendingPathComponent("report.json").path, "-w", "%{http_code}",
                "-X", "PUT", "--data-binary", "@\(file.path)", "-H", "Expect: 100-continue",
                "--expect100-timeout", "60", "-H", "Content-Type: text/csv", "-H",
                "Authorization: Bearer \(harness.keys["a.operator"] ?? "")",
                "http://127.0.0.1:\(port)/v1/campaigns/\(draft)/contacts",
            ]
            let output = Pipe()
            let log = Pipe()
            process.standardOutput = output
            process.standardError = log
            try process.run()
            let status = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let verbose = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(status == "200", "\(verbose)")
            #expect(verbose.contains("< HTTP/1.1 100 Continue"), "\(verbose)")
            let report =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: folder.appendingPathComponent("report.json"))) as? [String: Any]
            #expect(report?["imported"] as? Int == 2_000)
        }
    }
}
