/// Where an import reads its contacts from. The reader measures a file before importing it (size, encoding, rows)
/// and then reads it again, so a stream of bytes (an HTTP body) is spooled to a temporary file first
/// (``SpooledUpload``).
public enum ContactSource: Sendable {
    /// A file the operator named.
    case file(path: String)
    /// An upload spooled to a temporary file; the caller removes it once the import has ended.
    case upload(SpooledUpload)

    /// The file the reader opens.
    public var path: String {
        switch self {
        case .file(let path): return path
        case .upload(let upload): return upload.path
        }
    }

    /// How errors name the source: the file's path, or "the upload" (a temporary path means nothing to a client).
    public var name: String {
        switch self {
        case .file(let path): return path
        case .upload: return "the upload"
        }
    }
}
