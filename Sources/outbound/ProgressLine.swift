import Foundation
import Synchronization

/// The drawing both progress bars share: one line on standard error redrawn in place, a 30-cell bar followed by a
/// caption, at most ten times a second.
final class ProgressLine: Sendable {
    /// Whether the line draws at all.
    let enabled: Bool
    private let lastDraw = Mutex<Date>(.distantPast)

    init(enabled: Bool) { self.enabled = enabled }

    /// Whether the line was drawn at least once.
    var drawn: Bool { lastDraw.withLock { $0 != .distantPast } }

    /// Draws the bar at `done` of `total` and `caption` after it, unless it was drawn less than a tenth of a second
    /// ago (then `caption` is not evaluated); `force` draws anyway.
    func draw(done: Int, of total: Int, force: Bool = false, caption: () -> String) {
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

    /// Ends the line.
    func endLine() { Console.error("\n") }

    /// The bar alone: `done` of `total` (at least 1) as 30 filled or empty cells.
    static func bar(done: Int, of total: Int, width: Int = 30) -> String {
        let filled = min(width, done * width / max(1, total))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }
}
