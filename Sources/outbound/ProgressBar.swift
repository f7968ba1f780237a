import Dialer
import Foundation

/// A one-line progress bar of a campaign run on standard error, redrawn at most ten times a second, only on a
/// terminal.
final class ProgressBar: Sendable {
    private let line: ProgressLine
    private let zone: TimeZone

    /// Whether the bar draws at all (standard error is a terminal and the caller wants it).
    var enabled: Bool { line.enabled }

    init(enabled wanted: Bool = true, zone: TimeZone = TimeZone(identifier: "UTC")!) {
        line = ProgressLine(enabled: wanted && isatty(STDERR_FILENO) == 1)
        self.zone = zone
    }

    func update(_ progress: RunnerProgress, force: Bool = false) {
        let done = progress.counts.finished
        line.draw(done: done, of: progress.counts.total, force: force) {
            let formatter = DateFormatter()
            formatter.dateFormat = "EEE yyyy-MM-dd HH:mm"
            formatter.timeZone = zone
            let waiting = progress.waitingUntil.map { " · waiting until \(formatter.string(from: $0))" } ?? ""
            return "\(done)/\(progress.counts.total) done · \(progress.live) live · "
                + "\(progress.placed) calls · \(formatter.string(from: progress.now)) UTC\(waiting)   "
        }
    }

    func finish() {
        guard enabled else { return }
        line.endLine()
    }
}
