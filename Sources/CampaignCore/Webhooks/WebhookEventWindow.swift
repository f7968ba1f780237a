import Foundation

/// How a subscription's fan-out moves over the `events` ids without skipping an event whose transaction commits
/// after a later id's (PostgreSQL with several nodes: id 11 can be visible before id 10).
///
/// The cursor says every id at or below it was either fanned out or is an open gap: an id below the newest one seen
/// that was not visible when it was passed. Each round fans out the new ids above the cursor and the gaps that have
/// since become visible (closing them); a gap still empty after `wait` (longer than any transaction that writes
/// events) is given up: its id was rolled back or never used.
public enum WebhookEventWindow {
    /// What one round does to the window.
    public struct Step: Sendable, Equatable {
        /// The new cursor: the newest id read, or the old cursor when nothing new was read.
        public var cursor: Int64
        /// Ids passed over that were not visible: gaps opened now.
        public var opened: [Int64]
        /// Gaps closed: the ones now visible (fanned out this round) and the ones given up.
        public var closed: [Int64]

        /// Creates a step.
        public init(cursor: Int64, opened: [Int64], closed: [Int64]) {
            self.cursor = cursor
            self.opened = opened
            self.closed = closed
        }
    }

    /// The step after reading `newIds` (the ids above `cursor`, ascending, every organisation's) and finding
    /// `visibleGaps` among the open gaps (`openGaps`: id → when it was opened), at `now`.
    public static func step(
        cursor: Int64, newIds: [Int64], openGaps: [Int64: Date], visibleGaps: Set<Int64>, now: Date,
        wait: TimeInterval
    ) -> Step {
        var opened: [Int64] = []
        var previous = cursor
        for id in newIds where id > previous {
            if id > previous + 1 { opened.append(contentsOf: (previous + 1)..<id) }
            previous = id
        }
        let closed = openGaps.compactMap { id, seenAt in
            visibleGaps.contains(id) || now.timeIntervalSince(seenAt) >= wait ? id : nil
        }
        return Step(cursor: max(cursor, newIds.last ?? cursor), opened: opened, closed: closed.sorted())
    }
}
