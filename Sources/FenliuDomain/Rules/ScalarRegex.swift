/// A backtracking matcher over normalised scalars for the small regular-expression subset the rules use: literals,
/// escaped punctuation, `[...]` / `[^...]` sets of characters and ranges, groups `(...)` / `(?:...)`, negative
/// lookahead `(?!...)`, alternation and greedy `?` `*` `+` `{n}` `{n,}` `{n,m}`. It explores alternatives in the same order as ICU (NSRegularExpression),
/// leftmost match first, non-overlapping, so its matches are the same; `init` returns nil for anything else (and for
/// patterns that can match the empty string), and the caller keeps NSRegularExpression for those.
struct ScalarRegex: Sendable {
    private enum Instruction: Sendable {
        case scalar(UInt32)
        case set(Int)
        /// Try `first`, on failure `second`.
        case split(Int, Int)
        case jump(Int)
        /// Fail when `subprograms[index]` matches here; consumes nothing.
        case notAhead(Int)
        case match
    }

    private indirect enum Node {
        case scalar(UInt32)
        case set([ClosedRange<UInt32>], negated: Bool)
        case sequence([Node])
        case alternation([Node])
        case repetition(Node, min: Int, max: Int?)
        case negativeLookahead(Node)

        var minLength: Int {
            switch self {
            case .negativeLookahead: 0
            case .scalar, .set: 1
            case .sequence(let nodes): nodes.reduce(0) { $0 + $1.minLength }
            case .alternation(let nodes): nodes.map(\.minLength).min() ?? 0
            case .repetition(let node, let min, _): node.minLength * min
            }
        }
    }

    private let program: [Instruction]
    /// The programs of the lookaheads, each ending in `.match`.
    private let subprograms: [[Instruction]]
    private let sets: [(ranges: [ClosedRange<UInt32>], negated: Bool)]
    /// The scalars a match can begin with, sorted; nil when nearly any scalar could (a negated set, a wide range).
    /// Most start positions of a call's text are then rejected by one lookup instead of a run of the program.
    let firstScalars: [UInt32]?
    /// `firstScalars` folded into 256 bits by their low byte: a position whose scalar has no bit set cannot begin a
    /// match, which one load and a mask tell (most positions of a call's text), before any search of the list.
    private let firstScalarBits: (UInt64, UInt64, UInt64, UInt64)

    init?(pattern: String) {
        var parser = Parser(input: Array(pattern.unicodeScalars.map(\.value)))
        guard let root = parser.parseAlternation(), parser.position == parser.input.count, root.minLength > 0,
              parser.repeatsAreNonEmpty(root) else { return nil }
        var program: [Instruction] = []
        var sets: [(ranges: [ClosedRange<UInt32>], negated: Bool)] = []
        var subprograms: [[Instruction]] = []
        guard Self.emit(root, into: &program, sets: &sets, subprograms: &subprograms) else { return nil }
        program.append(.match)
        self.program = program
        self.subprograms = subprograms
        self.sets = sets
        let firstScalars = Self.firstSet(of: root).set.map { $0.sorted() }
        self.firstScalars = firstScalars
        var bits: [UInt64] = [0, 0, 0, 0]
        for v in firstScalars ?? [] { bits[Int(v & 0xFF) >> 6] |= 1 << UInt64(v & 63) }
        firstScalarBits = (bits[0], bits[1], bits[2], bits[3])
    }

    /// The scalars `node` can begin with (nil: too many to list) and whether it can match the empty string.
    private static func firstSet(of node: Node) -> (set: Set<UInt32>?, nullable: Bool) {
        switch node {
        case .scalar(let v):
            return ([v], false)
        case .set(let ranges, let negated):
            let width = ranges.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound) + 1 }
            guard !negated, width <= 256 else { return (nil, false) }
            return (Set(ranges.flatMap { Array($0) }), false)
        case .sequence(let nodes):
            var union = Set<UInt32>()
            for n in nodes {
                let (first, nullable) = firstSet(of: n)
                guard let first else { return (nil, false) }
                union.formUnion(first)
                if !nullable { return (union, false) }
            }
            return (union, true)
        case .alternation(let nodes):
            var union = Set<UInt32>()
            var nullable = false
            for n in nodes {
                let (first, canBeEmpty) = firstSet(of: n)
                guard let first else { return (nil, false) }
                union.formUnion(first)
                nullable = nullable || canBeEmpty
            }
            return (union, nullable)
        case .repetition(let inner, let min, _):
            let (first, nullable) = firstSet(of: inner)
            return (first, nullable || min == 0)
        case .negativeLookahead:
            return ([], true)   // consumes nothing: what follows it begins the match
        }
    }

    @inline(__always) private func canBegin(with v: UInt32) -> Bool {
        guard let first = firstScalars else { return true }
        let word: UInt64 = switch (v & 0xFF) >> 6 {
        case 0: firstScalarBits.0
        case 1: firstScalarBits.1
        case 2: firstScalarBits.2
        default: firstScalarBits.3
        }
        if word & (1 << UInt64(v & 63)) == 0 { return false }
        if first.count <= 16 { return first.contains(v) }
        var lo = 0, hi = first.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if first[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo < first.count && first[lo] == v
    }

    /// The backtracking stacks, kept by a caller that runs many regexes on one text so they are allocated once, and
    /// for a long text where each scalar occurs in it.
    struct Scratch {
        fileprivate var stack: [(pc: Int, position: Int)] = []
        fileprivate var lookaheadStack: [(pc: Int, position: Int)] = []
        fileprivate var positions: ScalarPositions?
        fileprivate var candidates: [Int] = []
        init() {
            stack.reserveCapacity(32)
        }

        /// Scratch for the regexes of one text. A text of `indexFrom` scalars or more is indexed first, so that each
        /// regex visits only the positions where it could begin rather than every position.
        init(for text: [UInt32], indexFrom minimumLength: Int = ScalarPositions.minimumLength) {
            self.init()
            if text.count >= minimumLength { positions = ScalarPositions(text) }
        }

        var isIndexed: Bool { positions != nil }
    }

    /// The positions of each scalar of one text, as one sorted array of `scalar << 32 | position`: a scalar's
    /// positions are one ascending run of it. With several hundred regexes to run on a 2,000-character call, a pass
    /// over every position per regex was most of the call's cost; most regexes begin with one of a few scalars.
    struct ScalarPositions {
        /// Below this length a pass over every position is as cheap as building the index.
        static let minimumLength = 256
        fileprivate let keys: [UInt64]
        let textLength: Int

        init(_ text: [UInt32]) {
            textLength = text.count
            var keys = [UInt64]()
            keys.reserveCapacity(text.count)
            for (position, scalar) in text.enumerated() { keys.append(UInt64(scalar) << 32 | UInt64(position)) }
            keys.sort()
            self.keys = keys
        }

        /// The index in `keys` of the first key not below `key`.
        private func lowerBound(_ key: UInt64) -> Int {
            var lo = 0, hi = keys.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if keys[mid] < key { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }

        /// Appends the positions of `scalar`, ascending.
        fileprivate func appendPositions(of scalar: UInt32, to list: inout [Int]) {
            var k = lowerBound(UInt64(scalar) << 32)
            while k < keys.count, keys[k] >> 32 == UInt64(scalar) {
                list.append(Int(keys[k] & 0xFFFF_FFFF))
                k += 1
            }
        }
    }

    /// Non-overlapping leftmost matches as scalar offsets, `end` exclusive.
    func matches(in text: [UInt32]) -> [(start: Int, end: Int)] {
        var scratch = Scratch()
        return matches(in: text, scratch: &scratch)
    }

    func matches(in text: [UInt32], scratch: inout Scratch) -> [(start: Int, end: Int)] {
        if let first = firstScalars, let positions = scratch.positions {
            precondition(positions.textLength == text.count, "scratch indexed for another text")
            return matches(in: text, beginningAt: first, positions: positions, scratch: &scratch)
        }
        var result: [(start: Int, end: Int)] = []
        var start = 0
        while start < text.count {
            if !canBegin(with: text[start]) {
                start += 1
                continue
            }
            if let end = run(program, text, at: start, stack: &scratch.stack, lookaheadStack: &scratch.lookaheadStack) {
                result.append((start, end))
                start = end
            } else {
                start += 1
            }
        }
        return result
    }

    /// The same matches as the pass over every position, trying only where one of `first` occurs.
    private func matches(in text: [UInt32], beginningAt first: [UInt32], positions: ScalarPositions,
                         scratch: inout Scratch) -> [(start: Int, end: Int)] {
        var candidates: [Int] = []
        swap(&candidates, &scratch.candidates)
        candidates.removeAll(keepingCapacity: true)
        for scalar in first { positions.appendPositions(of: scalar, to: &candidates) }
        if first.count > 1 { candidates.sort() }
        var result: [(start: Int, end: Int)] = []
        var next = 0
        for start in candidates where start >= next {
            if let end = run(program, text, at: start, stack: &scratch.stack, lookaheadStack: &scratch.lookaheadStack) {
                result.append((start, end))
                next = end
            }
        }
        swap(&candidates, &scratch.candidates)
        return result
    }

    /// The end of the first match of `program` anchored at `start` (alternatives in ICU's order), or nil.
    private func run(_ program: [Instruction], _ text: [UInt32], at start: Int, stack: inout [(pc: Int, position: Int)],
                     lookaheadStack: inout [(pc: Int, position: Int)]) -> Int? {
        stack.removeAll(keepingCapacity: true)
        stack.append((0, start))
        while let (initialPC, initialPosition) = stack.popLast() {
            var pc = initialPC, position = initialPosition
            thread: while true {
                switch program[pc] {
                case .match:
                    return position
                case .scalar(let v):
                    guard position < text.count, text[position] == v else { break thread }
                    position += 1
                    pc += 1
                case .set(let index):
                    guard position < text.count else { break thread }
                    let v = text[position]
                    let set = sets[index]
                    guard set.ranges.contains(where: { $0.contains(v) }) != set.negated else { break thread }
                    position += 1
                    pc += 1
                case .split(let first, let second):
                    stack.append((second, position))
                    pc = first
                case .jump(let target):
                    pc = target
                case .notAhead(let index):
                    // Lookaheads do not nest in the rules, so one spare stack is enough; a nested one gets its own.
                    var nested: [(pc: Int, position: Int)] = []
                    guard run(subprograms[index], text, at: position, stack: &lookaheadStack, lookaheadStack: &nested) == nil
                    else { break thread }
                    pc += 1
                }
            }
        }
        return nil
    }

    private static func emit(_ node: Node, into program: inout [Instruction],
                             sets: inout [(ranges: [ClosedRange<UInt32>], negated: Bool)],
                             subprograms: inout [[Instruction]]) -> Bool {
        switch node {
        case .scalar(let v):
            program.append(.scalar(v))
        case .set(let ranges, let negated):
            sets.append((ranges, negated))
            program.append(.set(sets.count - 1))
        case .negativeLookahead(let inner):
            var sub: [Instruction] = []
            guard emit(inner, into: &sub, sets: &sets, subprograms: &subprograms) else { return false }
            sub.append(.match)
            subprograms.append(sub)
            program.append(.notAhead(subprograms.count - 1))
        case .sequence(let nodes):
            for n in nodes where !emit(n, into: &program, sets: &sets, subprograms: &subprograms) { return false }
        case .alternation(let nodes):
            // split(a, next); a; jump end; next: split(b, next2) ... last alternative plain.
            var jumps: [Int] = []
            for (i, n) in nodes.enumerated() {
                if i < nodes.count - 1 {
                    let split = program.count
                    program.append(.jump(-1))
                    guard emit(n, into: &program, sets: &sets, subprograms: &subprograms) else { return false }
                    jumps.append(program.count)
                    program.append(.jump(-1))
                    program[split] = .split(split + 1, program.count)
                } else {
                    guard emit(n, into: &program, sets: &sets, subprograms: &subprograms) else { return false }
                }
            }
            for j in jumps { program[j] = .jump(program.count) }
        case .repetition(let n, let min, let max):
            for _ in 0..<min where !emit(n, into: &program, sets: &sets, subprograms: &subprograms) { return false }
            if let max {
                guard max - min <= 64 else { return false }
                // Greedy optional copies: split(body, end) each, all failing over to the same end.
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(program.count)
                    program.append(.jump(-1))
                    guard emit(n, into: &program, sets: &sets, subprograms: &subprograms) else { return false }
                }
                for s in splits { program[s] = .split(s + 1, program.count) }
            } else {
                let loop = program.count
                program.append(.jump(-1))
                guard emit(n, into: &program, sets: &sets, subprograms: &subprograms) else { return false }
                program.append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
            if program.count > 4096 { return false }
        }
        return true
    }

    private struct Parser {
        let input: [UInt32]
        var position = 0

        static let meta: Set<UInt32> = Set("\\^$.|?*+()[]{}".unicodeScalars.map(\.value))

        var peek: UInt32? { position < input.count ? input[position] : nil }

        mutating func parseAlternation() -> Node? {
            var branches: [Node] = []
            while true {
                guard let seq = parseSequence() else { return nil }
                branches.append(seq)
                if peek == 0x7C { position += 1 } else { break }     // |
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func parseSequence() -> Node? {
            var items: [Node] = []
            while let c = peek, c != 0x7C, c != 0x29 {               // | )
                guard var atom = parseAtom() else { return nil }
                if let q = peek, q == 0x3F || q == 0x2A || q == 0x2B || q == 0x7B {   // ? * + {
                    guard let (min, max) = parseQuantifier() else { return nil }
                    // Lazy and possessive forms are outside the subset.
                    if let after = peek, after == 0x3F || after == 0x2B || after == 0x2A || after == 0x7B { return nil }
                    atom = .repetition(atom, min: min, max: max)
                }
                items.append(atom)
            }
            return items.count == 1 ? items[0] : .sequence(items)
        }

        mutating func parseAtom() -> Node? {
            guard let c = peek else { return nil }
            switch c {
            case 0x28:                                                // (
                position += 1
                var lookahead = false
                if peek == 0x3F {                                     // (?: or (?!
                    guard position + 1 < input.count, input[position + 1] == 0x3A || input[position + 1] == 0x21 else {
                        return nil
                    }
                    lookahead = input[position + 1] == 0x21
                    position += 2
                }
                guard let inner = parseAlternation(), peek == 0x29 else { return nil }
                position += 1
                return lookahead ? .negativeLookahead(inner) : inner
            case 0x5B:                                                // [
                return parseSet()
            case 0x5C:                                                // \ + ASCII punctuation
                guard position + 1 < input.count else { return nil }
                let e = input[position + 1]
                guard Self.isASCIIPunctuation(e) else { return nil }
                position += 2
                return .scalar(e)
            default:
                if Self.meta.contains(c) { return nil }
                // Pattern whitespace and '#' only matter with flags the rules do not use; stay conservative.
                if c < 0x20 || c == 0x7F { return nil }
                position += 1
                return .scalar(c)
            }
        }

        mutating func parseSet() -> Node? {
            position += 1
            var negated = false
            if peek == 0x5E { negated = true; position += 1 }
            var ranges: [ClosedRange<UInt32>] = []
            // Only plain characters and a-b ranges; ICU's set operators, escapes, nested sets and properties fall back.
            let special: Set<UInt32> = Set("\\[]&-^{}$:".unicodeScalars.map(\.value))
            while let c = peek, c != 0x5D {
                guard !special.contains(c), c >= 0x20, c != 0x7F else { return nil }
                position += 1
                if peek == 0x2D {                                     // a-b
                    guard position + 1 < input.count else { return nil }
                    let hi = input[position + 1]
                    guard !special.contains(hi), hi >= c, hi >= 0x20, hi != 0x7F else { return nil }
                    ranges.append(c...hi)
                    position += 2
                } else {
                    ranges.append(c...c)
                }
            }
            guard peek == 0x5D, !ranges.isEmpty else { return nil }
            position += 1
            return .set(ranges, negated: negated)
        }

        mutating func parseQuantifier() -> (Int, Int?)? {
            let c = input[position]
            position += 1
            switch c {
            case 0x3F: return (0, 1)
            case 0x2A: return (0, nil)
            case 0x2B: return (1, nil)
            default:
                guard let min = parseNumber() else { return nil }
                var max: Int? = min
                if peek == 0x2C {                                     // ,
                    position += 1
                    max = peek == 0x7D ? nil : parseNumber()
                    if peek != 0x7D { return nil }
                    if let m = max, m < min { return nil }
                }
                guard peek == 0x7D else { return nil }
                position += 1
                return (min, max)
            }
        }

        mutating func parseNumber() -> Int? {
            var value = 0, digits = 0
            while let c = peek, c >= 0x30, c <= 0x39, digits < 4 {
                value = value * 10 + Int(c - 0x30)
                digits += 1
                position += 1
            }
            if let c = peek, c >= 0x30, c <= 0x39 { return nil }
            return digits > 0 ? value : nil
        }

        /// Every repeated sub-pattern consumes at least one scalar (no empty-loop semantics to reproduce).
        func repeatsAreNonEmpty(_ node: Node) -> Bool {
            switch node {
            case .scalar, .set: true
            case .sequence(let nodes), .alternation(let nodes): nodes.allSatisfy(repeatsAreNonEmpty)
            case .repetition(let inner, _, _): inner.minLength > 0 && repeatsAreNonEmpty(inner)
            case .negativeLookahead(let inner): repeatsAreNonEmpty(inner)
            }
        }

        static func isASCIIPunctuation(_ v: UInt32) -> Bool {
            (0x21...0x2F).contains(v) || (0x3A...0x40).contains(v) || (0x5B...0x60).contains(v) || (0x7B...0x7E).contains(v)
        }
    }
}
