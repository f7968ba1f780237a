/// A deterministic automaton built from a ``DigitPattern`` program, for the two questions that
/// need no capture groups: does the whole input match, and does some prefix of it match.
///
/// The numbering plans are long alternations (the NANP fixed-line pattern lists every area
/// code), so the backtracking program walks through hundreds of instructions for one number.
/// Whether *some* path through the program matches does not depend on the order in which the
/// paths are tried, so subset construction over the same program answers both questions with
/// one table lookup per digit. Which match wins (its end, its groups) is still the backtracking
/// program's job.
struct DigitAutomaton: Sendable {
    /// `transitions[state * 10 + digit]` is the next state; state 0 is the dead state.
    private let transitions: [UInt16]
    /// Whether the program reaches `match` in a state without passing a `$`.
    private let acceptsBeforeEnd: [Bool]
    /// Whether the program reaches `match` in a state when the input ends there.
    private let acceptsAtEnd: [Bool]
    private static let dead = 0
    private static let start = 1

    /// Builds the automaton, or returns `nil` when it would need more than `stateLimit`
    /// states (the backtracking program then answers alone).
    init?(program: [DigitPattern.Instruction], stateLimit: Int = 4096) {
        var builder = Builder(program: program)
        builder.close([0])
        var states: [[Int32]] = [[], builder.reached]
        var numbering: [[Int32]: Int] = [:]
        for (number, state) in states.enumerated() { numbering[state] = number }
        var transitions = [UInt16](repeating: 0, count: 20)
        var seeds = [[Int32]](repeating: [], count: 10)
        var next = Self.start
        while next < states.count {
            builder.advance(states[next], into: &seeds)
            for digit in 0..<10 where !seeds[digit].isEmpty {
                if digit > 0 && seeds[digit] == seeds[digit - 1] {
                    transitions[next * 10 + digit] = transitions[next * 10 + digit - 1]
                    continue
                }
                builder.close(seeds[digit])
                var number = numbering[builder.reached]
                if number == nil {
                    guard states.count < min(stateLimit, Int(UInt16.max)) else { return nil }
                    number = states.count
                    numbering[builder.reached] = states.count
                    states.append(builder.reached)
                    transitions.append(contentsOf: repeatElement(0, count: 10))
                }
                transitions[next * 10 + digit] = UInt16(number!)
            }
            next += 1
        }
        self.transitions = transitions
        self.acceptsBeforeEnd = states.map { state in state.contains { program[Int($0)].op == .match } }
        self.acceptsAtEnd = states.map { state in
            builder.close(state, passingEnds: true)
            return builder.reached.contains { program[Int($0)].op == .match }
        }
    }

    /// Whether the whole of `digits` (ASCII `0`–`9`) matches.
    func fullMatch(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        transitions.withUnsafeBufferPointer { table in
            var state = Self.start
            for byte in digits {
                let digit = Int(byte) &- 48
                guard digit >= 0 && digit <= 9 else { return false }
                state = Int(table[state &* 10 &+ digit])
                if state == Self.dead { return false }
            }
            return acceptsAtEnd[state]
        }
    }

    /// Whether some prefix of `digits` (the empty one included) matches.
    func hasPrefixMatch(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        transitions.withUnsafeBufferPointer { table in
            var state = Self.start
            for byte in digits {
                if acceptsBeforeEnd[state] { return true }
                let digit = Int(byte) &- 48
                guard digit >= 0 && digit <= 9 else { return false }
                state = Int(table[state &* 10 &+ digit])
                if state == Self.dead { return false }
            }
            return acceptsAtEnd[state]
        }
    }

    /// The subset construction's view of the program: a DFA state is the sorted set of the
    /// instructions that wait for input (`digit`), for its end (`$`) or have matched.
    private struct Builder {
        let program: [DigitPattern.Instruction]
        private var visited: [Int]
        private var visit = 0
        private var stack: [Int32] = []
        /// The result of the last ``close(_:passingEnds:)``.
        private(set) var reached: [Int32] = []

        init(program: [DigitPattern.Instruction]) {
            self.program = program
            self.visited = [Int](repeating: 0, count: program.count)
        }

        /// Fills `seeds[digit]` with the instructions that follow consuming `digit` in `state`.
        func advance(_ state: [Int32], into seeds: inout [[Int32]]) {
            for digit in 0..<10 { seeds[digit].removeAll(keepingCapacity: true) }
            for pc in state {
                let instruction = program[Int(pc)]
                guard instruction.op == .digit else { continue }
                var mask = instruction.a
                while mask != 0 {
                    seeds[mask.trailingZeroBitCount].append(pc + 1)
                    mask &= mask - 1
                }
            }
        }

        /// Follows splits, jumps and saves from `seeds` to the instructions that end a path and
        /// leaves them, sorted, in ``reached``; with `passingEnds`, as if no input were left, so
        /// that `$` succeeds.
        mutating func close(_ seeds: [Int32], passingEnds: Bool = false) {
            visit += 1
            stack.removeAll(keepingCapacity: true)
            stack.append(contentsOf: seeds)
            reached.removeAll(keepingCapacity: true)
            while let pc = stack.popLast() {
                guard visited[Int(pc)] != visit else { continue }
                visited[Int(pc)] = visit
                let instruction = program[Int(pc)]
                switch instruction.op {
                case .end where passingEnds: stack.append(pc + 1)
                case .digit, .end, .match: reached.append(pc)
                case .split:
                    stack.append(instruction.b)
                    stack.append(instruction.a)
                case .jump: stack.append(instruction.a)
                case .save: stack.append(pc + 1)
                }
            }
            reached.sort()
        }
    }
}
