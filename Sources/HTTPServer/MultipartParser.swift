#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a `multipart/form-data` body was refused.
public enum MultipartError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The `Content-Type` has no usable `boundary` parameter.
    case badBoundary(String)
    /// No boundary line within the first bytes of the body.
    case noOpeningBoundary
    /// A boundary line followed by something other than a line end or `--`.
    case malformedBoundaryLine
    /// A part header line without a colon, or a part without `Content-Disposition: form-data; name=…`.
    case malformedPartHeaders(String)
    /// A part's header lines are longer than the limit.
    case partHeadersTooLarge(limit: Int)
    /// The body ended before its closing boundary (`--boundary--`).
    case missingClosingBoundary
    /// The form has no part named `file`.
    case noFilePart
    /// The form has two parts named `file`.
    case secondFilePart
    /// The form has a part other than `file`.
    case unexpectedField(String)

    public var description: String {
        switch self {
        case .badBoundary(let reason): return "the multipart Content-Type needs a boundary parameter: \(reason)"
        case .noOpeningBoundary: return "the multipart body does not start with its boundary"
        case .malformedBoundaryLine: return "a multipart boundary line is followed by something else than a line end"
        case .malformedPartHeaders(let reason): return "malformed multipart part headers: \(reason)"
        case .partHeadersTooLarge(let limit): return "a multipart part's headers are longer than \(limit) bytes"
        case .missingClosingBoundary: return "the multipart body ends before its closing boundary"
        case .noFilePart: return "the form has no part named 'file' (send the CSV as the form's file field)"
        case .secondFilePart: return "the form has two parts named 'file'; send one file per upload"
        case .unexpectedField(let name): return "the form's only field is 'file'; '\(name)' is not taken"
        }
    }
}

/// A streaming `multipart/form-data` parser (RFC 7578, RFC 2046 §5.1): bytes are fed as they arrive, in chunks of
/// any size (a boundary may be split across chunks), and come out as events; it holds at most one chunk plus a
/// boundary's length, never the body.
public struct MultipartParser: Sendable {
    /// What the body holds, in order.
    public enum Event: Equatable, Sendable {
        /// A part starts, with its header fields (names in lower case).
        case part([String: String])
        /// Bytes of the current part's content.
        case content([UInt8])
        /// The current part ended.
        case partEnd
    }

    enum State { case preamble, afterDelimiter, headers, content, epilogue }

    /// The longest preamble (bytes before the first boundary) taken.
    public static let maxPreamble = 16 << 10

    /// `\r\n--boundary`.
    let delimiter: [UInt8]
    let maxHeaderBytes: Int
    var state = State.preamble
    var buffer: [UInt8]
    var preambleBytes = 0
    var headerBytes = 0
    var headers: [String: String] = [:]

    /// A parser of a body delimited by `boundary`; part headers longer than `maxHeaderBytes` are refused.
    public init(boundary: String, maxHeaderBytes: Int = 8 << 10) {
        delimiter = Array("\r\n--\(boundary)".utf8)
        self.maxHeaderBytes = maxHeaderBytes
        // The first boundary may open the body without a line end before it.
        buffer = [13, 10]
    }

    /// The `boundary` parameter of a `multipart/form-data` Content-Type, quoted or not (1 to 70 characters).
    public static func boundary(contentType: String) throws(MultipartError) -> String {
        let parameters = Self.parameters(contentType)
        guard let boundary = parameters["boundary"] else { throw .badBoundary("there is none") }
        guard (1...70).contains(boundary.utf8.count), boundary.utf8.allSatisfy({ (0x20...0x7E).contains($0) }),
            boundary.last != " "
        else { throw .badBoundary("it must be 1 to 70 visible ASCII characters") }
        return boundary
    }

    /// The `;`-separated `name=value` parameters after a header's first item, names in lower case; values may be
    /// quoted strings (with `\` escapes).
    public static func parameters(_ header: String) -> [String: String] {
        var result: [String: String] = [:]
        var scalars = Substring(header).unicodeScalars[...]
        // Skip the first item (the media type or disposition type).
        guard let semicolon = scalars.firstIndex(of: ";") else { return result }
        scalars = scalars[scalars.index(after: semicolon)...]
        while !scalars.isEmpty {
            while let first = scalars.first, first == " " || first == "\t" || first == ";" { scalars.removeFirst() }
            guard let equals = scalars.firstIndex(of: "=") else { break }
            let name = String(String.UnicodeScalarView(scalars[..<equals])).trimmingSpaces.lowercased()
            scalars = scalars[scalars.index(after: equals)...]
            var value = ""
            if scalars.first == "\"" {
                scalars.removeFirst()
                while let scalar = scalars.popFirst(), scalar != "\"" {
                    if scalar == "\\", let escaped = scalars.popFirst() {
                        value.unicodeScalars.append(escaped)
                    } else {
                        value.unicodeScalars.append(scalar)
                    }
                }
                if let end = scalars.firstIndex(of: ";") {
                    scalars = scalars[end...]
                } else {
                    scalars = scalars[scalars.endIndex...]
                }
            } else {
                let end = scalars.firstIndex(of: ";") ?? scalars.endIndex
                value = String(String.UnicodeScalarView(scalars[..<end])).trimmingSpaces
                scalars = scalars[end...]
            }
            if !name.isEmpty { result[name] = value }
        }
        return result
    }

    /// Takes the next bytes of the body; answers what they complete.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(MultipartError) -> [Event] {
        if state == .epilogue { return [] }
        buffer.append(contentsOf: bytes)
        var events: [Event] = []
        var position = 0
        defer { buffer.removeFirst(position) }
        while true {
            switch state {
            case .preamble:
                if let found = find(delimiter, from: position) {
                    position = found + delimiter.count
                    state = .afterDelimiter
                } else {
                    let keep = max(position, buffer.count - (delimiter.count - 1))
                    preambleBytes += keep - position
                    position = keep
                    if preambleBytes > Self.maxPreamble { throw .noOpeningBoundary }
                    return events
                }
            case .afterDelimiter:
                var index = position
                guard index + 1 < buffer.count else { return events }
                if buffer[index] == 0x2D && buffer[index + 1] == 0x2D {
                    state = .epilogue
                    position = buffer.count
                    return events
                }
                while index < buffer.count, buffer[index] == 0x20 || buffer[index] == 0x09 { index += 1 }
                guard index + 1 < buffer.count else {
                    if index - position > 64 { throw .malformedBoundaryLine }
                    return events
                }
                guard buffer[index] == 13, buffer[index + 1] == 10 else { throw .malformedBoundaryLine }
                position = index + 2
                state = .headers
                headers = [:]
                headerBytes = 0
            case .headers:
                guard let end = find([13, 10], from: position) else {
                    if headerBytes + buffer.count - position > maxHeaderBytes {
                        throw .partHeadersTooLarge(limit: maxHeaderBytes)
                    }
                    return events
                }
                headerBytes += end + 2 - position
                if headerBytes > maxHeaderBytes { throw .partHeadersTooLarge(limit: maxHeaderBytes) }
                let line = String(decoding: buffer[position..<end], as: UTF8.self)
                position = end + 2
                if line.isEmpty {
                    events.append(.part(headers))
                    state = .content
                } else {
                    guard let colon = line.firstIndex(of: ":") else {
                        throw .malformedPartHeaders("'\(line.prefix(80))' is not a header line")
                    }
                    headers[line[..<colon].trimmingSpaces.lowercased()] =
                        line[line.index(after: colon)...].trimmingSpaces
                }
            case .content:
                if let found = find(delimiter, from: position) {
                    if found > position { events.append(.content(Array(buffer[position..<found]))) }
                    events.append(.partEnd)
                    position = found + delimiter.count
                    state = .afterDelimiter
                } else {
                    // The last bytes may be the start of a delimiter split across chunks: keep them.
                    let keep = max(position, buffer.count - (delimiter.count - 1))
                    if keep > position { events.append(.content(Array(buffer[position..<keep]))) }
                    position = keep
                    return events
                }
            case .epilogue:
                position = buffer.count
                return events
            }
        }
    }

    /// The body ended: refuses it unless its closing boundary was read.
    public func finish() throws(MultipartError) {
        guard state == .epilogue else {
            throw state == .preamble ? .noOpeningBoundary : .missingClosingBoundary
        }
    }

    /// Where `needle` starts in the buffer at or after `start`, if all of it is there.
    func find(_ needle: [UInt8], from start: Int) -> Int? {
        let count = buffer.count
        guard count - start >= needle.count else { return nil }
        return buffer.withUnsafeBufferPointer { haystack -> Int? in
            needle.withUnsafeBufferPointer { pattern -> Int? in
                guard let base = haystack.baseAddress, let first = pattern.first else { return nil }
                var index = start
                let last = count - pattern.count
                while index <= last {
                    guard let hit = memchr(base + index, Int32(first), last - index + 1) else { return nil }
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, pattern.baseAddress!, pattern.count) == 0 { return at }
                    index = at + 1
                }
                return nil
            }
        }
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
