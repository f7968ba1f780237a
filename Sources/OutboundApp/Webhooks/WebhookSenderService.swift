import CampaignStore
import Dialer
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The webhook sender in the server's service group: one loop per enabled subscription (so a slow endpoint holds
/// back only its own deliveries), each running ``WebhookSender`` rounds back to back while there is work and every
/// ``WebhookSenderSettings/pollInterval`` when idle; subscriptions added, switched off or deleted are noticed within
/// a second. Everything it knows is in the database: killed and started again, it goes on where it was.
public struct WebhookSenderService: Service {
    let sender: WebhookSender
    let logger: Logger

    /// A service running `sender`.
    public init(sender: WebhookSender, logger: Logger = Logger(label: "outbound.webhooks")) {
        self.sender = sender
        self.logger = logger
    }

    public func run() async throws {
        let running = RunningLoops()
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                while !Task.isCancelled {
                    do {
                        for subscription in try await sender.store.activeWebhooks() {
                            let started = running.ids.withLock { $0.insert(subscription.id).inserted }
                            guard started else { continue }
                            group.addTask {
                                await endpointLoop(subscription)
                                _ = running.ids.withLock { $0.remove(subscription.id) }
                            }
                        }
                    } catch {
                        logger.error("webhook subscriptions could not be read: \(error)")
                    }
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
        await sender.transport.shutdown()
    }

    /// Rounds for one subscription until it is switched off, deleted, disabled or the task is cancelled.
    func endpointLoop(_ first: WebhookSubscription) async {
        var subscription = first
        while !Task.isCancelled {
            do {
                guard let current = try await sender.store.webhook(orgId: first.orgId, id: first.id), current.enabled
                else { return }
                subscription = current
                let round = try await sender.round(subscription)
                if round.disabled {
                    logger.warning("webhook \(subscription.id) disabled: no success for 5 days")
                    return
                }
                if round.attempted == 0 && round.queued == 0 {
                    try await Task.sleep(for: .milliseconds(Int64(sender.settings.pollInterval * 1000)))
                }
            } catch is CancellationError {
                return
            } catch {
                logger.error("webhook \(subscription.id): \(error)")
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}

/// The subscriptions whose loop is running.
final class RunningLoops: Sendable {
    let ids = Mutex<Set<Int64>>([])
}
