#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lock that tells a running import from an abandoned one, across processes: a `flock` on a file next to the
/// database (`<db>-import-lock`). Every running import holds it shared; cleaning up the chunks of abandoned imports
/// needs it exclusively, which succeeds only when no import runs anywhere. The kernel releases it when its process
/// dies, so a crashed import's chunks are cleaned by the next open or import.
///
/// A lock file of its own, not the database file: closing any descriptor of the database file would drop the
/// POSIX locks SQLite holds on it.
final class ImportLock: Sendable {
    /// The lock file's suffix after the database path.
    static let suffix = "-import-lock"

    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    /// Opens the lock of the database at `path` (creating its file) and takes it shared (`exclusive` false) or
    /// exclusively, without waiting; nil when another holder keeps it from being taken.
    static func take(databasePath path: String, exclusive: Bool) throws -> ImportLock? {
        let descriptor = open(path + suffix, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw StoreError.unavailable("cannot create the import lock '\(path)\(suffix)'") }
        guard flock(descriptor, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return ImportLock(descriptor: descriptor)
    }

    /// Turns an exclusive hold into a shared one (other imports may start again).
    func share() { _ = flock(descriptor, LOCK_SH) }

    /// Gives the lock up.
    func release() { close(descriptor) }
}
