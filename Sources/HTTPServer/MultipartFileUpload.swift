/// The content of the one `file` part of a `multipart/form-data` body, as it arrives: the body's chunks go through a
/// ``MultipartParser`` and only the file's bytes come out, so the upload can be spooled to disk like a `text/csv`
/// body. Any other field, a second file part, no file part or a malformed body fails the sequence with a
/// ``MultipartError`` (the spool then removes what it wrote, and nothing is imported).
struct MultipartFileUpload<Base: AsyncSequence>: AsyncSequence
where Base.Element: Collection, Base.Element.Element == UInt8 {
    typealias Element = [UInt8]

    /// The form field that carries the file.
    static var fieldName: String { "file" }

    let base: Base
    let boundary: String

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        var parser: MultipartParser
        var pending: [[UInt8]] = []
        var inFile = false
        var sawFile = false
        var ended = false

        mutating func next() async throws -> [UInt8]? {
            while pending.isEmpty {
                guard !ended else { return nil }
                guard let chunk = try await base.next() else {
                    ended = true
                    try parser.finish()
                    guard sawFile else { throw MultipartError.noFilePart }
                    return nil
                }
                for event in try parser.feed(chunk) { try take(event) }
            }
            return pending.removeFirst()
        }

        mutating func take(_ event: MultipartParser.Event) throws(MultipartError) {
            switch event {
            case .part(let headers):
                guard let disposition = headers["content-disposition"],
                    disposition.split(separator: ";").first?.trimmingSpaces.lowercased() == "form-data",
                    let name = MultipartParser.parameters(disposition)["name"]
                else { throw .malformedPartHeaders("a part needs 'Content-Disposition: form-data; name=…'") }
                guard name == MultipartFileUpload.fieldName else { throw .unexpectedField(name) }
                guard !sawFile else { throw .secondFilePart }
                sawFile = true
                inFile = true
            case .content(let bytes):
                if inFile { pending.append(bytes) }
            case .partEnd:
                inFile = false
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), parser: MultipartParser(boundary: boundary))
    }
}
