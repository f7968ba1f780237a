import ContactImport
import Foundation
import Synchronization

/// Rows read out of rows in the file, as a bar on standard error; only on a terminal, at most ten times a second.
final class ImportProgress: Sendable {
    private let enabled: Bool
    private let total: Int
    private let lastDraw = Mutex<Date>(.distantPast)

    init(total: Int, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.total = max(1, total)
        self.enabled = enabled
    }

    func update(read: Int) {
        guard enabled, read % 512 == 0 || read == total else { return }
        let now = Date()
        let due = lastDraw.withLock { last in
            guard read == total || now.timeIntervalSince(last) >= 0.1 else { return false }
            last = now
            return true
        }
        guard due else { return }
        let width = 30
        let filled = min(width, read * width / total)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(bar) \(read)/\(total) rows ".utf8))
    }

    /// Ends the bar's line, if one was drawn.
    func finish() {
        guard lastDraw.withLock({ $0 != .distantPast }) else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}

/// The `--errors` file: written next to its destination as the import runs, moved into place only when the
/// import commits, removed when it does not.
final class ProblemFile {
    private let destination: URL
    private let temporary: URL
    private let handle: FileHandle
    private var buffer = ""

    init(path: String) throws {
        destination = URL(fileURLWithPath: path)
        temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).partial")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
            let handle = try? FileHandle(forWritingTo: temporary)
        else { throw CommandFailure("--errors: cannot write '\(path)'") }
        self.handle = handle
        buffer = RowProblemCSV.header + "\r\n"
    }

    func write(_ problem: RowProblem) throws {
        buffer += RowProblemCSV.line(for: problem)
        buffer += "\r\n"
        if buffer.utf8.count >= 1 << 16 { try drain() }
    }

    private func drain() throws {
        try handle.write(contentsOf: Data(buffer.utf8))
        buffer.removeAll(keepingCapacity: true)
    }

    func commit() throws {
        try drain()
        try handle.close()
        _ = try? FileManager.default.removeItem(at: destination)
        try FileManager.default.moveItem(at: temporary, to: destination)
    }

    func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
    }
}
