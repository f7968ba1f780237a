import CampaignCore
import CampaignStore
import Foundation
import Hummingbird
import OutboundApp
import Synchronization

/// The exports of SPEC §10 over HTTP, written by the same code as `outbound calls export` and
/// `outbound contacts export`.
enum ExportHandlers {
    static func calls(_ call: RouteCall) async throws -> RouteReply {
        let campaign = try await call.services.campaigns.campaign(
            orgId: try call.orgId, id: try call.id(of: "campaign"))
        var text = CallLogFormat.line(CallLogFormat.header) + "\n"
        for record in try await call.services.store.calls(campaignId: campaign.id) {
            text += CallLogFormat.line(CallLogFormat.fields(record)) + "\n"
        }
        return csv(text, name: "campaign-\(campaign.id)-calls.csv")
    }

    static func contacts(_ call: RouteCall) async throws -> RouteReply {
        let campaign = try await call.services.campaigns.campaign(
            orgId: try call.orgId, id: try call.id(of: "campaign"))
        let holds = RuleHolds(
            window: campaign.settings.window, rules: call.services.compliance, at: call.services.clock.now())
        let text = TextSink(CSVLine.line(ExportedContact.header) + "\n")
        try await call.services.store.exportContacts(campaignId: campaign.id) { contact in
            text.append(CSVLine.line(holds.filled(contact).fields) + "\n")
        }
        return csv(text.value, name: "campaign-\(campaign.id)-contacts.csv")
    }

    static func csv(_ text: String, name: String) -> RouteReply {
        RouteReply(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\"",
            ],
            body: ByteBuffer(string: text))
    }
}

/// Text that the store's row callbacks (which may run on another thread) append to.
final class TextSink: Sendable {
    private let state: Mutex<String>

    init(_ start: String) { state = Mutex(start) }

    func append(_ text: String) { state.withLock { $0 += text } }

    var value: String { state.withLock { $0 } }
}
