/// A username and password for digest authentication.
public struct DigestCredentials: Equatable, Hashable, Sendable {
    /// The username.
    public var username: String
    /// The password.
    public var password: String

    /// Credentials.
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}
