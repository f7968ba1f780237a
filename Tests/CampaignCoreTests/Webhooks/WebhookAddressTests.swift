import Foundation
import Testing

@testable import CampaignCore

@Suite("Webhook SSRF rules: which addresses and URLs a delivery may go to")
struct WebhookAddressTests {
    static let refused = [
        "127.0.0.1", "127.255.1.2", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254", "192.168.1.1",
        "169.254.0.1", "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1",
        "239.255.255.250", "255.255.255.255", "240.0.0.1", "192.0.2.10", "198.18.0.1", "::1", "::", "fc00::1",
        "fd12:3456::1", "fe80::1", "febf::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.1.2.3",
        "::ffff:169.254.169.254", "::ffff:192.168.0.1", "::ffff:7f00:1", "::127.0.0.1", "64:ff9b::10.0.0.1",
        "2001:db8::1",
    ]
    static let allowed = [
        "8.8.8.8", "1.1.1.1", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
        "169.253.1.1", "192.169.0.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8",
        "64:ff9b::8.8.8.8",
    ]

    @Test(
        "private, loopback, link-local, metadata, CGNAT, multicast and their IPv6-wrapped forms are refused",
        arguments: refused)
    func refusedAddress(_ address: String) {
        #expect(WebhookAddress.parse(address) != nil, "\(address) parses")
        #expect(WebhookAddress.refusal(literal: address) != nil, "\(address) is refused")
    }

    @Test("public addresses pass, right next to the refused ranges", arguments: allowed)
    func publicAddress(_ address: String) {
        #expect(WebhookAddress.refusal(literal: address) == nil, "\(address) is public")
    }

    @Test("text that is no address literal does not parse (and is refused as such)")
    func notAnAddress() {
        for text in [
            "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "example.com", "1::2::3", ":::", "[::1]", "g::1",
        ] {
            #expect(WebhookAddress.parse(text) == nil, "\(text)")
        }
        #expect(WebhookAddress.refusal(literal: "example.com") == "not an IP address")
        #expect(WebhookAddress.refusal(literal: "169.254.169.254") == "cloud metadata (169.254.169.254)")
    }

    @Test("a URL must be https with a public host; --allow-private-webhooks lets http and private ones through")
    func urls() throws {
        let good = try WebhookURL.check("https://hooks.example.com:8443/in?x=1", allowPrivate: false).get()
        #expect(good.host == "hooks.example.com" && good.port == 8443 && good.scheme == "https")
        for (text, words) in [
            ("http://hooks.example.com/", "https"), ("ftp://example.com/", "https"),
            ("https://127.0.0.1/", "loopback"), ("https://[::1]:8080/", "loopback"),
            ("https://169.254.169.254/latest/meta-data", "metadata"), ("https://10.0.0.5/", "private"),
            ("https://[::ffff:192.168.0.1]/", "private"), ("https://localhost/", "localhost"),
            ("https://api.localhost/", "localhost"), ("https://user:pw@example.com/", "credentials"),
            ("not a url", "URL"), ("", "required"),
        ] {
            guard case .failure(let error) = WebhookURL.check(text, allowPrivate: false) else {
                Issue.record("\(text) passed")
                continue
            }
            #expect(error.detail.contains(words), "\(text): \(error.detail)")
        }
        let local = try WebhookURL.check("http://127.0.0.1:9000/hook", allowPrivate: true).get()
        #expect(local.host == "127.0.0.1" && local.port == 9000 && local.hostIsAddress)
        #expect((try? WebhookURL.check("ftp://127.0.0.1/", allowPrivate: true).get()) == nil)
    }

    @Test("the standard schedule retries for more than a day; jitter stays within ±20 %; then it gives up")
    func retrySchedule() {
        let schedule = WebhookRetrySchedule.standard
        #expect(schedule.span >= 24 * 3600)
        let now = Date(timeIntervalSince1970: 0)
        #expect(schedule.nextAttempt(after: 1, at: now, random: 0.5) == now.addingTimeInterval(5))
        #expect(schedule.nextAttempt(after: 2, at: now, random: 0) == now.addingTimeInterval(240))
        #expect(schedule.nextAttempt(after: 2, at: now, random: 1) == now.addingTimeInterval(360))
        #expect(schedule.nextAttempt(after: 7, at: now, random: 0.5) == now.addingTimeInterval(36000))
        #expect(schedule.nextAttempt(after: 8, at: now, random: 0.5) == nil, "given up after the last delay")
        #expect(WebhookRetrySchedule.parse("1, 2,5")?.delays == [1, 2, 5])
        #expect(WebhookRetrySchedule.parse("1,x") == nil && WebhookRetrySchedule.parse("0") == nil)
    }

    @Test("ordering: only the earliest pending event of each lead may go; other leads proceed")
    func orderingRule() {
        let pending = [
            WebhookDeliveryOrder.Pending(id: 1, key: "lead:7", eventId: 10),
            WebhookDeliveryOrder.Pending(id: 2, key: "lead:7", eventId: 12),
            WebhookDeliveryOrder.Pending(id: 3, key: "lead:8", eventId: 11),
            WebhookDeliveryOrder.Pending(id: 4, key: "campaign:1", eventId: 13),
            WebhookDeliveryOrder.Pending(id: 5, key: "lead:8", eventId: 9),
        ]
        #expect(WebhookDeliveryOrder.heads(pending) == [1, 5, 4])
        #expect(WebhookDeliveryOrder.key(campaignId: 1, leadId: 7) == "lead:7")
        #expect(WebhookDeliveryOrder.key(campaignId: 1, leadId: nil) == "campaign:1")
    }
}
