#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open file read in chunks with `read(2)`, closed when the value goes away.
struct FileChunkSource: ~Copyable, Sendable {
    let path: String
    private let descriptor: Int32

    init(path: String) throws(ContactImportError) {
        // Non-blocking, so a FIFO with no writer is refused below instead of blocking the open.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadableFile(path: path, reason: Self.lastError()) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw .unreadableFile(path: path, reason: "not a regular file")
        }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Reads up to `count` bytes into `buffer` at `offset`; returns 0 at the end of the file.
    func read(into buffer: inout [UInt8], at offset: Int, count: Int) throws(ContactImportError) -> Int {
        precondition(offset + count <= buffer.count)
        while true {
            let result = buffer.withUnsafeMutableBytes { raw in
                systemRead(descriptor, raw.baseAddress! + offset, count)
            }
            if result >= 0 { return result }
            if errno == EINTR { continue }
            throw .unreadableFile(path: path, reason: Self.lastError())
        }
    }

    /// The size of the file in bytes.
    func size() throws(ContactImportError) -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .unreadableFile(path: path, reason: Self.lastError()) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .unreadableFile(path: path, reason: "not a regular file")
        }
        return Int(info.st_size)
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}

/// `read(2)`, named apart from ``FileChunkSource/read(into:at:count:)``.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
