import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output and standard error, written with `write(2)`. A failed write to standard output (disk full, a
/// closed pipe) is a ``CommandFailure``, never a trap as `FileHandle.write(_:)` is on Linux; a failed write to
/// standard error has nowhere to be reported and is dropped.
enum Console {
    /// Writes `text` to standard output.
    static func out(_ text: String) throws {
        var text = text
        try text.withUTF8 { bytes in
            guard writeAll(STDOUT_FILENO, bytes) else {
                throw CommandFailure("standard output: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Writes `text` and a line break to standard output.
    static func line(_ text: String) throws { try out(text + "\n") }

    /// Writes `text` to standard error, if it can.
    static func error(_ text: String) {
        var text = text
        text.withUTF8 { _ = writeAll(STDERR_FILENO, $0) }
    }

    /// Every byte, retrying after signals and partial writes; false (with `errno` set) on a failure.
    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard var next = bytes.baseAddress else { return true }
        var left = bytes.count
        while left > 0 {
            let written = write(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            next += written
            left -= written
        }
        return true
    }
}
