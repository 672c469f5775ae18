/// The pure text stage.
extension DecisionEngine {
    /// Police categories in the order that breaks ties: the most urgent response first.
    static let policeTieOrder: [Category] = [.hazard, .danger, .violence, .traffic, .disputeRisk, .crime, .fraud, .publicOrder]

    public func classify(_ call: CallInput) -> Classification {
        let evaluation = matcher.evaluate(call.text)
        let place = resolveTownship(call, textScalars: evaluation.normalized)

        // Scores per category in a fixed array (Category.allCases order) instead of a dictionary.
        var scores = [Double](repeating: 0, count: Self.categoryCount)
        var scored = [Bool](repeating: false, count: Self.categoryCount)
        var safetyReasons: [Reason] = [], categoryReasons: [Reason] = [], riskReasons: [Reason] = []
        var safety = false, escalation = false, escalationNonPolice = false
        for fired in evaluation.fired {
            let r = fired.rule
            let reason = Reason(rule: matcher.ruleIDs[r], matched: fired.matched)
            let category = matcher.ruleCategories[r]
            if let category {
                let i = Self.ordinal(category)
                scores[i] += matcher.ruleWeights[r]
                scored[i] = true
            }
            if matcher.isSafetyRule(r) { safety = true; safetyReasons.append(reason) }
            else if category != nil { categoryReasons.append(reason) }
            else { riskReasons.append(reason) }
            if matcher.ruleEscalation[r] {
                escalation = true
                if matcher.ruleEscalationNonPolice[r] { escalationNonPolice = true }
            }
        }
        var result = Classification(category: .danger, police: true, township: place.township,
                                    townshipSource: place.source, reasons: [], confidence: 0.5,
                                    escalation: false, safetySignal: safety,
                                    invalidNote: evaluation.invalidNote != nil, normalizedScalars: evaluation.normalized)
        // The highest police score; ties go to the earlier category in `policeTieOrder`.
        var bestPolice = Self.policeTieOrder[0]
        var policeScore = scores[Self.ordinal(bestPolice)]
        for c in Self.policeTieOrder.dropFirst() where scores[Self.ordinal(c)] > policeScore {
            bestPolice = c
            policeScore = scores[Self.ordinal(c)]
        }
        // The highest scored non-police category; ties go to the smaller raw value.
        var nonPolice: (key: Category, value: Double)?
        for (i, c) in Self.allCategories.enumerated() where scored[i] && !c.isPolice {
            if let n = nonPolice, !(n.value < scores[i] || (n.value == scores[i] && n.key.rawValue > c.rawValue)) { continue }
            nonPolice = (c, scores[i])
        }
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
        } else if let (category, score) = nonPolice, score > policeScore, place.township != nil,
                  let other = Self.tiedAcrossRoutes(category, score, scores: scores, scored: scored) {
            // Two non-police categories as strong as each other that would send the call to different places (the
            // township on site, or the 12345 hotline): not a clear classification, so it stays police. A tie that
            // leaves the route the same only names the category, and a fixed order settles it (below).
            result.category = policeScore > 0 ? bestPolice : .publicOrder
            result.confidence = 0.5
            extra.append(Reason(rule: "policy:tie", matched: "\(category.rawValue) = \(other.rawValue); stays police"))
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
            applyModel(call, scalars: evaluation.normalized, to: &result, extra: &extra)
        }
        if !result.police && result.category != .invalid {
            applyPoliceVeto(scalars: evaluation.normalized, fallback: policeScore > 0 ? bestPolice : .publicOrder,
                            to: &result, extra: &extra)
        }
        result.escalation = result.police ? escalation : (escalationNonPolice && result.category != .invalid)
        var reasons: [Reason] = []
        reasons.reserveCapacity(safetyReasons.count + categoryReasons.count + riskReasons.count + extra.count + place.reasons.count)
        reasons += safetyReasons
        reasons += categoryReasons
        reasons += riskReasons
        reasons += extra
        reasons += place.reasons
        result.reasons = reasons
        result.addressKey = call.address.flatMap(addressKey)
        result.signature = TextSimilarity.signature(normalizedScalars: evaluation.normalized)
        return result
    }

    /// A non-police category as strong as `best` that would send the call elsewhere (on site versus the 12345 hotline).
    private static func tiedAcrossRoutes(_ best: Category, _ score: Double, scores: [Double], scored: [Bool]) -> Category? {
        allCategories.indices.first { i in
            let c = allCategories[i]
            return scored[i] && !c.isPolice && scores[i] == score && c.isOnSite != best.isOnSite
        }.map { allCategories[$0] }
    }

    static let allCategories = Category.allCases
    static let categoryCount = allCategories.count

    /// Position in `Category.allCases`.
    @inline(__always) static func ordinal(_ c: Category) -> Int {
        switch c {
        case .crime: 0
        case .fraud: 1
        case .violence: 2
        case .publicOrder: 3
        case .traffic: 4
        case .danger: 5
        case .hazard: 6
        case .disputeRisk: 7
        case .utilities: 8
        case .cityManagement: 9
        case .noise: 10
        case .environment: 11
        case .propertyNeighbor: 12
        case .labor: 13
        case .animal: 14
        case .consumer: 15
        case .consultation: 16
        case .livelihoodHelp: 17
        case .publicTransport: 18
        case .invalid: 19
        }
    }

    /// No rule decided: the category model may divert the call, but only when it is sure of a non-police category,
    /// the police model reads the call as not a police matter, and the call is long enough to judge. Otherwise it
    /// stays police, and the reason says which gate held it.
    private func applyModel(_ call: CallInput, scalars: [UInt32], to result: inout Classification, extra: inout [Reason]) {
        guard let model, let prediction = model.predict(normalized: scalars) else {
            result.category = .publicOrder
            result.confidence = 0.5
            extra.append(Reason(rule: "policy:no_rule", matched: "no rule matched; stays police"))
            return
        }
        let reading = "\(prediction.category.rawValue) " + String(format: "confidence %.2f", prediction.probability)
        let held: String?
        var policeReason: Reason?
        if prediction.category.isPolice || prediction.category == .invalid {
            held = ""
        } else if prediction.probability < policy.modelMinConfidence {
            held = String(format: " < %.2f", policy.modelMinConfidence)
        } else if NgramKey.featureCount(scalars) < policy.modelMinCharacters {
            held = "; too short to judge"
        } else if let policeModel {
            // A second opinion on the whole text: a category model once read a kidnapping as livelihood_help.
            let probability = policeModel.policeProbability(normalized: scalars)
            let diverts = probability <= policy.modelMaxPoliceProbability
            let figures = String(format: diverts ? "police %.3f <= %.2f" : "police %.3f > %.2f",
                                 probability, policy.modelMaxPoliceProbability)
            policeReason = Reason(rule: "model:\(policeModel.id)", matched: figures)
            held = diverts ? nil : ""
        } else {
            held = "; no police model to confirm"
        }
        if let held {
            let police = prediction.probabilities.filter { $0.key.isPolice }.max { $0.value < $1.value }
            result.category = police?.key ?? .publicOrder
            result.confidence = max(0.5, 1 - (prediction.category.isPolice ? 0 : prediction.probability))
            extra.append(Reason(rule: "model:\(model.id)", matched: reading + held + "; stays police"))
        } else {
            result.category = prediction.category
            result.police = false
            result.confidence = prediction.probability
            extra.append(Reason(rule: "model:\(model.id)", matched: reading))
        }
        if let policeReason { extra.append(policeReason) }
    }

    /// The rules would divert the call; the police model keeps it with the police when it reads the text as a police
    /// matter with at least the policy's probability. It can only keep a call, never divert one, so a mistake costs
    /// a call the police hand on by hand, not a missed emergency.
    private func applyPoliceVeto(scalars: [UInt32], fallback: Category, to result: inout Classification,
                                 extra: inout [Reason]) {
        guard policy.policeVetoEnabled, let policeModel,
              NgramKey.featureCount(scalars) >= policy.policeVetoMinCharacters else { return }
        let probability = policeModel.policeProbability(normalized: scalars)
        guard probability >= policy.policeVetoMinProbability else { return }
        let diverted = result.category
        result.category = fallback
        result.police = true
        result.confidence = probability
        let figures = String(format: "police %.3f >= %.2f", probability, policy.policeVetoMinProbability)
        extra.append(Reason(rule: "model:\(policeModel.id)", matched: "\(figures); kept from \(diverted.rawValue)"))
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
