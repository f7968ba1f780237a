import Foundation

/// The rules an agent's fields follow (SPEC §11), and what its texts render to for sample variables (SPEC §7).
public enum AgentRules {
    /// The longest name.
    public static let nameLimit = 200
    /// The longest greeting, prompt or voicemail message.
    public static let textLimit = 20_000

    /// Every offending field of an agent, named by its API name; empty when it may be stored.
    public static func problems(profile: AgentProfile, streamUrl: String?) -> [SettingsError] {
        var problems: [SettingsError] = []
        let name = profile.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || profile.name.count > nameLimit {
            problems.append(SettingsError(key: "name", reason: "must be 1 to \(nameLimit) characters"))
        }
        for (key, text) in [
            ("greeting", profile.greeting), ("prompt", profile.prompt), ("voicemailMessage", profile.voicemailMessage),
        ] where text.count > textLimit {
            problems.append(SettingsError(key: key, reason: "is longer than \(textLimit) characters"))
        }
        if let streamUrl, let reason = streamUrlProblem(streamUrl) {
            problems.append(SettingsError(key: "streamUrl", reason: reason))
        }
        return problems
    }

    /// Nil when `text` is an absolute `ws://` or `wss://` URL with a host.
    public static func streamUrlProblem(_ text: String) -> String? {
        guard text.count <= 2_000, let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "ws" || scheme == "wss", let host = url.host, !host.isEmpty,
            !text.contains(where: { $0.isWhitespace })
        else { return "must be a ws:// or wss:// URL, got \(SettingsError.quoted(text))" }
        return nil
    }

    /// The greeting, prompt and voicemail message rendered with `variables` (`NAME` empty or missing → `there`,
    /// any other missing variable → empty).
    public static func preview(_ profile: AgentProfile, variables: [String: String]) -> [String: String] {
        [
            "greeting": Template(profile.greeting).render(variables),
            "prompt": Template(profile.prompt).render(variables),
            "voicemailMessage": Template(profile.voicemailMessage).render(variables),
        ]
    }

    /// The CSV template of SPEC §2 for an agent using `variables`: `phone_number`, `name`, one column per other
    /// variable, then one example row.
    public static func csvTemplate(variables: [String]) -> String {
        let header = Template.csvTemplateHeader(variables: variables)
        let columns = header.split(separator: ",").map(String.init)
        let example = columns.map { column -> String in
            switch column {
            case "phone_number": return "+14155550123"
            case "name": return "Alex Example"
            default: return "example \(column.replacingOccurrences(of: "_", with: " "))"
            }
        }
        return header + "\n" + CSVLine.line(example) + "\n"
    }
}
