/// A use case failed for a reason its caller can act on; `message` is one line, ready to show.
public struct AppFailure: Error, CustomStringConvertible, Sendable {
    /// The one-line reason.
    public let message: String

    /// A failure with `message` as its reason.
    public init(_ message: String) { self.message = message }

    /// The message, so that a failure describes itself as its reason.
    public var description: String { message }
}
