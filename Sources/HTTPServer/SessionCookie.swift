import Foundation
import HTTPTypes
import Hummingbird
import OutboundApp

/// The dashboard's cookies: `outbound_session` (the session token) and `outbound_signin` (the sign-in form's CSRF
/// token, before there is a session). Both `HttpOnly`, `SameSite=Lax`, `Path=/`, and `Secure` when the server was
/// started with `--secure-cookies` (it sits behind HTTPS); `X-Forwarded-Proto` is not trusted to decide it.
enum SessionCookie {
    static let name = "outbound_session"
    static let signInName = "outbound_signin"

    /// The `Set-Cookie` value that stores `value` under `name` for `maxAge` seconds.
    static func set(_ name: String, _ value: String, maxAge: Int, secure: Bool) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }

    /// The `Set-Cookie` value that removes the cookie `name`.
    static func clear(_ name: String, secure: Bool) -> String { set(name, "", maxAge: 0, secure: secure) }

    /// The cookie's value on the request, if sent.
    static func value(_ name: String, in request: Request) -> String? {
        request.cookies[name]?.value
    }

    /// `Set-Cookie` for a new session.
    static func start(token: String, services: ServerServices) -> HTTPFields {
        [.setCookie: set(name, token, maxAge: Int(services.signInPolicy.lifetime), secure: services.secureCookies)]
    }
}
