import CampaignStore
import Foundation
import ServiceLifecycle

/// The live feeds of `GET /v1/campaigns/{id}/events`: ONE poller per watched campaign reads the campaign's new
/// change rows (written by any process on the database) once per interval and hands them to every viewer of it, so
/// the database sees one query per campaign per interval however many viewers there are. Each viewer has a bounded
/// buffer: a viewer too slow to drain it is dropped (its stream ends), never waited for. A graceful shutdown ends
/// every stream. Runs as a service of the server's group.
public actor CampaignFeeds: Service {
    /// A viewer's stream and where it is in the campaign's change rows.
    struct Viewer {
        let continuation: AsyncStream<FeedItem>.Continuation
        var position: Int64
    }

    struct FeedKey: Hashable {
        let orgId: Int64
        let campaignId: Int64
    }

    /// A watched campaign: its viewers and its poller.
    struct Feed {
        var viewers: [UUID: Viewer] = [:]
        var poller: Task<Void, Never>?
        var counts: LeadCounts?
    }

    let store: any ChangeFeedStore & ReportsStore
    let interval: Duration
    let heartbeatTicks: Int
    let bufferSize: Int
    let pageSize: Int
    private var feeds: [FeedKey: Feed] = [:]
    private var closed = false

    /// Feeds over `store`, polling every `interval`, a heartbeat every `heartbeat`, at most `bufferSize` messages
    /// waiting per viewer.
    public init(
        store: any ChangeFeedStore & ReportsStore, interval: Duration = .seconds(1), heartbeat: Duration = .seconds(15),
        bufferSize: Int = 1024, pageSize: Int = 500
    ) {
        self.store = store
        self.interval = interval
        heartbeatTicks = max(1, Int(heartbeat / interval))
        self.bufferSize = max(1, bufferSize)
        self.pageSize = max(1, pageSize)
    }

    /// A stream of the campaign's changes after `lastEventId` (from now on when nil), starting with its lead counts.
    /// The caller has checked that the organisation owns the campaign.
    public func subscribe(orgId: Int64, campaignId: Int64, lastEventId: Int64?) async throws -> AsyncStream<FeedItem> {
        let key = FeedKey(orgId: orgId, campaignId: campaignId)
        let start: Int64
        if let lastEventId {
            start = lastEventId
        } else {
            start = try await store.latestChangeId(orgId: orgId, campaignId: campaignId)
        }
        let counts = try await store.leadCounts(campaignId: campaignId)
        let (stream, continuation) = AsyncStream.makeStream(
            of: FeedItem.self, bufferingPolicy: .bufferingOldest(bufferSize))
        guard !closed else {
            continuation.finish()
            return stream
        }
        let id = UUID()
        continuation.onTermination = { _ in Task { await self.remove(key, id) } }
        continuation.yield(.counts(counts))
        var feed = feeds[key] ?? Feed()
        feed.viewers[id] = Viewer(continuation: continuation, position: start)
        if feed.poller == nil {
            feed.poller = Task { await self.poll(key) }
        }
        feeds[key] = feed
        return stream
    }

    /// How many viewers watch the campaign (for tests and metrics).
    public func viewerCount(orgId: Int64, campaignId: Int64) -> Int {
        feeds[FeedKey(orgId: orgId, campaignId: campaignId)]?.viewers.count ?? 0
    }

    /// Hands every viewer the changes committed so far (one last poll), then ends every stream and refuses new
    /// viewers.
    public func close() async {
        guard !closed else { return }
        closed = true
        for key in feeds.keys { await tick(key, heartbeat: false) }
        for (_, feed) in feeds {
            feed.poller?.cancel()
            for viewer in feed.viewers.values { viewer.continuation.finish() }
        }
        feeds = [:]
    }

    /// Waits for the service group's graceful shutdown, then ends every stream so the server can finish.
    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }

    private func remove(_ key: FeedKey, _ id: UUID) {
        guard var feed = feeds[key] else { return }
        feed.viewers[id] = nil
        if feed.viewers.isEmpty {
            feed.poller?.cancel()
            feeds[key] = nil
        } else {
            feeds[key] = feed
        }
    }

    private func poll(_ key: FeedKey) async {
        var tick = 0
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            tick += 1
            await self.tick(key, heartbeat: tick % heartbeatTicks == 0)
        }
    }

    /// One poll: the change rows after the furthest-behind viewer, handed to each viewer past its position; the
    /// counts after any change (and with each heartbeat when they moved); a viewer whose buffer is full is dropped.
    func tick(_ key: FeedKey, heartbeat: Bool) async {
        guard let feed = feeds[key], let from = feed.viewers.values.map(\.position).min() else { return }
        let rows: [ChangeRow]
        let counts: LeadCounts?
        do {
            rows = try await store.changes(orgId: key.orgId, campaignId: key.campaignId, after: from, limit: pageSize)
            counts =
                rows.isEmpty && !heartbeat ? nil : try await store.leadCounts(campaignId: key.campaignId)
        } catch {
            return
        }
        guard var current = feeds[key] else { return }
        let newCounts = counts.flatMap { $0 == current.counts && rows.isEmpty ? nil : $0 }
        if let counts { current.counts = counts }
        for (id, var viewer) in current.viewers where viewer.position >= from {
            var items = rows.filter { $0.id > viewer.position }.map(FeedItem.change)
            if let newCounts { items.append(.counts(newCounts)) }
            if heartbeat { items.append(.heartbeat) }
            viewer.position = max(viewer.position, rows.last?.id ?? viewer.position)
            current.viewers[id] = viewer
            for item in items {
                if case .dropped = viewer.continuation.yield(item) {
                    viewer.continuation.finish()
                    current.viewers[id] = nil
                    break
                }
            }
        }
        if current.viewers.isEmpty {
            current.poller?.cancel()
            feeds[key] = nil
        } else {
            feeds[key] = current
        }
    }
}
