/// The header checks a parsed message must pass before anyone reads it.
enum SIPValidator {
    static func validate(_ headers: SIPHeaders, requestMethod: SIPMethod?) throws(SIPError) {
        for (key, name) in [("from", "From"), ("to", "To"), ("call-id", "Call-ID"), ("cseq", "CSeq")] {
            let count = headers.count(key)
            guard count > 0 else { throw .missingHeader(name) }
            guard count == 1 else { throw .badValue(header: name, reason: "\(count) values where one is allowed") }
        }
        guard headers.count("via") > 0 else { throw .missingHeader("Via") }
        _ = try headers.vias()
        _ = try headers.from()
        _ = try headers.to()
        let callID = try headers.callID()
        guard !callID.utf8.contains(where: Byte.isWhitespace) else {
            throw .badValue(header: "Call-ID", reason: "white space in the Call-ID")
        }
        let cseq = try headers.cseq()
        if let requestMethod, cseq.method != requestMethod {
            throw .badValue(header: "CSeq", reason: "method \(cseq.method) differs from the request's \(requestMethod)")
        }
        let maxForwards = headers.values("max-forwards")
        guard maxForwards.count <= 1 else { throw .badValue(header: "Max-Forwards", reason: "several values") }
        if let value = maxForwards.first, Byte.decimal(Substring(value), limit: 255) == nil {
            throw .badValue(header: "Max-Forwards", reason: "not a number from 0 to 255")
        }
        for value in headers.values("contact") where value.trimmingLWS() != "*" {
            _ = try NameAddress.parseList(value, header: "Contact")
        }
        _ = try headers.addresses("Route")
        _ = try headers.addresses("Record-Route")
        if let date = headers["date"], !date.hasSuffix("GMT") {
            throw .badValue(header: "Date", reason: "an RFC 1123 date must be in GMT")
        }
    }
}
