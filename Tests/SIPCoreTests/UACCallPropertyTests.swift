import SIPCore
import Testing

@Suite("Whatever arrives in whatever order, a call reports exactly one ending and finishes once its timers run out")
struct UACCallPropertyTests {
    @Test(arguments: 0..<4)
    func randomInputsNeverTrapAndEndOnce(_ seed: UInt64) throws {
        var random = SeededGenerator(seed: 1000 + seed)
        let names = ["answer", "busy", "auth", "authwrong", "calleebye", "ringcancel", "early404", "proxy407"]
        var incoming: [[UInt8]] = []
        for name in names { incoming += try SIPpCapture.steps(name).filter { !$0.outgoing }.map(\.bytes) }
        let parser = SIPParser()
        for index in 0..<150 {
            let name = names[index % names.count]
            var call = try SIPpPolicy.call(
                name, port: 5070, credentials: DigestCredentials(username: "alice", password: "s3cret"))
            var timers: [CallTimer] = []
            var endings = 0
            func take(_ actions: [CallAction]) {
                for action in actions {
                    if case .startTimer(let timer, _) = action { timers.append(timer) }
                    if case .event(.ended) = action { endings += 1 }
                }
            }
            take(call.start())
            for _ in 0..<25 {
                switch random.next() % 6 {
                case 0, 1, 2:
                    var datagram = incoming[Int(random.next() % UInt64(incoming.count))]
                    if random.next() % 3 == 0 {
                        datagram[Int(random.next() % UInt64(datagram.count))] = UInt8(truncatingIfNeeded: random.next())
                    }
                    if let message = try? parser.parse(datagram) { take(call.receive(message)) }
                case 3:
                    if !timers.isEmpty {
                        take(call.timerFired(timers.remove(at: Int(random.next() % UInt64(timers.count)))))
                    }
                case 4:
                    take(
                        random.next() % 2 == 0
                            ? call.hangUp() : call.cancel(random.next() % 2 == 0 ? .engine : .ringTimeout))
                default:
                    if random.next() % 5 == 0 { take(call.transportFailed()) }
                }
            }
            take(call.hangUp())
            while !timers.isEmpty { take(call.timerFired(timers.removeFirst())) }
            #expect(endings == 1, "call \(index) (\(name)) reported \(endings) endings")
            #expect(call.isFinished, "call \(index) (\(name)) is not finished")
        }
    }
}
