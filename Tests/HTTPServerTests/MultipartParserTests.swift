import Testing

@testable import HTTPServer

@Suite("The streaming multipart/form-data parser: boundaries across chunks, CRLF, limits and malformed forms")
struct MultipartParserTests {
    static let boundary = "----outbound7MA4YWxk"

    static func form(_ parts: [(headers: String, content: String)], close: Bool = true) -> [UInt8] {
        var text = "preamble to ignore\r\n"
        for part in parts {
            text += "--\(boundary)\r\n\(part.headers)\r\n\r\n\(part.content)\r\n"
        }
        if close { text += "--\(boundary)--\r\nepilogue" }
        return Array(text.utf8)
    }

    static let fileHeaders =
        "Content-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nContent-Type: text/csv"

    /// Feeds `bytes` in chunks of `size`; the contents of each part, and the parts' headers.
    static func parse(_ bytes: [UInt8], chunk size: Int) throws -> (contents: [String], headers: [[String: String]]) {
        var parser = MultipartParser(boundary: boundary)
        var contents: [String] = []
        var headers: [[String: String]] = []
        var current: [UInt8] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + size)
            for event in try parser.feed(bytes[start..<end]) {
                switch event {
                case .part(let fields):
                    headers.append(fields)
                    current = []
                case .content(let data): current += data
                case .partEnd: contents.append(String(decoding: current, as: UTF8.self))
                }
            }
            start = end
        }
        try parser.finish()
        return (contents, headers)
    }

    @Test("every chunk size, from one byte up, gives the same parts: a boundary split across chunks is found")
    func boundariesSplitAcrossChunks() throws {
        let csv = "phone_number,name\r\n+12125550100,\"Ada\r\n--not a boundary\"\r\n+13125550101,Cy\r\n"
        let bytes = Self.form([(Self.fileHeaders, csv), ("Content-Disposition: form-data; name=\"note\"", "hi")])
        for size in [1, 2, 3, 7, 16, 41, 64, 1000, bytes.count] {
            let parsed = try Self.parse(bytes, chunk: size)
            #expect(parsed.contents == [csv, "hi"], "chunk size \(size)")
            #expect(parsed.headers.first?["content-type"] == "text/csv")
        }
    }

    @Test("CRLF handling: the line end before a boundary belongs to the boundary; bare LFs and CRs are content")
    func lineEnds() throws {
        let content = "a\nb\rc\r\n\r\n"
        let parsed = try Self.parse(Self.form([(Self.fileHeaders, content)]), chunk: 5)
        #expect(parsed.contents == [content])
        let empty = try Self.parse(Self.form([(Self.fileHeaders, "")]), chunk: 3)
        #expect(empty.contents == [""])
        // The body may open with the boundary itself (no preamble, no line end before it).
        let bare = Array("--\(Self.boundary)\r\n\(Self.fileHeaders)\r\n\r\nx\r\n--\(Self.boundary)--".utf8)
        #expect(try Self.parse(bare, chunk: 4).contents == ["x"])
    }

    @Test("a body that ends before its closing boundary is refused")
    func missingClosingBoundary() {
        let bytes = Self.form([(Self.fileHeaders, "phone_number\r\n+12125550100\r\n")], close: false)
        #expect(throws: MultipartError.missingClosingBoundary) { try Self.parse(bytes, chunk: 10) }
        #expect(throws: MultipartError.noOpeningBoundary) { try Self.parse(Array("just text".utf8), chunk: 4) }
    }

    @Test("part headers longer than the limit are refused without waiting for their end")
    func partHeadersTooLarge() {
        let huge =
            "Content-Disposition: form-data; name=\"file\"\r\nX-Padding: " + String(repeating: "a", count: 20_000)
        #expect(throws: MultipartError.partHeadersTooLarge(limit: 8 << 10)) {
            try Self.parse(Self.form([(huge, "x")]), chunk: 512)
        }
        #expect(throws: MultipartError.partHeadersTooLarge(limit: 8 << 10)) {
            try Self.parse(Self.form([(huge, "x")], close: false).prefix(12_000).map { $0 }, chunk: 512)
        }
    }

    @Test("a header line without a colon and a boundary followed by text are malformed")
    func malformed() {
        #expect(throws: MultipartError.malformedPartHeaders("'no colon here' is not a header line")) {
            try Self.parse(Self.form([("no colon here", "x")]), chunk: 8)
        }
        let glued = Array("--\(Self.boundary)garbage\r\n\r\nx\r\n--\(Self.boundary)--".utf8)
        #expect(throws: MultipartError.malformedBoundaryLine) { try Self.parse(glued, chunk: 8) }
    }

    @Test("the boundary parameter, quoted or not; missing or too long is refused")
    func boundaryParameter() throws {
        #expect(try MultipartParser.boundary(contentType: "multipart/form-data; boundary=abc123") == "abc123")
        #expect(
            try MultipartParser.boundary(contentType: "multipart/form-data; charset=utf-8; boundary=\"a b;c\"")
                == "a b;c")
        #expect(try MultipartParser.boundary(contentType: "Multipart/Form-Data;BOUNDARY=\"x\\\"y\"") == "x\"y")
        #expect(throws: MultipartError.self) { try MultipartParser.boundary(contentType: "multipart/form-data") }
        #expect(throws: MultipartError.self) {
            try MultipartParser.boundary(
                contentType: "multipart/form-data; boundary=" + String(repeating: "b", count: 71))
        }
        #expect(throws: MultipartError.self) {
            try MultipartParser.boundary(contentType: "multipart/form-data; boundary=\"\"")
        }
    }

    @Test("the file part's content streams out alone; no file part, two file parts or another field are refused")
    func filePart() async throws {
        let csv = "phone_number\r\n+12125550100\r\n"
        let one = Self.form([(Self.fileHeaders, csv)])
        #expect(try await MultipartForms.file(one, boundary: Self.boundary, chunk: 3) == csv)
        await #expect(throws: MultipartError.noFilePart) {
            try await MultipartForms.file(Self.form([]), boundary: Self.boundary, chunk: 3)
        }
        await #expect(throws: MultipartError.secondFilePart) {
            try await MultipartForms.file(
                Self.form([(Self.fileHeaders, csv), (Self.fileHeaders, csv)]), boundary: Self.boundary, chunk: 7)
        }
        await #expect(throws: MultipartError.unexpectedField("region")) {
            try await MultipartForms.file(
                Self.form([("Content-Disposition: form-data; name=\"region\"", "US"), (Self.fileHeaders, csv)]),
                boundary: Self.boundary, chunk: 7)
        }
        await #expect(throws: MultipartError.self) {
            try await MultipartForms.file(
                Self.form([("Content-Type: text/csv", csv)]), boundary: Self.boundary, chunk: 7)
        }
    }
}

/// A form fed through ``MultipartFileUpload`` in chunks of `chunk` bytes.
enum MultipartForms {
    struct Chunks: AsyncSequence, Sendable {
        let bytes: [UInt8]
        let size: Int

        struct AsyncIterator: AsyncIteratorProtocol {
            let bytes: [UInt8]
            let size: Int
            var start = 0
            mutating func next() async -> ArraySlice<UInt8>? {
                guard start < bytes.count else { return nil }
                defer { start += size }
                return bytes[start..<Swift.min(bytes.count, start + size)]
            }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(bytes: bytes, size: size) }
    }

    static func file(_ bytes: [UInt8], boundary: String, chunk: Int) async throws -> String {
        var content: [UInt8] = []
        for try await part in MultipartFileUpload(base: Chunks(bytes: bytes, size: chunk), boundary: boundary) {
            content += part
        }
        return String(decoding: content, as: UTF8.self)
    }
}
