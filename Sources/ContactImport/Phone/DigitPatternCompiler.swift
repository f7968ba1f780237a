/// Parses the metadata regex subset and emits a ``DigitPattern`` program.
struct DigitPatternCompiler {
    private indirect enum Node {
        case digits(Int32)
        case sequence([Node])
        case alternation([Node])
        case group(Node, capture: Int?)
        case repeated(Node, min: Int, max: Int?)
        case end
    }

    private let source: String
    private let bytes: [UInt8]
    private var index = 0
    private var captures = 0
    private var program: [DigitPattern.Instruction] = []

    init(source: String) {
        self.source = source
        self.bytes = Array(source.utf8)
    }

    mutating func compile() throws(ContactImportError) -> ([DigitPattern.Instruction], Int) {
        let tree = try parseAlternation()
        guard index == bytes.count else { throw failure("unexpected \(character(at: index))") }
        emit(tree)
        program.append(.init(op: .match, a: 0, b: 0))
        return (program, captures)
    }

    private func failure(_ reason: String) -> ContactImportError {
        .invalidPattern(pattern: source, offset: index, reason: reason)
    }

    private func character(at offset: Int) -> String {
        offset < bytes.count ? String(UnicodeScalar(bytes[offset])) : "end of pattern"
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func parseAlternation() throws(ContactImportError) -> Node {
        var branches = [try parseSequence()]
        while current == UInt8(ascii: "|") {
            index += 1
            branches.append(try parseSequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseSequence() throws(ContactImportError) -> Node {
        var items: [Node] = []
        while let byte = current, byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")") {
            items.append(try parseQuantified(try parseAtom()))
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    private mutating func parseAtom() throws(ContactImportError) -> Node {
        guard let byte = current else { throw failure("expected an atom") }
        index += 1
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .digits(1 << Int32(byte - 48))
        case UInt8(ascii: "\\"):
            guard current == UInt8(ascii: "d") else { throw failure("only \\d is supported") }
            index += 1
            return .digits(0x3FF)
        case UInt8(ascii: "["):
            return .digits(try parseClass())
        case UInt8(ascii: "("):
            var capture: Int? = nil
            if current == UInt8(ascii: "?") {
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ":") else {
                    throw failure("only (?: groups are supported")
                }
                index += 2
            } else {
                capture = captures
                captures += 1
            }
            let inner = try parseAlternation()
            guard current == UInt8(ascii: ")") else { throw failure("missing )") }
            index += 1
            return .group(inner, capture: capture)
        case UInt8(ascii: "$"):
            return .end
        default:
            index -= 1
            throw failure("unsupported character \(character(at: index))")
        }
    }

    private mutating func parseClass() throws(ContactImportError) -> Int32 {
        var mask: Int32 = 0
        while let byte = current, byte != UInt8(ascii: "]") {
            index += 1
            if byte == UInt8(ascii: "\\") {
                guard current == UInt8(ascii: "d") else { throw failure("only \\d is supported in a class") }
                index += 1
                mask |= 0x3FF
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else {
                throw failure("non-digit \(String(UnicodeScalar(byte))) in a class")
            }
            var upper = byte
            if current == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "]") {
                upper = bytes[index + 1]
                guard (byte...UInt8(ascii: "9")).contains(upper) else { throw failure("bad range in a class") }
                index += 2
            }
            for digit in byte...upper { mask |= 1 << Int32(digit - 48) }
        }
        guard current == UInt8(ascii: "]") else { throw failure("missing ]") }
        index += 1
        return mask
    }

    private mutating func parseQuantified(_ atom: Node) throws(ContactImportError) -> Node {
        var node = atom
        while let byte = current {
            switch byte {
            case UInt8(ascii: "?"): node = .repeated(node, min: 0, max: 1)
            case UInt8(ascii: "*"): node = .repeated(node, min: 0, max: nil)
            case UInt8(ascii: "+"): node = .repeated(node, min: 1, max: nil)
            case UInt8(ascii: "{"):
                index += 1
                let lower = try parseNumber()
                var upper: Int? = lower
                if current == UInt8(ascii: ",") {
                    index += 1
                    upper = current == UInt8(ascii: "}") ? nil : try parseNumber()
                }
                guard current == UInt8(ascii: "}") else { throw failure("missing }") }
                if let upper, upper < lower { throw failure("bad repetition bounds") }
                node = .repeated(node, min: lower, max: upper)
            default:
                return node
            }
            index += 1
            if current == UInt8(ascii: "?") { throw failure("lazy quantifiers are not supported") }
        }
        return node
    }

    private mutating func parseNumber() throws(ContactImportError) -> Int {
        var value = 0
        let start = index
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            value = value * 10 + Int(byte - 48)
            index += 1
        }
        guard index > start else { throw failure("expected a number") }
        return value
    }

    private mutating func emit(_ node: Node) {
        switch node {
        case .digits(let mask):
            program.append(.init(op: .digit, a: mask, b: 0))
        case .sequence(let items):
            for item in items { emit(item) }
        case .alternation(let branches):
            var jumpsToEnd: [Int] = []
            for (offset, branch) in branches.enumerated() {
                if offset < branches.count - 1 {
                    let split = program.count
                    program.append(.init(op: .split, a: Int32(split + 1), b: 0))
                    emit(branch)
                    jumpsToEnd.append(program.count)
                    program.append(.init(op: .jump, a: 0, b: 0))
                    program[split].b = Int32(program.count)
                } else {
                    emit(branch)
                }
            }
            for jump in jumpsToEnd { program[jump].a = Int32(program.count) }
        case .group(let inner, let capture):
            if let capture { program.append(.init(op: .save, a: Int32(capture * 2), b: 0)) }
            emit(inner)
            if let capture { program.append(.init(op: .save, a: Int32(capture * 2 + 1), b: 0)) }
        case .repeated(let inner, let lower, let upper):
            for _ in 0..<lower { emit(inner) }
            if let upper {
                var splits: [Int] = []
                for _ in lower..<upper {
                    splits.append(program.count)
                    program.append(.init(op: .split, a: Int32(program.count + 1), b: 0))
                    emit(inner)
                }
                for split in splits { program[split].b = Int32(program.count) }
            } else {
                let loop = program.count
                program.append(.init(op: .split, a: Int32(loop + 1), b: 0))
                emit(inner)
                program.append(.init(op: .jump, a: Int32(loop), b: 0))
                program[loop].b = Int32(program.count)
            }
        case .end:
            program.append(.init(op: .end, a: 0, b: 0))
        }
    }
}
