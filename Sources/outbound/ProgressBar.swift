import Dialer
import Foundation
import Synchronization

/// A one-line progress bar on standard error, redrawn at most ten times a second, only on a terminal.
final class ProgressBar: Sendable {
    /// Whether the bar draws at all (standard error is a terminal and the caller wants it).
    let enabled: Bool
    private let lastDraw = Mutex<Date>(.distantPast)
    private let zone: TimeZone

    init(enabled wanted: Bool = true, zone: TimeZone = TimeZone(identifier: "UTC")!) {
        enabled = wanted && isatty(STDERR_FILENO) == 1
        self.zone = zone
    }

    func update(_ progress: RunnerProgress, force: Bool = false) {
        guard enabled else { return }
        let now = Date()
        let due = lastDraw.withLock { last in
            guard force || now.timeIntervalSince(last) >= 0.1 else { return false }
            last = now
            return true
        }
        guard due else { return }
        let total = max(1, progress.counts.total)
        let done = progress.counts.finished
        let width = 30
        let filled = min(width, done * width / total)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let formatter = DateFormatter()
        formatter.dateFormat = "EEE yyyy-MM-dd HH:mm"
        formatter.timeZone = zone
        let waiting = progress.waitingUntil.map { " · waiting until \(formatter.string(from: $0))" } ?? ""
        let line =
            "\r\(bar) \(done)/\(progress.counts.total) done · \(progress.live) live · "
            + "\(progress.placed) calls · \(formatter.string(from: progress.now)) UTC\(waiting)   "
        Console.error(line)
    }

    func finish() {
        guard enabled else { return }
        Console.error("\n")
    }
}
