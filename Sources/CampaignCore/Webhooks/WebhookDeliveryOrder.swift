/// The ordering rule of webhook deliveries (SPEC §13: in order per lead): an event waits while an earlier event of
/// the same lead (for campaign events, of the same campaign) is still pending for the same subscription, whether it
/// is being tried or waiting for a retry; other leads proceed. Given up (`failed`) and delivered events wait for
/// nothing.
public enum WebhookDeliveryOrder {
    /// The key events are ordered within: `lead:<id>` for lead and call events, `campaign:<id>` for the others.
    public static func key(campaignId: Int64, leadId: Int64?) -> String {
        leadId.map { "lead:\($0)" } ?? "campaign:\(campaignId)"
    }

    /// A pending delivery, as the rule sees it.
    public struct Pending: Sendable, Equatable {
        /// The delivery.
        public var id: Int64
        /// Its ordering key.
        public var key: String
        /// Its event (ids increase in the order the changes were made).
        public var eventId: Int64

        /// Creates one.
        public init(id: Int64, key: String, eventId: Int64) {
            self.id = id
            self.key = key
            self.eventId = eventId
        }
    }

    /// The deliveries that may be tried now: the earliest pending event of each key.
    public static func heads(_ pending: [Pending]) -> Set<Int64> {
        var first: [String: Pending] = [:]
        for delivery in pending where first[delivery.key].map({ delivery.eventId < $0.eventId }) ?? true {
            first[delivery.key] = delivery
        }
        return Set(first.values.map(\.id))
    }
}
