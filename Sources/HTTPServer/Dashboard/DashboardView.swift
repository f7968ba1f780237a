import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// The dashboard's templates (swift-mustache, HTML-escaped by default: `{{name}}` can never inject markup) and the
/// one layout every page is drawn in: navigation, who is signed in, sign-out, the notice or error of the last action.
enum DashboardView {
    /// The navigation, in order: address and label.
    static let navigation: [(path: String, label: String)] = [
        ("/campaigns", "Campaigns"), ("/agents", "Agents"), ("/numbers", "Numbers"), ("/carriers", "Carriers"),
        ("/opt-outs", "Opt-outs"),
        ("/api-keys", "API keys"), ("/users", "Users"), ("/audit", "Audit"), ("/webhooks", "Webhooks"),
    ]

    /// Every `.mustache` file of `DashboardResources/templates`, by name without the extension.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        guard
            let folder = Bundle.module.url(
                forResource: "templates", withExtension: nil, subdirectory: "DashboardResources"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return library }
        for name in names where name.hasSuffix(".mustache") {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else {
                continue
            }
            try? library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        return library
    }()

    /// `template` rendered with `context` inside the layout, for `user`, with the page `title`; `section` is the
    /// navigation entry shown as current. The request's `notice` and `error` query parameters appear above the page.
    static func page(
        _ template: String, title: String, section: String, user: DashboardUser, request: Request,
        context: [String: Any] = [:], status: HTTPResponse.Status = .ok
    ) -> Response {
        var values = context
        values["title"] = title
        values["email"] = user.session.email
        values["role"] = user.session.role.rawValue
        values["csrf"] = user.session.csrfToken
        values["nav"] = navigation.map { item in
            ["path": item.path, "label": item.label, "current": item.path == section] as [String: Any]
        }
        values["notice"] = request.uri.queryParameters["notice"].map(String.init).map(limited)
        values["error"] = request.uri.queryParameters["error"].map(String.init).map(limited)
        values["here"] = safePath(request.uri.description)
        let html = library.render(values, withTemplate: template) ?? "template \(template) is missing"
        return SignInPages.html(html, status: status)
    }

    /// A message from the address bar, cut to a sentence's length.
    static func limited(_ text: String) -> String { String(text.prefix(300)) }

    /// A 303 to `path` with `notice` or `error` in its query.
    static func redirect(_ path: String, notice: String? = nil, error: String? = nil) -> Response {
        var location = safePath(path)
        var query: [String] = []
        if let notice { query.append("notice=" + encode(notice)) }
        if let error { query.append("error=" + encode(error)) }
        if !query.isEmpty { location += (location.contains("?") ? "&" : "?") + query.joined(separator: "&") }
        return Response(status: .seeOther, headers: [.location: location])
    }

    /// `path` when it is a path of this server (`/…`, not `//…`), else `/campaigns`: a form's `back` field cannot
    /// send the browser elsewhere.
    static func safePath(_ path: String) -> String {
        guard path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"),
            !path.contains(where: { $0.isNewline })
        else { return "/campaigns" }
        let withoutMessages = path.split(separator: "?", maxSplits: 1)
        guard withoutMessages.count == 2 else { return path }
        let kept = withoutMessages[1].split(separator: "&").filter {
            !$0.hasPrefix("notice=") && !$0.hasPrefix("error=")
        }
        return String(withoutMessages[0]) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
    }

    /// `text` percent-encoded for a query value.
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
