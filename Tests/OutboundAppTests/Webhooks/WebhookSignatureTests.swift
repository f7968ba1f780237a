import Foundation
import Testing

@testable import OutboundApp

@Suite("Standard Webhooks signatures")
struct WebhookSignatureTests {
    @Test("the specification's reference vector")
    func referenceVector() {
        let signature = WebhookSignature.sign(
            secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
            timestamp: 1_614_265_330, body: Array(#"{"test": 2432232314}"#.utf8))
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test("a new secret is whsec_ and 32 random bytes in base64; two secrets sign with two space-separated signatures")
    func secretsAndRotation() throws {
        var generator = SystemRandomNumberGenerator()
        let secret = WebhookSignature.newSecret(using: &generator)
        #expect(secret.hasPrefix("whsec_"))
        #expect(Data(base64Encoded: String(secret.dropFirst(6)))?.count == 32)
        #expect(secret != WebhookSignature.newSecret(using: &generator))
        let header = WebhookSignature.header(
            secrets: [secret, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], id: "evt_1", timestamp: 10,
            body: Array("{}".utf8))
        let parts = header.split(separator: " ")
        #expect(parts.count == 2 && parts.allSatisfy { $0.hasPrefix("v1,") })
        #expect(parts[0] != parts[1])
    }
}
