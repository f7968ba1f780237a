/// A regular expression over ASCII digits, compiled from the subset that libphonenumber
/// metadata uses: digits, `\d`, classes such as `[2-9]`, groups `(…)` and `(?:…)`, `|`,
/// `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` and `$`.
///
/// Matching runs a small backtracking program over the digits with the same
/// leftmost-first priority as Python's `re` and ICU, so prefix matches and capture groups
/// agree with libphonenumber. Foundation's regular expressions are an order of magnitude
/// slower on this workload, which runs several matches per phone number. Yes-or-no questions
/// (`fullMatch`, `hasPrefixMatch`) go to a ``DigitAutomaton`` built from the
/// same program, which is faster still.
struct DigitPattern: Sendable {
    /// One instruction of the compiled program.
    struct Instruction: Sendable {
        enum Op: UInt8, Sendable {
            /// Consume one digit whose bit is set in `a`.
            case digit
            /// Try `a` first, then `b`.
            case split
            /// Continue at `a`.
            case jump
            /// Record the position in capture slot `a`.
            case save
            /// Succeed only at the end of the input.
            case end
            /// The pattern has matched.
            case match
        }

        var op: Op
        var a: Int32
        var b: Int32
    }

    /// The source text, for diagnostics.
    let source: String
    /// Number of capturing groups.
    let captureCount: Int
    let program: [Instruction]
    /// `nil` for the rare pattern whose automaton would be too large.
    private let automaton: DigitAutomaton?

    /// Compiles `source`, throwing ``ContactImportError/invalidPattern(pattern:offset:reason:)``
    /// for syntax outside the supported subset.
    init(_ source: String) throws(ContactImportError) {
        var compiler = DigitPatternCompiler(source: source)
        let (program, captures) = try compiler.compile()
        self.source = source
        self.program = program
        self.captureCount = captures
        self.automaton = DigitAutomaton(program: program)
    }

    /// Whether the whole of `digits` (ASCII `0`–`9`) matches.
    func fullMatch(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        if let automaton { return automaton.fullMatch(digits) }
        var slots = captureCount == 0 ? [] : [Int](repeating: -1, count: captureCount * 2)
        return run(digits, anchoredAtEnd: true, slots: &slots) != nil
    }

    /// Whether the whole of `digits` matches.
    func fullMatch(_ digits: [UInt8]) -> Bool {
        digits.withUnsafeBufferPointer { fullMatch($0) }
    }

    /// Whether some prefix of `digits` matches.
    func hasPrefixMatch(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        if let automaton { return automaton.hasPrefixMatch(digits) }
        var slots = captureCount == 0 ? [] : [Int](repeating: -1, count: captureCount * 2)
        return run(digits, anchoredAtEnd: false, slots: &slots) != nil
    }

    /// Matches at the start of `digits` like Python's `re.match`, returning the end of the match
    /// and the capture groups (`nil` for a group that did not take part).
    func prefixMatch(_ digits: [UInt8]) -> (end: Int, groups: [Range<Int>?])? {
        if let automaton, !digits.withUnsafeBufferPointer(automaton.hasPrefixMatch) { return nil }
        var slots = [Int](repeating: -1, count: captureCount * 2)
        let end = digits.withUnsafeBufferPointer { run($0, anchoredAtEnd: false, slots: &slots) }
        guard let end else { return nil }
        let groups: [Range<Int>?] = (0..<captureCount).map { group in
            let lower = slots[group * 2]
            let upper = slots[group * 2 + 1]
            return lower >= 0 && upper >= lower ? lower..<upper : nil
        }
        return (end, groups)
    }

    private func run(_ input: UnsafeBufferPointer<UInt8>, anchoredAtEnd: Bool, slots: inout [Int]) -> Int? {
        program.withUnsafeBufferPointer { code in
            Self.step(code, pc: 0, pos: 0, input: input, anchoredAtEnd: anchoredAtEnd, slots: &slots)
        }
    }

    private static func step(
        _ code: UnsafeBufferPointer<Instruction>,
        pc startPC: Int,
        pos startPos: Int,
        input: UnsafeBufferPointer<UInt8>,
        anchoredAtEnd: Bool,
        slots: inout [Int]
    ) -> Int? {
        var pc = startPC
        var pos = startPos
        while true {
            let instruction = code[pc]
            switch instruction.op {
            case .digit:
                guard pos < input.count else { return nil }
                let value = Int32(input[pos]) &- 48
                guard value >= 0, value <= 9, (instruction.a >> value) & 1 == 1 else { return nil }
                pos += 1
                pc += 1
            case .split:
                if let end = step(
                    code, pc: Int(instruction.a), pos: pos, input: input, anchoredAtEnd: anchoredAtEnd, slots: &slots)
                {
                    return end
                }
                pc = Int(instruction.b)
            case .jump:
                pc = Int(instruction.a)
            case .save:
                let slot = Int(instruction.a)
                let old = slots[slot]
                slots[slot] = pos
                if let end = step(code, pc: pc + 1, pos: pos, input: input, anchoredAtEnd: anchoredAtEnd, slots: &slots)
                {
                    return end
                }
                slots[slot] = old
                return nil
            case .end:
                guard pos == input.count else { return nil }
                pc += 1
            case .match:
                if anchoredAtEnd && pos != input.count { return nil }
                return pos
            }
        }
    }
}
