import ContactImport
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An import's error file (`line,column,reason`): created exclusively (never over anything) when the import starts,
/// written as it runs, removed again when the import does not commit, since then it describes nothing.
final class ProblemFile {
    private let path: String
    private let handle: FileHandle
    private var buffer = ""

    /// Creates the file; refuses anything already at `path`.
    init(path: String) throws(ImportJobError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .errorFileNotCreated(path: path, reason: String(cString: strerror(errno)))
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        self.path = path
        buffer = RowProblemCSV.header + "\r\n"
    }

    /// Adds one problem's line.
    func write(_ problem: RowProblem) throws {
        buffer += RowProblemCSV.line(for: problem)
        buffer += "\r\n"
        if buffer.utf8.count >= 1 << 16 { try drain() }
    }

    private func drain() throws {
        try handle.write(contentsOf: Data(buffer.utf8))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and closes the file.
    func commit() throws {
        try drain()
        try handle.synchronize()
        try handle.close()
    }

    /// Closes and removes the file.
    func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: path)
    }
}
