import ContactImport
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An upload written to a temporary file as it arrives, so that the import can measure it and read it like any
/// file, and so that a slow client never holds the database. The size limit is enforced while spooling: an upload
/// past it stops at once and leaves no file behind.
public struct SpooledUpload: Sendable {
    /// The temporary file.
    public let path: String
    /// Bytes written.
    public let byteCount: Int

    /// Writes `chunks` to a new file in `folder` (the system's temporary folder by default); fails with
    /// ``ImportJobError/uploadTooLarge(limit:)`` past `limits.maxBytes` and with
    /// ``ImportJobError/spoolFailed(reason:)`` when the file cannot be written. Nothing is left behind on a failure
    /// (a cancelled upload included).
    public static func spool<Chunks: AsyncSequence>(
        _ chunks: Chunks, limits: ImportLimits = .standard,
        in folder: URL = FileManager.default.temporaryDirectory
    ) async throws -> SpooledUpload where Chunks.Element: Collection, Chunks.Element.Element == UInt8 {
        let path = folder.appendingPathComponent("outbound-upload-\(UUID().uuidString).csv").path
        // Readable by this user only: an upload is a contact list, and the temporary folder is shared.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw ImportJobError.spoolFailed(reason: "cannot create a file in \(folder.path): \(reason)")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var written = 0
        do {
            var pending = Data()
            for try await chunk in chunks {
                written += chunk.count
                guard written <= limits.maxBytes else { throw ImportJobError.uploadTooLarge(limit: limits.maxBytes) }
                // A generic collection across modules is iterated through witness tables byte by byte; an HTTP
                // body's chunks have contiguous storage, copied at once.
                let copied = chunk.withContiguousStorageIfAvailable { pending.append(contentsOf: $0) } != nil
                if !copied { pending.append(contentsOf: chunk) }
                if pending.count >= 1 << 20 {
                    try write(pending, to: handle)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            try write(pending, to: handle)
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return SpooledUpload(path: path, byteCount: written)
    }

    /// Removes the temporary file.
    public func remove() { try? FileManager.default.removeItem(atPath: path) }

    private static func write(_ data: Data, to handle: FileHandle) throws {
        do {
            try handle.write(contentsOf: data)
        } catch {
            throw ImportJobError.spoolFailed(reason: "\(error.localizedDescription)")
        }
    }
}
