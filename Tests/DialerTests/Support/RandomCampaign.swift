import CampaignCore
import Dialer
import Foundation

/// A seeded random campaign for property tests: settings at the edges, contacts in several zones and jurisdictions
/// (see `drawComplianceCases`), and a script of operator actions (pauses, manual opt-outs) and crashes to play while
/// it runs.
struct RandomCampaign {
    enum Interruption {
        case pause(resumeAfter: TimeInterval)
        case optOut(leadIndex: Int)
        case crash
        case stop
    }

    let seed: UInt64
    var settings: CampaignSettings
    var leads: [NewLead]
    var orgCap: Int?
    var callsPerSecond: Int?
    var start: Date
    /// Virtual offsets from `start` at which to interrupt the run, with what.
    var interruptions: [(offset: TimeInterval, what: Interruption)]

    static let zones = [
        "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
        "America/Anchorage", "Pacific/Honolulu", "Europe/London", "Europe/Berlin", "Australia/Sydney",
        "Asia/Kolkata", "America/St_Johns",
    ]
    static let transitions = [
        "2026-03-08T06:00:00Z", "2026-11-01T05:00:00Z", "2026-03-29T00:00:00Z", "2026-10-25T00:00:00Z",
        "2026-04-04T15:00:00Z", "2026-10-03T16:00:00Z",
    ].compactMap(ISOTime.parse)

    init(seed: UInt64) {
        self.seed = seed
        var random = SeededRandom(seed: seed)
        func pick<T>(_ items: [T]) -> T { items[random.integer(in: 0...(items.count - 1))] }
        func chance(_ p: Double) -> Bool { random.unit() < p }

        let pool = ["+14155550100", "+14155550101", "+14155550102"].prefix(random.integer(in: 1...3)).map { $0 }
        var settings = CampaignSettings(
            name: "Property \(seed)", agent: AgentProfile(name: "Zara", callbacks: chance(0.7)), numberPool: pool)
        let spans = [(0, 1440), (480, 1080), (540, 1020), (1380, 1440), (0, 60), (720, 780), (1020, 1440)]
        var span = pick(spans)
        if chance(0.3) {
            let a = random.integer(in: 0...1380)
            span = (a, random.integer(in: (a + 30)...1440))
        }
        settings.window.start = LocalTime(minutes: span.0)!
        settings.window.end = LocalTime(minutes: span.1)!
        settings.window.timezone = chance(0.7) ? .recipient : .named(TimeZone(identifier: pick(Self.zones))!)
        if chance(0.5) {
            settings.window.days = Set(Weekday.allCases.filter { _ in chance(0.6) })
            if settings.window.days.isEmpty { settings.window.days = [.wed] }
        }
        settings.mode = chance(0.15) ? .singleDay : (chance(0.1) ? .alwaysOn : .multiDay)
        settings.concurrency = random.integer(in: 1...8)
        if chance(0.2) { settings.inboundReserve = random.integer(in: 0...(settings.concurrency - 1)) }
        if chance(0.3) { settings.callsPerHour = random.integer(in: 3...40) }
        settings.retry.maxAttempts = random.integer(in: 1...4)
        settings.retry.delayMinutes = pick([0, 5, 30, 90, 240])
        let keys = [
            "no_answer", "busy", "rejected", "failed", "timeout", "voicemail", "not_interested",
            "callback_requested", "hot",
        ]
        settings.retry.on = Set(keys.filter { _ in chance(0.5) })
        settings.retry.numberStrategy = pick(NumberStrategy.allCases)
        if chance(0.3) { settings.retry.redialShortConnectSeconds = random.integer(in: 5...40) }
        if chance(0.3) { settings.retry.stopAfterConnectSeconds = random.integer(in: 40...200) }
        settings.retry.shortCallRule = chance(0.7)
        settings.callerIdStrategy = pick(CallerIdStrategy.allCases)
        if settings.callerIdStrategy == .custom {
            settings.callerIdSlots = (0..<random.integer(in: 1...3)).map { _ in pick(pool) }
        }
        settings.callbackDetection = chance(0.6)
        settings.customDispositions = chance(0.4) ? ["HOT"] : []
        // `retry.on` and the simulator may name HOT only when the campaign defines it (filtered after the draws,
        // so every seed still draws the same campaign).
        if settings.customDispositions.isEmpty { settings.retry.on.remove("hot") }
        var model = SimulatorSettings()
        model.answerRate = 0.2 + random.unit() * 0.4
        model.voicemailRate = random.unit() * 0.2
        model.busyRate = random.unit() * 0.15
        model.failRate = random.unit() * 0.05
        model.ringSeconds = 3...random.integer(in: 4...40)
        model.talkSeconds = 5...random.integer(in: 6...300)
        model.dispositions = [
            ("INTERESTED", 0.2), ("NOT_INTERESTED", 0.3), ("CALLBACK", random.unit() * 0.3),
            ("OPT_OUT", random.unit() * 0.3), ("WRONG_NUMBER", random.unit() * 0.2), ("COMPLETED", 0.2),
            ("HOT", settings.customDispositions.isEmpty ? 0 : 0.2),
        ].filter { $0.0 != "HOT" || !settings.customDispositions.isEmpty }
        settings.simulator = model
        self.settings = settings

        var leads: [NewLead] = []
        var used: [String] = []
        for index in 0..<random.integer(in: 8...30) {
            var numbers: [String] = []
            for _ in 0..<random.integer(in: 1...3) {
                let number =
                    !used.isEmpty && chance(0.08)
                    ? pick(used) : "+1\(pick(["212", "312", "415", "808"]))\(random.integer(in: 2_000_000...9_999_999))"
                if !numbers.contains(number) { numbers.append(number) }
            }
            used += numbers
            let zones = Array(Set((0..<(chance(0.2) ? 2 : 1)).map { _ in pick(Self.zones) })).sorted()
            leads.append(
                NewLead(
                    sourceLine: index + 2, numbers: numbers, timezones: zones, timezoneSource: "number",
                    variables: ["NAME": "C\(index)"]))
        }
        self.leads = leads
        orgCap = chance(0.2) ? random.integer(in: 1...settings.concurrency) : nil
        callsPerSecond = chance(0.2) ? random.integer(in: 1...2) : nil
        let base = chance(0.6) ? pick(Self.transitions) : ISOTime.parse("2026-01-05T00:00:00Z")!
        start = base.addingTimeInterval(Double(random.integer(in: -3 * 86_400...2 * 86_400)))
        var interruptions: [(TimeInterval, Interruption)] = []
        var offset: TimeInterval = 0
        for _ in 0..<random.integer(in: 0...4) {
            offset += Double(random.integer(in: 600...(2 * 86_400)))
            let what: Interruption =
                switch random.integer(in: 0...3) {
                case 0: .pause(resumeAfter: Double(random.integer(in: 60...20_000)))
                case 1: .optOut(leadIndex: random.integer(in: 0...(leads.count - 1)))
                case 2: .crash
                default: .stop
                }
            interruptions.append((offset, what))
        }
        self.interruptions = interruptions
        drawComplianceCases(&random)
    }
}
