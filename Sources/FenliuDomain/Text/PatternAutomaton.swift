/// Aho–Corasick automaton over normalised Unicode scalars: finds every occurrence of every literal pattern in
/// one pass, so the cost of matching does not grow with the number of rules or place names.
public struct PatternAutomaton: Sendable {
    public struct Match: Sendable, Equatable {
        /// Index of the pattern in the array given to `init`.
        public var pattern: Int
        /// Scalar offsets in the normalised text, `end` exclusive.
        public var start: Int
        public var end: Int
    }

    // Flat arrays only (no hashing, no per-node allocations) so a step of the hot loop is a few array reads.
    // Scalars are first mapped to a dense symbol (0 = occurs in no pattern, which always leads back to the root)
    // through a two-level table of 256-scalar pages.
    private let pageIndex: [UInt16]
    private let pages: [Int32]
    /// The root's transitions, dense by symbol (most steps of the scan start at the root).
    private let rootNext: [Int32]
    /// Other states' transitions: edges `edgeStart[s] ..< edgeStart[s + 1]`, sorted by symbol.
    private let edgeStart: [Int32]
    private let edgeSymbol: [Int32]
    private let edgeTarget: [Int32]
    private let failure: [Int32]
    /// Patterns ending at each state, including those reached through failure links: `outputStart[s] ..< outputStart[s + 1]`.
    private let outputStart: [Int32]
    private let outputPattern: [Int32]
    private let lengths: [Int]

    static let pageBits: UInt32 = 8
    static let pageCount = Int(0x110000 >> pageBits)

    public init(patterns: [[UInt32]]) {
        lengths = patterns.map(\.count)
        // Dense symbols for the scalars the patterns use.
        var symbols: [UInt32: Int32] = [:]
        for pattern in patterns {
            for scalar in pattern where symbols[scalar] == nil { symbols[scalar] = Int32(symbols.count + 1) }
        }
        let pageSize = 1 << Int(Self.pageBits)
        var pageIndex = [UInt16](repeating: 0, count: Self.pageCount)
        var pages = [Int32](repeating: 0, count: pageSize)     // page 0: every symbol 0
        for (scalar, symbol) in symbols.sorted(by: { $0.key < $1.key }) where scalar < 0x110000 {
            let page = Int(scalar >> Self.pageBits)
            if pageIndex[page] == 0 {
                pageIndex[page] = UInt16(pages.count / pageSize)
                pages += [Int32](repeating: 0, count: pageSize)
            }
            pages[Int(pageIndex[page]) * pageSize + Int(scalar & UInt32(pageSize - 1))] = symbol
        }
        self.pageIndex = pageIndex
        self.pages = pages

        // Trie.
        var children: [[(symbol: Int32, target: Int32)]] = [[]]
        var own: [[Int32]] = [[]]
        for (index, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var state = 0
            for scalar in pattern {
                let symbol = symbols[scalar]!
                if let edge = children[state].first(where: { $0.symbol == symbol }) {
                    state = Int(edge.target)
                } else {
                    children[state].append((symbol, Int32(children.count)))
                    state = children.count
                    children.append([])
                    own.append([])
                }
            }
            own[state].append(Int32(index))
        }
        let stateCount = children.count
        for s in 0..<stateCount { children[s].sort { $0.symbol < $1.symbol } }
        func next(_ state: Int, _ symbol: Int32) -> Int32? {
            children[state].first { $0.symbol == symbol }?.target
        }

        // Breadth-first failure links; a state's outputs are its own patterns then its failure state's outputs.
        var failure = [Int32](repeating: 0, count: stateCount)
        var outputs = own
        var queue: [Int32] = children[0].map(\.target)
        var head = 0
        while head < queue.count {
            let state = Int(queue[head])
            head += 1
            for (symbol, child) in children[state] {
                var f = Int(failure[state])
                var target: Int32 = 0
                while true {
                    if state != 0, let n = next(f, symbol), n != child {
                        target = n
                        break
                    }
                    if f == 0 { break }
                    f = Int(failure[f])
                }
                failure[Int(child)] = target
                outputs[Int(child)].append(contentsOf: outputs[Int(target)])
                queue.append(child)
            }
        }

        var rootNext = [Int32](repeating: 0, count: symbols.count + 1)
        for (symbol, target) in children[0] { rootNext[Int(symbol)] = target }
        var edgeStart: [Int32] = [0], edgeSymbol: [Int32] = [], edgeTarget: [Int32] = []
        var outputStart: [Int32] = [0], outputPattern: [Int32] = []
        for s in 0..<stateCount {
            if s != 0 {
                for (symbol, target) in children[s] { edgeSymbol.append(symbol); edgeTarget.append(target) }
            }
            edgeStart.append(Int32(edgeSymbol.count))
            outputPattern += outputs[s]
            outputStart.append(Int32(outputPattern.count))
        }
        self.rootNext = rootNext
        self.edgeStart = edgeStart
        self.edgeSymbol = edgeSymbol
        self.edgeTarget = edgeTarget
        self.failure = failure
        self.outputStart = outputStart
        self.outputPattern = outputPattern
    }

    @inline(__always) private func symbol(_ scalar: UInt32) -> Int {
        guard scalar < 0x110000 else { return 0 }
        let page = Int(pageIndex[Int(scalar >> Self.pageBits)])
        return Int(pages[page << Int(Self.pageBits) | Int(scalar & 0xFF)])
    }

    /// All occurrences, in order of their end position.
    public func matches(in text: [UInt32]) -> [Match] {
        var result: [Match] = []
        forEachMatch(in: text) { result.append($0) }
        return result
    }

    /// Calls `body` for every occurrence, in order of their end position (then as `matches(in:)` lists them).
    @inline(__always)
    func forEachMatch(in text: [UInt32], _ body: (Match) -> Void) {
        var state = 0
        text.withUnsafeBufferPointer { text in
        rootNext.withUnsafeBufferPointer { rootNext in
        edgeStart.withUnsafeBufferPointer { edgeStart in
        edgeSymbol.withUnsafeBufferPointer { edgeSymbol in
        edgeTarget.withUnsafeBufferPointer { edgeTarget in
        failure.withUnsafeBufferPointer { failure in
        outputStart.withUnsafeBufferPointer { outputStart in
            for position in 0..<text.count {
                let symbol = self.symbol(text[position])
                if symbol == 0 { state = 0; continue }     // no pattern contains this scalar; the root has no outputs
                let s32 = Int32(symbol)
                while true {
                    if state == 0 { state = Int(rootNext[symbol]); break }
                    var e = Int(edgeStart[state]), end = Int(edgeStart[state + 1])
                    var found = -1
                    if end - e <= 8 {
                        while e < end { if edgeSymbol[e] == s32 { found = e; break }; e += 1 }
                    } else {
                        while e < end {
                            let mid = (e + end) >> 1
                            if edgeSymbol[mid] < s32 { e = mid + 1 } else { end = mid }
                        }
                        if e < Int(edgeStart[state + 1]) && edgeSymbol[e] == s32 { found = e }
                    }
                    if found >= 0 { state = Int(edgeTarget[found]); break }
                    state = Int(failure[state])
                }
                let o0 = Int(outputStart[state]), o1 = Int(outputStart[state + 1])
                if o0 < o1 {
                    for o in o0..<o1 {
                        let p = Int(outputPattern[o])
                        body(Match(pattern: p, start: position + 1 - lengths[p], end: position + 1))
                    }
                }
            }
        }}}}}}}
    }
}
