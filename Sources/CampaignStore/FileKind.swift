import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a path names, found with `lstat`/`stat` before anything opens it (opening a FIFO blocks, reading a device
/// never ends).
public enum FileKind: Equatable, Sendable {
    /// Nothing is there.
    case missing
    /// A regular file (or a symbolic link to one).
    case regularFile
    /// A folder (or a link to one).
    case folder
    /// A named pipe.
    case fifo
    /// A character or block device.
    case device
    /// A socket.
    case socket
    /// A symbolic link whose target does not exist.
    case brokenLink

    /// The kind of `path`, following symbolic links.
    public init(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            self = .missing
            return
        }
        if info.st_mode & S_IFMT == S_IFLNK {
            guard stat(path, &info) == 0 else {
                self = .brokenLink
                return
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: self = .regularFile
        case S_IFDIR: self = .folder
        case S_IFIFO: self = .fifo
        case S_IFCHR, S_IFBLK: self = .device
        default: self = .socket
        }
    }

    /// "a folder", "a FIFO (named pipe)", …: what a refusal names.
    public var name: String {
        switch self {
        case .missing: "nothing"
        case .regularFile: "a file"
        case .folder: "a folder"
        case .fifo: "a FIFO (named pipe)"
        case .device: "a device"
        case .socket: "a socket"
        case .brokenLink: "a broken symbolic link"
        }
    }

    /// Whether two existing paths are the same file (same device and inode).
    public static func sameFile(_ first: String, _ second: String) -> Bool {
        var one = stat()
        var two = stat()
        guard stat(first, &one) == 0, stat(second, &two) == 0 else { return false }
        return one.st_dev == two.st_dev && one.st_ino == two.st_ino
    }
}
