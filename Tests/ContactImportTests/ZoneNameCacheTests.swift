import Testing

@testable import ContactImport

@Suite struct ZoneNameCacheTests {
    @Test func answersLikeTheResolverBeforeAndAfterItIsFull() {
        let resolver = TimeZoneResolver(metadata: FixtureLoader.metadata)
        var cache = ZoneNameCache(resolver: resolver, capacity: 2)
        let names = ["America/Chicago", "Mars/Olympus", " Europe/London ", "America/Chicago", "Mars/Olympus", "UTC"]
        for _ in 0..<2 {
            for name in names { #expect(cache.validatedZone(name) == resolver.validatedZone(name), "\(name)") }
        }
    }
}
