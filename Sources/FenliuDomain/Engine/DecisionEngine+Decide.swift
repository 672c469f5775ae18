import Foundation

/// The history-aware stage: repeat, duplicates, routing and joint handling.
extension DecisionEngine {
    public func decide(_ call: CallInput) -> Decision {
        decide(call, classification: classify(call), history: NoHistory())
    }

    public func decide(_ call: CallInput, classification c: Classification, history: any CallHistory) -> Decision {
        var flags: [String] = []
        if c.escalation { flags.append("escalation") }
        let since = call.receivedAt.addingTimeInterval(-policy.repeatWindowDays * 86_400)
        // History counts exclude the current call; the policy threshold includes it.
        let needed = max(0, policy.repeatMinCalls - 1)
        if let phone = call.callerPhone, !phone.isEmpty, history.callCount(phone: phone, since: since) >= needed {
            flags.append("repeat_caller")
        }
        // `classify` keys the address; nil there means no address or a vague one, which is not worked out again
        // here on the writer thread.
        if let key = c.addressKey, history.callCount(addressKey: key, since: since) >= needed {
            flags.append("repeat_address")
        }
        let risk = RiskAssessment(escalation: c.escalation, repeat: flags.contains { $0.hasPrefix("repeat") }, flags: flags)

        var reasons = c.reasons
        var duplicateOf: String?
        if c.category != .invalid {
            let windowStart = call.receivedAt.addingTimeInterval(-policy.duplicateWindowMinutes * 60)
            let candidates = history.openItems(township: c.township, category: c.category, since: windowStart)
            var best: (String, Double)?
            let mine = candidates.isEmpty ? [] : (c.signature ?? TextSimilarity.signature(normalizedScalars: c.normalizedScalars))
            for item in candidates where item.receivedAt >= windowStart {
                // Reports from different places are different incidents however alike they read ("垃圾堆了好几天没人
                // 清理" at two gates); from the same place, less of the same wording makes one incident.
                let needed: Double
                switch comparePlaces(addressKey: c.addressKey, location: call.location, with: item) {
                case .different: continue
                case .same: needed = policy.duplicateSamePlaceMinSimilarity
                case .unknown: needed = policy.duplicateMinSimilarity
                }
                let similarity = TextSimilarity.dice(mine, item.signature)
                if similarity >= needed, similarity > (best?.1 ?? -1) { best = (item.callID, similarity) }
            }
            if let best {
                duplicateOf = best.0
                reasons.append(Reason(rule: "duplicate", matched: "\(best.0) similarity \(Self.twoDecimals(best.1))"))
            }
        }

        let target: Target
        var township: String?
        var linked: String?
        if c.category == .invalid {
            target = .none
        } else if c.police {
            // A police matter is never hidden, even as a duplicate.
            target = .police
            if c.escalation, let t = c.township { linked = t }
        } else if duplicateOf != nil {
            target = .none
        } else if c.category.isOnSite, let t = c.township {
            target = .township
            township = t
        } else {
            target = .hotline12345
        }
        return Decision(police: c.police, category: c.category, target: target, township: township,
                        confidence: c.confidence, reasons: reasons, risk: risk, duplicateOf: duplicateOf,
                        linkedTownship: linked, rulesetVersion: rulesetVersion)
    }

    /// "0.83": String(format:) goes through Foundation's varargs formatting, measurable on the writer thread.
    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((min(max(value, 0), 1_000_000) * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
