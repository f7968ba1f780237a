import Foundation

/// One SIPp UAS (Debian `sip-tester`) started by `outbound bench sip` on 127.0.0.1: a scenario written to the bench's
/// folder, its screen to a log file, its statistics to a CSV file every second (`-trace_stat`), read when it ends.
struct SipBenchPeer {
    let process: Process
    let port: Int
    let statistics: URL

    /// What SIPp counted, from the last line of its statistics file.
    struct Counts {
        var successful = 0
        var failed = 0
        var retransmissions = 0
        var unexpected = 0
    }

    static func sippPath() throws -> String {
        guard let sipp = ["/usr/bin/sipp", "/usr/local/bin/sipp"].first(where: FileManager.default.isExecutableFile)
        else { throw CommandFailure("sipp is not installed (Debian sip-tester)") }
        return sipp
    }

    /// Starts SIPp with `scenario` (its XML text) on `port`, its media on `mediaPort`, for `calls` calls at most.
    static func start(
        scenario: String, name: String, port: Int, mediaPort: Int, calls: Int, timeout: Int, in folder: URL
    ) throws -> SipBenchPeer {
        let sipp = try sippPath()
        let file = folder.appendingPathComponent("\(name).xml")
        try scenario.write(to: file, atomically: true, encoding: .isoLatin1)
        let statistics = folder.appendingPathComponent("\(name)-stat.csv")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sipp)
        process.arguments = [
            "-sf", file.path, "-i", "127.0.0.1", "-p", String(port), "-mi", "127.0.0.1", "-mp", String(mediaPort),
            "-m", String(calls), "-nostdin", "-timeout", "\(timeout)s", "-trace_stat", "-stf", statistics.path,
            "-fd", "1", "-trace_err", "-error_file", folder.appendingPathComponent("\(name)-errors.log").path,
            "-max_recv_loops", "10000", "-max_sched_loops", "10000",
        ]
        process.currentDirectoryURL = folder
        let log = folder.appendingPathComponent("\(name).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try handle.close()
        return SipBenchPeer(process: process, port: port, statistics: statistics)
    }

    /// Waits up to `timeout` for SIPp to finish its calls (then interrupts it) and reads its counts.
    func finish(timeout: Duration) async -> Counts {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGINT)
            let grace = ContinuousClock.now + .seconds(3)
            while process.isRunning, ContinuousClock.now < grace { try? await Task.sleep(for: .milliseconds(50)) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        return counts()
    }

    /// Kills SIPp at once.
    func kill9() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    private func counts() -> Counts {
        guard let text = try? String(contentsOf: statistics, encoding: .utf8) else { return Counts() }
        let lines = text.split(separator: "\n").filter { !$0.isEmpty }
        guard let header = lines.first, lines.count > 1, let last = lines.last else { return Counts() }
        let names = header.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        let values = last.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        func value(_ name: String) -> Int {
            guard let index = names.firstIndex(of: name), index < values.count else { return 0 }
            return Int(values[index].trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return Counts(
            successful: value("SuccessfulCall(C)"), failed: value("FailedCall(C)"),
            retransmissions: value("Retransmissions(C)"), unexpected: value("FailedUnexpectedMessage(C)"))
    }
}

/// The bench's SIPp scenarios.
enum SipBenchScenario {
    static let answer = """
        SIP/2.0 200 OK
        [last_Via:]
        [last_From:]
        [last_To:];tag=[pid]SIPpTag01[call_number]
        [last_Call-ID:]
        [last_CSeq:]
        Contact: <sip:callee@[local_ip]:[local_port]>
        Content-Type: application/sdp
        Content-Length: [len]

        v=0
        o=user1 53655765 2353687637 IN IP4 [media_ip]
        s=-
        c=IN IP4 [media_ip]
        t=0 0
        m=audio [media_port] RTP/AVP 0 101
        a=rtpmap:0 PCMU/8000
        a=rtpmap:101 telephone-event/8000
        a=sendrecv

        """

    static let byeAnswer = """
        SIP/2.0 200 OK
        [last_Via:]
        [last_From:]
        [last_To:]
        [last_Call-ID:]
        [last_CSeq:]
        Content-Length: 0

        """

    /// Answers at once (no ringing), takes the ACK, then waits for our BYE: the CPS runs hang up as soon as answered.
    static let quickAnswer = """
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="bench: answer at once, wait for the BYE">
          <recv request="INVITE"/>
          <send><![CDATA[
        \(answer)
        ]]></send>
          <recv request="ACK"/>
          <recv request="BYE"/>
          <send><![CDATA[
        \(byeAnswer)
        ]]></send>
        </scenario>
        """

    /// Answers, streams `audio` (raw μ-law, looped) to the caller's SDP address, then waits for our BYE.
    static func answerAndStream(audio: String) -> String {
        """
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="bench: answer, stream audio, wait for the BYE">
          <recv request="INVITE"/>
          <send><![CDATA[
        \(answer)
        ]]></send>
          <recv request="ACK">
            <action>
              <exec rtp_stream="\(audio),-1,0"/>
            </action>
          </recv>
          <recv request="BYE"/>
          <send><![CDATA[
        \(byeAnswer)
        ]]></send>
        </scenario>
        """
    }
}
