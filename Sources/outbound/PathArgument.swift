import CampaignStore
import Foundation

/// The checks every path argument passes before anything opens it: what it is (file, folder, FIFO, device), and,
/// for a file the command writes, that nothing is there yet.
enum PathArgument {
    /// An existing regular file the command reads; `option` prefixes the refusal (nil for a positional argument).
    static func readable(_ path: String, option: String?) throws {
        let prefix = option.map { "\($0): " } ?? ""
        switch FileKind(path: path) {
        case .regularFile: return
        case .missing:
            throw CommandFailure(option.map { "\($0): cannot read '\(path)': no such file" } ?? "\(path): no such file")
        case let kind: throw CommandFailure("\(prefix)'\(path)' is \(kind.name), not a file to read")
        }
    }

    /// A database path: nothing yet (the command creates it or refuses) or a regular file (the store judges its
    /// content).
    static func database(_ path: String) throws {
        guard !path.isEmpty else { throw CommandFailure("--db: empty path") }
        switch FileKind(path: path) {
        case .missing, .regularFile: return
        case let kind: throw CommandFailure("--db: '\(path)' is \(kind.name), not a database file")
        }
    }

    /// A file the command creates: refused when anything is at `path` (naming the `others` it would have
    /// overwritten, like the database or the input file) or when its folder does not exist.
    static func newFile(_ path: String, option: String, others: [(path: String, role: String)] = []) throws {
        guard !path.isEmpty else { throw CommandFailure("\(option): empty path; name a new file") }
        let kind = FileKind(path: path)
        if kind != .missing {
            if let other = others.first(where: { FileKind.sameFile(path, $0.path) }) {
                throw CommandFailure("\(option): '\(path)' is \(other.role); refusing to overwrite it")
            }
            if kind == .folder { throw CommandFailure("\(option): '\(path)' is a folder; name a new file") }
            throw CommandFailure(
                "\(option): '\(path)' already exists (\(kind.name)); refusing to replace it, name a new file")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileKind(path: folder) == .folder else {
            throw CommandFailure("\(option): cannot write '\(path)': no folder '\(folder)'")
        }
    }

    /// Creates `path` for writing, failing if anything appeared there since the checks (`O_CREAT | O_EXCL`).
    static func createExclusively(_ path: String, option: String) throws -> FileHandle {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw CommandFailure("\(option): cannot create '\(path)': \(reason); nothing was replaced")
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }
}
