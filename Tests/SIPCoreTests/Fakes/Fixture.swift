import Foundation

/// Reads the RFC 4475 torture messages (the RFC's own bytes, unpacked from its base64 appendix).
enum Fixture {
    static func rfc4475(_ name: String) throws -> [UInt8] {
        let url =
            Bundle.module.url(forResource: name, withExtension: "dat", subdirectory: "Fixtures/rfc4475")
            ?? Bundle.module.url(forResource: name, withExtension: "dat")
        guard let url else { throw FixtureMissing(name: name) }
        return Array(try Data(contentsOf: url))
    }

    struct FixtureMissing: Error {
        let name: String
    }
}
