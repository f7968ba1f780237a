import ContactImport
import Foundation

/// Rows read out of rows in the file, as a bar on standard error; only on a terminal, at most ten times a second.
final class ImportProgress: Sendable {
    private let total: Int
    private let line: ProgressLine

    init(total: Int, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.total = max(1, total)
        line = ProgressLine(enabled: enabled)
    }

    func update(read: Int) {
        guard line.enabled, read % 512 == 0 || read == total else { return }
        line.draw(done: read, of: total, force: read == total) { "\(read)/\(total) rows " }
    }

    /// Ends the bar's line, if one was drawn.
    func finish() {
        guard line.drawn else { return }
        line.endLine()
    }
}
