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

    // One flat table keyed by (state, scalar) keeps the automaton a single value without per-node allocations.
    private let transitions: [UInt64: Int32]
    private let failure: [Int32]
    /// Patterns ending at each state, including those reached through failure links.
    private let outputs: [[Int32]]
    private let lengths: [Int]

    public init(patterns: [[UInt32]]) {
        var transitions: [UInt64: Int32] = [:]
        var outputs: [[Int32]] = [[]]
        var stateCount: Int32 = 1
        lengths = patterns.map(\.count)
        for (index, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var state: Int32 = 0
            for scalar in pattern {
                let key = Self.key(state, scalar)
                if let next = transitions[key] {
                    state = next
                } else {
                    transitions[key] = stateCount
                    state = stateCount
                    stateCount += 1
                    outputs.append([])
                }
            }
            outputs[Int(state)].append(Int32(index))
        }
        // Breadth-first failure links.
        var children = [[(UInt32, Int32)]](repeating: [], count: Int(stateCount))
        for (key, next) in transitions {
            children[Int(key >> 32)].append((UInt32(truncatingIfNeeded: key), next))
        }
        var failure = [Int32](repeating: 0, count: Int(stateCount))
        var queue: [Int32] = children[0].map(\.1)
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (scalar, child) in children[Int(state)] {
                var f = failure[Int(state)]
                var target: Int32 = 0
                while true {
                    if let next = transitions[Self.key(f, scalar)], next != child {
                        target = next
                        break
                    }
                    if f == 0 { break }
                    f = failure[Int(f)]
                }
                failure[Int(child)] = target
                outputs[Int(child)].append(contentsOf: outputs[Int(target)])
                queue.append(child)
            }
        }
        self.transitions = transitions
        self.failure = failure
        self.outputs = outputs
    }

    @inline(__always) private static func key(_ state: Int32, _ scalar: UInt32) -> UInt64 {
        (UInt64(UInt32(bitPattern: state)) << 32) | UInt64(scalar)
    }

    /// All occurrences, in order of their end position.
    public func matches(in text: [UInt32]) -> [Match] {
        var result: [Match] = []
        var state: Int32 = 0
        for (position, scalar) in text.enumerated() {
            while true {
                if let next = transitions[Self.key(state, scalar)] {
                    state = next
                    break
                }
                if state == 0 { break }
                state = failure[Int(state)]
            }
            for pattern in outputs[Int(state)] {
                let p = Int(pattern)
                result.append(Match(pattern: p, start: position + 1 - lengths[p], end: position + 1))
            }
        }
        return result
    }
}
