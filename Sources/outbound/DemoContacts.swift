import CampaignCore
import Foundation

/// The demo's bundled contact list (`phone_number,name,timezone,case number`, no quoting), read through a
/// deliberately simple path: real uploads go through `outbound import`.
enum DemoContacts {
    static func load() throws -> [NewLead] {
        guard
            let url = Bundle.module.url(forResource: "demo-contacts", withExtension: "csv", subdirectory: "Resources"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { throw CommandFailure("the bundled demo contact list is missing from this build") }
        var leads: [NewLead] = []
        for (index, line) in text.split(separator: "\n").enumerated().dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { continue }
            leads.append(
                NewLead(
                    sourceLine: index + 1, numbers: [fields[0]], timezones: [fields[2]], timezoneSource: "column",
                    variables: ["NAME": fields[1], "CASE_NUMBER": fields[3]]))
        }
        return leads
    }
}
