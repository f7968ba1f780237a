import CampaignStore
import Foundation
import HTTPServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutboundApp
import Testing

@Suite("Sign-in throttling per account and per address, on a virtual clock")
struct SignInThrottleTests {
    static let policy = SignInPolicy.standard

    @Test("after 5 failures an account gets 429 with Retry-After, even with the right password, until the window ends")
    func account() async throws {
        try await APIHarness.run { harness, client in
            for _ in 0..<Self.policy.accountFailures {
                #expect(
                    try await client.signIn("admin@a.example", password: "guess guess guess").status == .unauthorized)
                harness.clock.advance(by: 10)
            }
            let throttled = try await client.signIn("admin@a.example")
            #expect(throttled.status == .tooManyRequests)
            let retry = try #require(throttled.headers[.retryAfter].flatMap(Int.init))
            #expect(retry == Int(Self.policy.window) - 50)
            #expect(throttled.headers[.setCookie] == nil)
            #expect(try await client.signIn("viewer@a.example").status == .created)
            harness.clock.advance(by: TimeInterval(retry - 1))
            #expect(try await client.signIn("admin@a.example").status == .tooManyRequests)
            harness.clock.advance(by: 1)
            #expect(try await client.signIn("admin@a.example").status == .created)
        }
    }

    @Test("a success resets the account's count")
    func reset() async throws {
        try await APIHarness.run { _, client in
            for _ in 0..<(Self.policy.accountFailures - 1) {
                _ = try await client.signIn("admin@a.example", password: "guess guess guess")
            }
            #expect(try await client.signIn("admin@a.example").status == .created)
            for _ in 0..<(Self.policy.accountFailures - 1) {
                #expect(
                    try await client.signIn("admin@a.example", password: "guess guess guess").status == .unauthorized)
            }
            #expect(try await client.signIn("admin@a.example").status == .created)
        }
    }

    @Test("an unknown email is throttled like a known one (no enumeration by the answer)")
    func unknownEmail() async throws {
        try await APIHarness.run { _, client in
            for _ in 0..<Self.policy.accountFailures {
                let refused = try await client.signIn("nobody@a.example", password: "guess guess guess")
                #expect(refused.status == .unauthorized)
            }
            let throttled = try await client.signIn("nobody@a.example")
            #expect(throttled.status == .tooManyRequests)
        }
    }

    @Test("20 failures from one address throttle every account from it")
    func address() async throws {
        try await APIHarness.run { harness, client in
            for index in 0..<Self.policy.addressFailures {
                let response = try await client.signIn("user\(index)@a.example", password: "guess guess guess")
                #expect(response.status == .unauthorized)
            }
            let throttled = try await client.signIn("admin@a.example")
            #expect(throttled.status == .tooManyRequests && throttled.headers[.retryAfter] == "900")
            harness.clock.advance(by: Self.policy.window)
            #expect(try await client.signIn("admin@a.example").status == .created)
        }
    }

    @Test("the counts are in the database: a second server on it sees them")
    func shared() async throws {
        try await APIHarness.run { harness, client in
            for _ in 0..<Self.policy.accountFailures {
                _ = try await client.signIn("admin@a.example", password: "guess guess guess")
            }
            let other = AccessSessions(store: harness.store, cost: 4)
            let outcome = try await other.signIn(
                email: "admin@a.example", password: APIHarness.password, address: "10.1.1.1", now: harness.clock.now())
            #expect(outcome == .throttled(retryAfter: Int(Self.policy.window)))
        }
    }

    @Test("an unknown email costs a bcrypt check like a known one")
    func decoy() async throws {
        try await APIHarness.run { harness, _ in
            let sessions = AccessSessions(store: harness.store, cost: 10)
            let now = harness.clock.now()
            let start = ContinuousClock.now
            _ = try await sessions.signIn(email: "nobody@a.example", password: "x", address: "a", now: now)
            let unknown = ContinuousClock.now - start
            #expect(unknown > .milliseconds(10))
        }
    }

    @Test("Retry-After counts from the failure that frees a slot")
    func retryAfter() {
        let now = Date(timeIntervalSince1970: 10_000)
        let failures = (0..<6).map { now.addingTimeInterval(Double($0 * 60 - 600)) }
        #expect(Self.policy.retryAfter(failures, limit: 5, now: now) == 900 - 540)
        #expect(Self.policy.retryAfter(Array(failures.prefix(4)), limit: 5, now: now) == nil)
        #expect(AccessSessions.tokensMatch("abc", "abc") && !AccessSessions.tokensMatch("abc", "abd"))
        #expect(!AccessSessions.tokensMatch("", "") && !AccessSessions.tokensMatch("ab", "abc"))
    }
}
