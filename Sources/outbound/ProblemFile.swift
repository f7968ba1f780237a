import ContactImport
import Foundation

/// The `--errors` file: created (exclusively: never over anything) when the import starts, written as it runs,
/// removed again when the import does not commit, since then it describes nothing.
final class ProblemFile {
    private let path: String
    private let handle: FileHandle
    private var buffer = ""

    /// Creates the file; refuses anything already at `path` (naming the database or the input file when it is
    /// one of them) and a folder that does not exist.
    init(path: String, database: String, input: String) throws {
        try PathArgument.newFile(
            path, option: "--errors", others: [(database, "the --db database"), (input, "the input file")])
        handle = try PathArgument.createExclusively(path, option: "--errors")
        self.path = path
        buffer = RowProblemCSV.header + "\r\n"
    }

    func write(_ problem: RowProblem) throws {
        buffer += RowProblemCSV.line(for: problem)
        buffer += "\r\n"
        if buffer.utf8.count >= 1 << 16 { try drain() }
    }

    private func drain() throws {
        try handle.write(contentsOf: Data(buffer.utf8))
        buffer.removeAll(keepingCapacity: true)
    }

    func commit() throws {
        try drain()
        try handle.synchronize()
        try handle.close()
    }

    func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: path)
    }
}
