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
        Console.error("\r\(bar) \(read)/\(total) rows ")
    }

    /// Ends the bar's line, if one was drawn.
    func finish() {
        guard lastDraw.withLock({ $0 != .distantPast }) else { return }
        Console.error("\n")
    }
}
