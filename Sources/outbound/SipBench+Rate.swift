import CampaignCore
import Dialer
import Foundation
import Telephony

/// One rate's figures.
struct SipRateRow {
    var callsPerSecond: Int
    var placed: Int
    var answered: Int
    /// Calls of ours that did not end `answered` (timeouts, retransmission exhaustion, a 5xx, a wrong outcome) or never
    /// ended.
    var ourFailures: Int
    var sipp: SipBenchPeer.Counts
    var achieved: Double
    var p50: Duration?
    var p99: Duration?

    /// Zero errors of ours, and SIPp saw every call through.
    var clean: Bool { ourFailures == 0 && sipp.failed == 0 && answered == placed }

    var line: String {
        "cps=\(callsPerSecond) placed=\(placed) answered=\(answered) our_failed=\(ourFailures) "
            + "sipp_ok=\(sipp.successful) sipp_failed=\(sipp.failed) sipp_retrans=\(sipp.retransmissions) "
            + "achieved_cps=\(String(format: "%.1f", achieved)) invite_200_p50_ms=\(SipBench.milliseconds(p50)) "
            + "invite_200_p99_ms=\(SipBench.milliseconds(p99))"
    }
}

/// Calls at one rate for a while against SIPp UAS peers that answer at once; we hang up each call when answered.
struct SipRateRun {
    let callsPerSecond: Int
    let seconds: Double
    let instances: Int
    let folder: URL
    let campaignId: Int64

    func run() async throws -> SipRateRow {
        let schedule = CallRateSchedule(callsPerSecond: callsPerSecond, seconds: seconds)
        var peers: [SipBenchPeer] = []
        defer { for peer in peers { peer.kill9() } }
        for index in 0..<instances {
            let calls = (1...schedule.count).filter { $0 % instances == index }.count
            peers.append(
                try SipBenchPeer.start(
                    scenario: SipBenchScenario.quickAnswer, name: "cps\(callsPerSecond)-\(index)",
                    port: 25_060 + index * 2, mediaPort: 46_000 + index * 2, calls: calls,
                    timeout: Int(seconds) + 90, in: folder))
        }
        let perTrunk = (callsPerSecond + instances - 1) / instances
        let trunks = peers.map { SIPTrunk(host: "127.0.0.1", port: $0.port, callsPerSecond: perTrunk) }
        let provider = try await SIPCallProvider.start(
            endpoint: SIPEndpoint(bindHost: "127.0.0.1", bindPort: 0, rtpPorts: 20_000...29_999),
            directory: SipBenchDirectory(trunks: trunks, agent: nil), logger: SipBench.logger())
        try await Task.sleep(for: .milliseconds(500))
        let events = SipBenchEvents(provider: provider, campaignId: campaignId)
        let sent = await placeCalls(provider, schedule: schedule, campaignId: campaignId)
        let deadline = ContinuousClock.now + .seconds(40)
        while events.endedCount < schedule.count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        events.stop()
        var counts = SipBenchPeer.Counts()
        for peer in peers {
            let peerCounts = await peer.finish(timeout: .seconds(10))
            counts.successful += peerCounts.successful
            counts.failed += peerCounts.failed
            counts.retransmissions += peerCounts.retransmissions
            counts.unexpected += peerCounts.unexpected
        }
        await provider.shutdown()
        let results = events.results
        let answered = results.values.filter { $0.outcome == .answered }
        let latencies = answered.compactMap { result -> Double? in
            guard let answeredAt = result.answeredAt, let startedAt = result.startedAt else { return nil }
            return answeredAt.timeIntervalSince(startedAt)
        }.sorted()
        func percentile(_ fraction: Double) -> Duration? {
            guard !latencies.isEmpty else { return nil }
            let index = min(latencies.count - 1, Int((Double(latencies.count) * fraction).rounded(.up)) - 1)
            return .nanoseconds(Int64(latencies[max(0, index)] * 1e9))
        }
        var achieved = 0.0
        if let first = sent.first, let last = sent.last, sent.count > 1 {
            let span = last - first
            achieved =
                Double(sent.count - 1) / (Double(span.components.seconds) + Double(span.components.attoseconds) / 1e18)
        }
        return SipRateRow(
            callsPerSecond: callsPerSecond, placed: schedule.count, answered: answered.count,
            ourFailures: schedule.count - answered.count, sipp: counts, achieved: achieved,
            p50: percentile(0.5), p99: percentile(0.99))
    }
}
