import Dialer
import Foundation
import Synchronization

/// The one progress bar of the command line: a line on standard error redrawn in place (a 30-cell bar and a
/// caption), at most ten times a second, only on a terminal. A campaign run and an import each have their caption.
final class ProgressBar: Sendable {
    /// Whether the bar draws at all (standard error is a terminal and the caller wants it).
    let enabled: Bool
    private let zone: TimeZone
    private let lastDraw = Mutex<Date>(.distantPast)

    init(enabled wanted: Bool = true, zone: TimeZone = TimeZone(identifier: "UTC")!) {
        enabled = wanted && isatty(STDERR_FILENO) == 1
        self.zone = zone
    }

    /// A campaign run: leads finished of all, live calls, calls placed, the virtual time.
    func update(_ progress: RunnerProgress, force: Bool = false) {
        let done = progress.counts.finished
        draw(done: done, of: progress.counts.total, force: force) {
            let formatter = DateFormatter()
            formatter.dateFormat = "EEE yyyy-MM-dd HH:mm"
            formatter.timeZone = zone
            let waiting = progress.waitingUntil.map { " · waiting until \(formatter.string(from: $0))" } ?? ""
            return "\(done)/\(progress.counts.total) done · \(progress.live) live · "
                + "\(progress.placed) calls · \(formatter.string(from: progress.now)) UTC\(waiting)   "
        }
    }

    /// An import: rows read of the file's rows.
    func update(rows: Int, of total: Int) {
        draw(done: rows, of: max(1, total), force: rows >= total) { "\(rows)/\(total) rows " }
    }

    /// Ends the bar's line, if one was drawn since the last call.
    func finish() {
        let drawn = lastDraw.withLock { last in
            defer { last = .distantPast }
            return last != .distantPast
        }
        if drawn { Console.error("\n") }
    }

    /// Draws the bar at `done` of `total` and `caption` after it, unless it was drawn less than a tenth of a second
    /// ago (then `caption` is not evaluated); `force` draws anyway.
    private func draw(done: Int, of total: Int, force: Bool, caption: () -> String) {
        guard enabled else { return }
        let now = Date()
        let due = lastDraw.withLock { last in
            guard force || now.timeIntervalSince(last) >= 0.1 else { return false }
            last = now
            return true
        }
        guard due else { return }
        Console.error("\r\(Self.bar(done: done, of: total)) \(caption())")
    }

    /// The bar alone: `done` of `total` (at least 1) as 30 filled or empty cells.
    static func bar(done: Int, of total: Int, width: Int = 30) -> String {
        let filled = min(width, done * width / max(1, total))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }
}
