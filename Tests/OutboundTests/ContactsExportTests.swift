import CampaignStore
import Foundation
import Testing

@Suite("outbound contacts export and template")
struct ContactsExportTests {
    @Test func theExportHasTheSpecColumnsInListOrder() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, id) = try ContactFiles.draft(in: folder)
        let file = try ContactFiles.write(ContactFiles.messy, "messy.csv", in: folder)
        #expect(try CLI.run(["import", file, "--db", db, "--campaign", id], in: folder).status == 0)

        let output = try CLI.run(["contacts", "export", "--db", db, "--campaign", id], in: folder)
        #expect(output.status == 0 && output.stderr.isEmpty)
        #expect(
            output.stdout.hasPrefix(
                "contact_id,source_line,status,numbers,timezones,timezone_source,variables,blocked_by\n"))
        let records = ContactFiles.parseCSV(output.stdout)
        #expect(records.allSatisfy { $0.count == 8 }, "RFC 4180: quoted commas and line breaks stay in their field")
        let rows = Array(records.dropFirst())
        #expect(rows.map { $0[1] } == ["2", "3", "6", "9"], "source lines, in file order")
        #expect(rows.map { Int64($0[0])! } == rows.map { Int64($0[0])! }.sorted())
        #expect(rows.allSatisfy { $0[2] == "pending" })

        let ann = rows[0]
        #expect(ann[3] == "+14155550100|+442079460958", "primary first, then the alternate, in E.164")
        #expect(ann[4] == "America/Los_Angeles" && ann[5] == "number")
        #expect(
            ann[6] == #"{"CASE_NUMBER":"C1","NAME":"Ann","NOTES":""}"#, "a JSON object with sorted keys")

        let bob = rows[1]
        #expect(bob[4] == "Europe/Paris" && bob[5] == "column")
        #expect(try ContactFiles.json(bob[6])["CASE_NUMBER"] as? String == "C,2")
        #expect(try ContactFiles.json(bob[6])["NOTES"] as? String == "said \"hi\"")

        let carl = rows[2]
        #expect(carl[3] == "+12083201234", "the alternate another contact has is left out")
        #expect(carl[4] == "America/Boise|America/Los_Angeles", "a number that does not pin one zone keeps all")
        #expect(carl[5] == "number")
        #expect(try ContactFiles.json(carl[6])["NOTES"] as? String == "multi\r\nline note")

        let dee = rows[3]
        #expect(dee[4] == "America/New_York" && dee[5] == "number", "an unknown zone in the column is ignored")
    }

    @Test func statusesAreTheLeadStatusesWithWaitingReportedAsPending() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (db, id) = try await CLI.campaignWithContacts(in: folder, contacts: 24)
        let run = try CLI.run(
            [
                "simulate", "--db", db, "--campaign", id, "--from", "2026-03-09T14:00:00Z", "--until",
                "2026-03-09T16:00:00Z", "--seed", "3",
            ], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let store = try await SQLCampaignStore.openSQLite(path: db)
        let counts = try await store.leadCounts(campaignId: Int64(id)!)
        try await store.close()

        let rows = try ContactFiles.export(db: db, id: id, in: folder).dropFirst()
        #expect(rows.count == 24)
        let statuses = rows.map { $0[2] }
        #expect(Set(statuses).isSubset(of: ["pending", "in_progress", "completed", "failed", "excluded"]))
        #expect(statuses.filter { $0 == "pending" }.count == counts.pending, "waiting leads count as pending")
        #expect(statuses.filter { $0 == "completed" }.count == counts.completed)
    }

    @Test func theTemplateHasPhoneNumberNameAndEveryAgentVariable() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try ContactFiles.write(ContactFiles.settingsJSON, "campaign.json", in: folder)
        let fromConfig = try CLI.run(["contacts", "template", "--config", config], in: folder)
        #expect(fromConfig.status == 0)
        #expect(fromConfig.stdout == "phone_number,name,case_number,agent_phone\n")

        let (db, id) = try ContactFiles.draft(in: folder)
        let fromCampaign = try CLI.run(["contacts", "template", "--db", db, "--campaign", id], in: folder)
        #expect(fromCampaign.stdout == fromConfig.stdout)

        let template = try ContactFiles.write(
            fromConfig.stdout + "4155550123,Ada,C-9,+14155550100\n", "filled.csv", in: folder)
        let imported = try CLI.run(["import", template, "--db", db, "--campaign", id, "--json"], in: folder)
        #expect(try ContactFiles.json(imported.stdout)["imported"] as? Int == 1, "the template imports as it is")
    }
}

/// Contact files and campaigns for the import and export tests.
enum ContactFiles {
    static let settingsJSON = """
        {
          "name": "Import test",
          "agent": { "name": "Zara", "greeting": "Hi {{NAME}}, about case {{CASE_NUMBER}}.",
                     "voicemailMessage": "Please call {{ Agent Phone }}." },
          "numberPool": ["+14155550100"],
          "window": { "start": "09:00", "end": "18:00", "timezone": "recipient" }
        }
        """

    /// Nine data rows over ten lines (line 6 holds a line break in quotes): 4 imported, 1 duplicate, 4 rejected.
    static let messy =
        [
            "phone_number,name,case number,phone_number_2,name_2,timezone,notes",
            "(415) 555-0100,Ann,C1,+44 20 7946 0958,Ann work,,",
            #"415-555-0101,Bob,"C,2",,,Europe/Paris,"said ""hi""""#,
            "1-800-FLOWERS,Bad,C3,,,,",
            "(415) 555-0100,Ann again,C4,,,,",
            #"(208) 320-1234,Carl,C5,(415) 555-0101,,,"multi"#,
            #"line note""#,
            "+1 212 555 0188 x12,Ext,C6,,,,",
            "212-555-0199,Dee,C7,,,Mars/Olympus,",
            ",Nobody,C8,,,,",
            "312-555-01,Short,C9,,,,",
        ].joined(separator: "\r\n") + "\r\n"

    /// Writes `text` into `folder` and returns its path.
    @discardableResult
    static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// A draft made through the CLI from `settings`; returns the database path and the campaign id.
    static func draft(in folder: URL, settings: String = settingsJSON) throws -> (db: String, id: String) {
        let config = try write(settings, "campaign-\(UUID().uuidString).json", in: folder)
        let db = folder.appendingPathComponent("contacts.sqlite").path
        let created = try CLI.run(["campaign", "create", "--db", db, "--config", config], in: folder)
        guard created.status == 0 else { throw CLI.CommandError(output: created) }
        return (db, created.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// `outbound contacts export` parsed into records (header first).
    static func export(db: String, id: String, in folder: URL) throws -> [[String]] {
        let output = try CLI.run(["contacts", "export", "--db", db, "--campaign", id], in: folder)
        guard output.status == 0 else { throw CLI.CommandError(output: output) }
        return parseCSV(output.stdout)
    }

    /// RFC 4180: quoted fields with `""`, delimiters and line breaks inside; CRLF or LF line ends.
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.unicodeScalars.append(characters.removeFirst())
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                record.append(field)
                field = ""
            } else if character == "\n" || character == "\r" {
                if character == "\r" && characters.first == "\n" { characters.removeFirst() }
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.unicodeScalars.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty { records.append(record + [field]) }
        return records
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}

extension ContactFiles {
    static func writeAll(_ files: [String: String], in folder: URL) {
        for (name, text) in files { _ = try? write(text, name, in: folder) }
    }
}
