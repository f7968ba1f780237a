/// Every way a SIP message, header, SDP body or digest challenge can be refused, with the context that says why.
public enum SIPError: Error, Equatable, Sendable {
    /// The message is larger than the parser accepts.
    case tooLarge(size: Int, limit: Int)
    /// The message ended before its header section did.
    case incomplete(String)
    /// The start line is not a request line or a status line.
    case badStartLine(String)
    /// A header line is not `name: value`, or a name holds a character a token may not.
    case badHeader(line: Int, reason: String)
    /// Bytes that are not UTF-8 in the start line or a header.
    case notUTF8(line: Int)
    /// A header the message must carry is missing.
    case missingHeader(String)
    /// A header's value could not be parsed.
    case badValue(header: String, reason: String)
    /// Content-Length says more bytes than the datagram holds, or is not a number.
    case badContentLength(String)
    /// Too many headers, or a header too long.
    case limitExceeded(String)
    /// The SDP body is not one we can use.
    case sdp(String)
    /// A digest challenge we cannot answer.
    case digest(String)
}
