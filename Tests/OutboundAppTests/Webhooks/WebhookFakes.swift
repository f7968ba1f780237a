import CampaignCore
import Foundation
import Synchronization

@testable import OutboundApp

/// A webhook endpoint in memory: records every request and answers what `answer` says.
final class RecordingTransport: WebhookTransport {
    struct Request: Sendable {
        let address: String
        let headers: [String: String]
        let body: [UInt8]

        var json: JSONValue { (try? JSONDecoder().decode(JSONValue.self, from: Data(body))) ?? .null }
        var contactId: String? {
            guard case .object(let top) = json, case .object(let data)? = top["data"],
                case .string(let id)? = data["contactId"]
            else { return nil }
            return id
        }
    }

    let requests = Mutex<[Request]>([])
    let answer: @Sendable (Request) -> WebhookAnswer

    init(answer: @escaping @Sendable (Request) -> WebhookAnswer = { _ in WebhookAnswer(statusCode: 204) }) {
        self.answer = answer
    }

    func post(
        url: WebhookURL, address: String, headers: [(String, String)], body: [UInt8], timeout: Duration
    ) async
        -> WebhookAnswer
    {
        let request = Request(
            address: address, headers: Dictionary(headers, uniquingKeysWith: { first, _ in first }), body: body)
        requests.withLock { $0.append(request) }
        return answer(request)
    }

    func shutdown() async {}

    var all: [Request] { requests.withLock { $0 } }
}

/// A resolver answering fixed addresses.
struct FixedResolver: WebhookResolver {
    let answers: [String: [String]]

    func addresses(of host: String) async throws -> [String] {
        if let found = answers[host] { return found }
        if WebhookAddress.parse(host) != nil { return [host] }
        throw WebhookDeliveryError("could not resolve \(host)")
    }
}

extension JSONValue {
    /// The value under `key` of an object.
    subscript(_ key: String) -> JSONValue? {
        guard case .object(let fields) = self else { return nil }
        return fields[key]
    }

    /// A whole-number value.
    var int: Int64? {
        guard case .number(let number) = self else { return nil }
        return Int64(exactly: number)
    }
}
