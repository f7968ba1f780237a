import SIPCore
import Testing

@Suite("RFC 4475 torture messages: the valid ones parse to the right values, the invalid ones are refused")
struct TortureTests {
    let parser = SIPParser()

    /// §3.1.1, §3.2, §3.3 and §3.4: syntactically valid messages (some are refused later, by the application).
    @Test(arguments: [
        "wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "dblreq", "semiuri", "transports",
        "mpart01", "unreason", "noreason", "badbranch", "bcast", "zeromf", "inv2543", "unkscm",
        "novelsc", "unksm2", "regaut01", "sdp01", "cparam01", "cparam02", "regescrt", "invut", "bext01",
    ])
    func validMessagesParse(_ name: String) throws {
        _ = try parser.parse(try Fixture.rfc4475(name))
    }

    /// §3.1.2 and §3.3.1, §3.3.8, §3.3.9: each refused, with the reason it is refused for.
    @Test(arguments: [
        ("badinv01", "Via"), ("clerr", "Content-Length"), ("ncl", "Content-Length"), ("scalar02", "CSeq"),
        ("scalarlg", "CSeq"), ("quotbal", "To"), ("ltgtruri", "start line"), ("lwsruri", "start line"),
        ("lwsstart", "start line"), ("trws", "start line"), ("escruri", "start line"), ("baddate", "Date"),
        ("regbadct", "Contact"), ("badaspec", "To"), ("baddn", "From"), ("badvers", "start line"),
        ("mismatch01", "CSeq"), ("mismatch02", "CSeq"), ("bigcode", "start line"), ("insuf", "missing"),
        ("multi01", "From"), ("mcl01", "Content-Length"),
    ])
    func invalidMessagesAreRefused(_ name: String, _ about: String) throws {
        let bytes = try Fixture.rfc4475(name)
        guard let error = #expect(throws: SIPError.self, performing: { try parser.parse(bytes) }) else { return }
        switch error {
        case .badStartLine: #expect(about == "start line", "\(name): \(String(describing: error))")
        case .badContentLength: #expect(about == "Content-Length", "\(name): \(String(describing: error))")
        case .missingHeader: #expect(about == "missing", "\(name): \(String(describing: error))")
        case .badValue(let header, _): #expect(header == about, "\(name): \(String(describing: error))")
        default: Issue.record("\(name): unexpected \(String(describing: error))")
        }
    }

    @Test func shortTortuousInviteValues() throws {
        guard case .request(let invite) = try parser.parse(try Fixture.rfc4475("wsinv")) else {
            throw TortureFailure()
        }
        #expect(invite.method == .invite)
        #expect(invite.uri.user == "vivekg" && invite.uri.host == "chair-dnrc.example.com")
        #expect(invite.uri.parameters.contains("unknownparam"))
        let to = try invite.headers.to()
        #expect(to.uri.user == "vivekg" && to.tag == "1918181833n" && to.displayName == nil)
        let from = try invite.headers.from()
        #expect(from.displayName == #"J Rosenberg \""# && from.tag == "98asjd8")
        #expect(invite.headers["max-forwards"] == "0068")
        #expect(try invite.headers.cseq() == CSeq(9, .invite))
        let vias = try invite.headers.vias()
        #expect(vias.map(\.transport) == ["UDP", "TCP", "UDP"])
        #expect(vias.map(\.host) == ["192.0.2.2", "spindle.example.com", "192.168.255.111"])
        #expect(vias.map(\.branch) == ["390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239"])
        #expect(invite.headers["subject"] == "")
        #expect(invite.headers["NewFangledHeader"] == "newfangled value continued newfangled value")
        let contact = try #require(try invite.headers.addresses("Contact").first)
        #expect(contact.displayName == #"Quoted string """#)
        #expect(contact.parameters["newparam"] == .some("newvalue") && contact.parameters["q"] == .some("0.33"))
        #expect(contact.parameters["secondparam"] == .some(nil))
        #expect(invite.body.count == 150)
        #expect(try invite.headers.addresses("Route").first?.uri.parameters["unknownwith"] == .some("value"))
    }

    @Test func unusualCharactersSurvive() throws {
        guard case .request(let request) = try parser.parse(try Fixture.rfc4475("intmeth")) else {
            throw TortureFailure()
        }
        #expect(request.method.rawValue == "!interesting-Method0123456789_*+`.%indeed'~")
        #expect(request.uri.host == "example.com")
        #expect(
            request.uri.user
                == "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)")
        #expect(try request.headers.to().displayName == "BEL:\u{07} NUL:\u{00} DEL:\u{7F}")
        #expect(try request.headers.from().displayName == "token1~` token2'+_ token3*%!.-")
        #expect(try request.headers.from().tag == "_token~1'+`*%!-.")
        #expect(try request.headers.callID() == #"intmeth.word%ZK-!.*_+'@word`~)(><:\/"][?}{"#)
    }

    @Test func extraOctetsAfterContentLengthAreIgnoredAndResponsesParse() throws {
        guard case .request(let register) = try parser.parse(try Fixture.rfc4475("dblreq")) else {
            throw TortureFailure()
        }
        #expect(register.method == .register && register.body.isEmpty)
        guard case .response(let trying) = try parser.parse(try Fixture.rfc4475("noreason")) else {
            throw TortureFailure()
        }
        #expect(trying.statusCode == 100 && trying.reason == "")
        guard case .response(let ok) = try parser.parse(try Fixture.rfc4475("unreason")) else {
            throw TortureFailure()
        }
        #expect(ok.reason.hasSuffix("простое"))
    }

    @Test func unknownSchemesStayOpaque() throws {
        guard case .request(let request) = try parser.parse(try Fixture.rfc4475("unksm2")) else {
            throw TortureFailure()
        }
        #expect(try request.headers.to().uri == SIPURI.parse("isbn:2983792873"))
        #expect(try request.headers.from().uri.opaque == "//www.example.com")
        guard case .request(let novel) = try parser.parse(try Fixture.rfc4475("novelsc")) else {
            throw TortureFailure()
        }
        #expect(novel.uri.scheme == "soap.beep" && novel.uri.description == "soap.beep://192.0.2.103:3002")
    }

    struct TortureFailure: Error {}
}
