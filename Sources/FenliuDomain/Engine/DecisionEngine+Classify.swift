/// The pure text stage.
extension DecisionEngine {
    /// Police categories in the order that breaks ties: the most urgent response first.
    static let policeTieOrder: [Category] = [.hazard, .danger, .violence, .traffic, .disputeRisk, .crime, .fraud, .publicOrder]

    public func classify(_ call: CallInput) -> Classification {
        let evaluation = matcher.evaluate(call.text)
        let place = resolveTownship(call, textScalars: evaluation.normalized)
        let normalized = String(String.UnicodeScalarView(evaluation.normalized.compactMap(Unicode.Scalar.init)))

        var scores: [Category: Double] = [:]
        var safetyReasons: [Reason] = [], categoryReasons: [Reason] = [], riskReasons: [Reason] = []
        var safety = false, escalation = false, escalationNonPolice = false
        for fired in evaluation.fired {
            let rule = matcher.rules[fired.rule]
            let reason = Reason(rule: rule.id, matched: fired.matched)
            if let category = rule.category { scores[category, default: 0] += rule.weight }
            if rule.safety { safety = true; safetyReasons.append(reason) }
            else if rule.category != nil { categoryReasons.append(reason) }
            else { riskReasons.append(reason) }
            if rule.escalation {
                escalation = true
                if rule.escalationOnNonPolice { escalationNonPolice = true }
            }
        }
        var result = Classification(category: .danger, police: true, township: place.township,
                                    townshipSource: place.source, reasons: [], confidence: 0.5,
                                    escalation: false, safetySignal: safety,
                                    invalidNote: evaluation.invalidNote != nil, normalizedText: normalized)
        let bestPolice = Self.policeTieOrder.max { (scores[$0] ?? 0) < (scores[$1] ?? 0) || ((scores[$0] ?? 0) == (scores[$1] ?? 0) && Self.rank($0) > Self.rank($1)) }!
        let policeScore = scores[bestPolice] ?? 0
        let nonPolice = scores.filter { !$0.key.isPolice }.max { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) }
        var extra: [Reason] = []

        if let note = evaluation.invalidNote, !safety {
            // Only the call-taker's explicit note makes a call invalid, and never over a danger signal.
            result.category = .invalid
            result.police = false
            result.confidence = 0.95
            extra.append(Reason(rule: "note:invalid", matched: note))
        } else if safety {
            result.category = bestPolice
            result.confidence = min(1, 0.7 + 0.1 * policeScore)
        } else if let (category, score) = nonPolice, score > policeScore {
            let confidence = score / (score + policeScore + 0.25)
            if confidence >= policy.divertMinConfidence {
                result.category = category
                result.police = false
                result.confidence = confidence
            } else {
                // Too close to call: it stays police.
                result.category = policeScore > 0 ? bestPolice : .publicOrder
                result.confidence = 1 - confidence
                extra.append(Reason(rule: "policy:low_confidence", matched: String(format: "%.2f < %.2f", confidence, policy.divertMinConfidence)))
            }
        } else if policeScore > 0 {
            result.category = bestPolice
            result.confidence = policeScore / (policeScore + (nonPolice?.value ?? 0) + 0.25)
        } else {
            applyModel(call, to: &result, extra: &extra)
        }
        result.escalation = result.police ? escalation : (escalationNonPolice && result.category != .invalid)
        result.reasons = safetyReasons + categoryReasons + riskReasons + extra + place.reasons
        return result
    }

    private static func rank(_ c: Category) -> Int { policeTieOrder.firstIndex(of: c) ?? 99 }

    /// No rule decided: the learned model may classify, but a diversion needs its confidence above the policy threshold.
    private func applyModel(_ call: CallInput, to result: inout Classification, extra: inout [Reason]) {
        guard let model, let prediction = model.predict(call.text) else {
            result.category = .publicOrder
            result.confidence = 0.5
            extra.append(Reason(rule: "policy:no_rule", matched: "no rule matched; stays police"))
            return
        }
        let confidence = String(format: "confidence %.2f", prediction.probability)
        if !prediction.category.isPolice && prediction.category != .invalid && prediction.probability >= policy.modelMinConfidence {
            result.category = prediction.category
            result.police = false
            result.confidence = prediction.probability
            extra.append(Reason(rule: "model:\(model.id)", matched: "\(prediction.category.rawValue) \(confidence)"))
        } else {
            let police = prediction.probabilities.filter { $0.key.isPolice }.max { $0.value < $1.value }
            result.category = police?.key ?? .publicOrder
            result.confidence = max(0.5, 1 - (prediction.category.isPolice ? 0 : prediction.probability))
            extra.append(Reason(rule: "model:\(model.id)", matched: "\(prediction.category.rawValue) \(confidence); stays police"))
        }
    }

    /// Location (polygon) first, then the address, then the text: the address wins when it and the text disagree.
    func resolveTownship(_ call: CallInput, textScalars: [UInt32]) -> (township: String?, source: String?, reasons: [Reason]) {
        if let point = call.location, let t = boundaries.township(at: point) {
            return (t, "location", [Reason(rule: "place:location", matched: t)])
        }
        if let address = call.address, !address.isEmpty {
            let r = gazetteer.resolve(address)
            if let t = r.township {
                return (t, "address", [Reason(rule: "place:address", matched: r.matched.joined(separator: ","))])
            }
        }
        let r = gazetteer.resolve(scalars: textScalars)
        if let t = r.township {
            return (t, "text", [Reason(rule: "place:text", matched: r.matched.joined(separator: ","))])
        }
        if r.ambiguous {
            return (nil, nil, [Reason(rule: "place:ambiguous", matched: r.matched.joined(separator: ","))])
        }
        return (nil, nil, [])
    }
}
