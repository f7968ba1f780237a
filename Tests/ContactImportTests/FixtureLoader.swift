import Foundation
import Testing

@testable import ContactImport

/// Finds test fixtures and shares the (immutable) phone metadata between tests.
enum FixtureLoader {
    static func url(_ name: String) throws -> URL {
        let base = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        let url =
            Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Fixtures")
            ?? Bundle.module.url(forResource: base, withExtension: ext)
        return try #require(url, "fixture \(name) is missing")
    }

    static func path(_ name: String) throws -> String {
        try url(name).path
    }

    static let metadata: PhoneMetadata = {
        do {
            return try PhoneMetadata.loadBundled()
        } catch {
            fatalError("bundled metadata failed to load: \(error)")
        }
    }()

    /// A unique path in the temporary directory, removed by the caller.
    static func temporaryPath(_ suffix: String = ".csv") -> String {
        NSTemporaryDirectory() + "contactimport-\(UUID().uuidString)\(suffix)"
    }
}
