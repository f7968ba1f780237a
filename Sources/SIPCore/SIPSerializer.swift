/// Writes messages: the start line, each header as `Name: value`, a Content-Length from the body, then the body.
enum SIPSerializer {
    static func serialise(startLine: String, _ headers: SIPHeaders, _ body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512 + body.count)
        out.append(contentsOf: startLine.utf8)
        out.append(contentsOf: [Byte.cr, Byte.lf])
        for field in headers where field.key != "content-length" {
            out.append(contentsOf: field.name.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: field.value.utf8)
            out.append(contentsOf: [Byte.cr, Byte.lf])
        }
        out.append(contentsOf: "Content-Length: \(body.count)\r\n\r\n".utf8)
        out.append(contentsOf: body)
        return out
    }
}
