import CampaignCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads compliance rules files: the one shipped in this module's resources, or one named by
/// `--compliance-rules FILE`.
public enum ComplianceRulesFile {
    /// Rules files are small; anything larger is refused before it is read.
    public static let maxBytes = 1 << 20

    /// The shipped `compliance-rules.json`.
    public static func loadBundled() throws(ContactImportError) -> ComplianceRules {
        guard
            let url = Bundle.module.url(
                forResource: "compliance-rules", withExtension: "json", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "compliance-rules", withExtension: "json")
        else { throw .unreadableFile(path: "compliance-rules.json", reason: "not in the bundle") }
        return try load(path: url.path)
    }

    /// Reads and validates the rules file at `path`, which must be a regular file of at most ``maxBytes``.
    public static func load(path: String) throws(ContactImportError) -> ComplianceRules {
        // Checked before opening (following links): opening a FIFO for reading would wait for a writer.
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .unreadableFile(path: path, reason: "not a regular file")
        }
        let source = try FileChunkSource(path: path)
        let size = try source.size()
        guard size <= maxBytes else {
            throw .unreadableFile(path: path, reason: "\(size) bytes; a rules file is at most \(maxBytes) bytes")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = try source.read(into: &bytes, at: filled, count: size - filled)
            if count == 0 { break }
            filled += count
        }
        do {
            return try ComplianceRules(json: Data(bytes[..<filled]))
        } catch {
            throw .invalidComplianceRules(path: path, error: error)
        }
    }
}
