extension SIPHeaders {
    /// Every Via value, top first, across all Via lines.
    public func vias() throws(SIPError) -> [Via] {
        var out: [Via] = []
        for value in values("via") { out += try Via.parseList(value) }
        return out
    }

    /// The top Via value.
    public func topVia() throws(SIPError) -> Via {
        guard let value = self["via"] else { throw .missingHeader("Via") }
        var scanner = ByteScanner(value)
        return try Via.parse(&scanner)
    }

    /// The From value.
    public func from() throws(SIPError) -> NameAddress { try single("from", "From") }

    /// The To value.
    public func to() throws(SIPError) -> NameAddress { try single("to", "To") }

    /// The Call-ID.
    public func callID() throws(SIPError) -> String {
        guard let value = self["call-id"], !value.isEmpty else { throw .missingHeader("Call-ID") }
        return value
    }

    /// The CSeq value.
    public func cseq() throws(SIPError) -> CSeq {
        guard let value = self["cseq"] else { throw .missingHeader("CSeq") }
        return try CSeq.parse(value)
    }

    /// Every address of the lines named `name` (Contact, Route, Record-Route), in order.
    public func addresses(_ name: String) throws(SIPError) -> [NameAddress] {
        var out: [NameAddress] = []
        for value in values(name) { out += try NameAddress.parseList(value, header: name) }
        return out
    }

    private func single(_ key: String, _ name: String) throws(SIPError) -> NameAddress {
        guard let value = self[key] else { throw .missingHeader(name) }
        return try NameAddress.parse(value, header: name)
    }
}
