/// The server-rendered sign-in page at `/`: a form posting `email`, `password` and the form's CSRF token to
/// `/sign-in` (once signed in, `/` shows the dashboard's campaign list).
enum SignInPage {
    /// The sign-in form carrying `csrf`, with `message` above it when a sign-in was refused.
    static func signIn(csrf: String, message: String? = nil) -> String {
        page(
            title: "Sign in",
            body: """
                \(message.map { "<p role=\"alert\">\(escape($0))</p>" } ?? "")
                <form method="post" action="/sign-in">
                <input type="hidden" name="csrf" value="\(escape(csrf))">
                <label>Email <input type="email" name="email" autocomplete="username" required></label>
                <label>Password <input type="password" name="password" autocomplete="current-password" required></label>
                <button type="submit">Sign in</button>
                </form>
                """)
    }

    static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>\(escape(title)) · Outbound</title>
        <style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto}label{display:block;margin:.5rem 0}
        input{display:block;width:100%}</style></head>
        <body><h1>\(escape(title))</h1>
        \(body)
        </body></html>

        """
    }

    /// `text` safe inside HTML text and double-quoted attributes.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
