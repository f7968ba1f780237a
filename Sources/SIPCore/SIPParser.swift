/// Parses one datagram into a request or a response (RFC 3261 §7, §18.3), byte by byte, without regular expressions.
///
/// Every input is treated as hostile: a message is accepted only when its start line, its Via, From, To, Call-ID,
/// CSeq, Max-Forwards, Contact, Route and Record-Route values parse, and refused with a typed ``SIPError`` otherwise.
/// Line folding is undone, compact header names are understood, leading CRLFs (keep-alives) are skipped, and the
/// body is cut to Content-Length (bytes beyond it are ignored; fewer than it is an error).
public struct SIPParser: Sendable {
    /// The largest datagram accepted.
    public var maximumSize: Int
    /// The most header lines accepted.
    public var maximumHeaders: Int

    /// A parser with limits suited to UDP.
    public init(maximumSize: Int = 65_535, maximumHeaders: Int = 256) {
        self.maximumSize = maximumSize
        self.maximumHeaders = maximumHeaders
    }

    /// Parses one message.
    public func parse(_ bytes: [UInt8]) throws(SIPError) -> SIPMessage {
        guard bytes.count <= maximumSize else { throw .tooLarge(size: bytes.count, limit: maximumSize) }
        let head = try split(bytes)
        let startLine = try Self.text(head.startLine, line: 1)
        let headers = SIPHeaders(head.headers)
        let body = try Self.body(bytes, from: head.bodyStart, headers: headers)
        if startLine.hasPrefix("SIP/") {
            let (code, reason) = try Self.statusLine(startLine)
            try SIPValidator.validate(headers, requestMethod: nil)
            return .response(SIPResponse(statusCode: code, reason: reason, headers: headers, body: body))
        }
        let (method, uri) = try Self.requestLine(startLine)
        try SIPValidator.validate(headers, requestMethod: method)
        return .request(SIPRequest(method: method, uri: uri, headers: headers, body: body))
    }

    /// Parses UTF-8 text (a convenience for tests and fixtures).
    public func parse(_ text: String) throws(SIPError) -> SIPMessage { try parse(Array(text.utf8)) }

    private struct Head {
        var startLine: ArraySlice<UInt8>
        var headers: [SIPHeader]
        var bodyStart: Int
    }

    private func split(_ bytes: [UInt8]) throws(SIPError) -> Head {
        var index = 0
        while index < bytes.count, bytes[index] == Byte.cr || bytes[index] == Byte.lf { index += 1 }
        guard index < bytes.count else { throw .incomplete("no start line") }
        var startLine: ArraySlice<UInt8>?
        var headers: [SIPHeader] = []
        var current: (name: String, value: [UInt8], line: Int)?
        var lineNumber = 0
        while true {
            let line: ArraySlice<UInt8>
            if let newline = bytes[index...].firstIndex(of: Byte.lf) {
                var end = newline
                if end > index, bytes[end - 1] == Byte.cr { end -= 1 }
                line = bytes[index..<end]
                index = newline + 1
            } else if index == bytes.count {
                // The datagram ends after a whole header line without the blank line: taken as no body.
                line = []
            } else {
                throw .incomplete("the header section has no blank line after it")
            }
            lineNumber += 1
            if line.isEmpty {
                if let header = current { headers.append(try Self.finish(header)) }
                guard let startLine else { throw .incomplete("no start line") }
                return Head(startLine: startLine, headers: headers, bodyStart: index)
            }
            guard startLine != nil else {
                startLine = line
                continue
            }
            if line.first == Byte.space || line.first == Byte.tab {
                guard current != nil else { throw .badHeader(line: lineNumber, reason: "continuation of nothing") }
                current?.value += [Byte.space] + Self.trim(line)
                continue
            }
            if let header = current { headers.append(try Self.finish(header)) }
            guard headers.count < maximumHeaders else { throw .limitExceeded("more than \(maximumHeaders) headers") }
            current = try Self.headerLine(line, lineNumber: lineNumber)
        }
    }

    private static func headerLine(
        _ line: ArraySlice<UInt8>, lineNumber: Int
    ) throws(SIPError) -> (name: String, value: [UInt8], line: Int) {
        guard let colon = line.firstIndex(of: Byte.colon) else {
            throw .badHeader(line: lineNumber, reason: "no colon")
        }
        let name = trim(line[..<colon])
        guard !name.isEmpty, name.allSatisfy(Byte.isToken) else {
            throw .badHeader(line: lineNumber, reason: "the name is empty or not a token")
        }
        return (String(decoding: name, as: UTF8.self), Array(trim(line[(colon + 1)...])), lineNumber)
    }

    private static func finish(_ header: (name: String, value: [UInt8], line: Int)) throws(SIPError) -> SIPHeader {
        SIPHeader(header.name, try text(trim(header.value[...]), line: header.line))
    }

    private static func trim(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, Byte.isWhitespace(first) { slice = slice.dropFirst() }
        while let last = slice.last, Byte.isWhitespace(last) { slice = slice.dropLast() }
        return slice
    }

    private static func text(_ bytes: ArraySlice<UInt8>, line: Int) throws(SIPError) -> String {
        guard let text = Byte.utf8(bytes) else { throw .notUTF8(line: line) }
        return text
    }

    private static func body(_ bytes: [UInt8], from start: Int, headers: SIPHeaders) throws(SIPError) -> [UInt8] {
        let lengths = headers.values("content-length")
        let available = bytes.count - start
        guard !lengths.isEmpty else { return Array(bytes[start...]) }
        guard lengths.count == 1 else { throw .badContentLength("\(lengths.count) Content-Length values") }
        guard let length = Byte.decimal(Substring(lengths[0]), limit: UInt64(Int32.max)) else {
            throw .badContentLength("not a number: \(lengths[0].prefix(40))")
        }
        guard Int(length) <= available else {
            throw .badContentLength("says \(length) bytes, the datagram holds \(available)")
        }
        return Array(bytes[start..<(start + Int(length))])
    }

    private static func statusLine(_ line: String) throws(SIPError) -> (Int, String) {
        let bytes = Array(line.utf8)
        guard let space = bytes.firstIndex(of: Byte.space),
            String(decoding: bytes[..<space], as: UTF8.self).uppercased() == "SIP/2.0"
        else { throw .badStartLine("unsupported version in the status line") }
        let codeEnd = space + 4
        guard codeEnd <= bytes.count, bytes[(space + 1)..<codeEnd].allSatisfy(Byte.isDigit),
            codeEnd == bytes.count || bytes[codeEnd] == Byte.space,
            let code = Int(String(decoding: bytes[(space + 1)..<codeEnd], as: UTF8.self)), (100...699).contains(code)
        else { throw .badStartLine("the status code is not three digits from 100 to 699") }
        let reason = codeEnd < bytes.count ? String(decoding: bytes[(codeEnd + 1)...], as: UTF8.self) : ""
        return (code, reason)
    }

    private static func requestLine(_ line: String) throws(SIPError) -> (SIPMethod, SIPURI) {
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
            throw .badStartLine("a request line is METHOD SP URI SP SIP/2.0, single spaces")
        }
        guard parts[2].uppercased() == "SIP/2.0" else { throw .badStartLine("unsupported version \(parts[2])") }
        guard parts[0].utf8.allSatisfy(Byte.isToken) else { throw .badStartLine("the method is not a token") }
        let uri: SIPURI
        do { uri = try SIPURI.parse(String(parts[1]), header: "Request-URI") } catch {
            throw .badStartLine("the Request-URI is malformed: \(error)")
        }
        guard uri.headers == nil else { throw .badStartLine("the Request-URI holds headers") }
        return (SIPMethod(String(parts[0])), uri)
    }
}
