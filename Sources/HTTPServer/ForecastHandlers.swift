import CampaignCore
import CampaignStore
import Foundation
import HTTPTypes
import OutboundApp

/// The forecast routes' handlers: ask for a background forecast, read the latest.
enum ForecastHandlers {
    static func request(_ call: RouteCall) async throws -> RouteReply {
        let fields = try JSONBody.object(call.body, allowed: ["refresh"])
        let campaignId = try call.id(of: "campaign")
        let forecast = try await call.services.forecasts.request(
            orgId: try call.orgId, campaignId: campaignId, refresh: try JSONBody.bool(fields, "refresh") ?? false)
        let headers: HTTPFields = [.location: "/v1/campaigns/\(campaignId)/forecast"]
        return JSONBody.response(
            representation(forecast, current: true), status: forecast.state == .running ? .accepted : .ok,
            headers: headers)
    }

    static func latest(_ call: RouteCall) async throws -> RouteReply {
        let (forecast, current) = try await call.services.forecasts.latest(
            orgId: try call.orgId, campaignId: try call.id(of: "campaign"))
        return JSONBody.response(representation(forecast, current: current))
    }

    static func representation(_ forecast: StoredForecast, current: Bool) -> JSONValue {
        let report = forecast.report.flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
        return .object([
            "campaignId": .number(Double(forecast.campaignId)),
            "state": .string(forecast.state.rawValue),
            "current": .bool(current),
            "requestedAt": Representations.time(forecast.requestedAt),
            "finishedAt": Representations.time(forecast.finishedAt),
            "report": report ?? .null,
            "failure": forecast.failure.map(JSONValue.string) ?? .null,
        ])
    }
}
