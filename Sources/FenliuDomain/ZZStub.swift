// TEMPORARY compile stub; replaced by the real domain at merge.
import Foundation
public enum Category: String, CaseIterable, Codable, Sendable {
  case crime, fraud, violence, publicOrder = "public_order", traffic, danger, hazard, disputeRisk = "dispute_risk",
       utilities, cityManagement = "city_management", noise, environment, propertyNeighbor = "property_neighbor",
       labor, animal, consumer, consultation, livelihoodHelp = "livelihood_help", publicTransport = "public_transport", invalid
  public var isPolice: Bool { false }
}
public enum Target: String, Codable, Sendable { case police, township, hotline12345 = "hotline_12345", none }
public struct GeoPoint: Sendable, Equatable, Codable { public var lat: Double; public var lon: Double; public init(lat: Double, lon: Double) { self.lat = lat; self.lon = lon } }
public struct CallInput: Sendable {
  public var text: String; public var address: String?; public var location: GeoPoint?
  public var callerPhone: String?; public var receivedAt: Date; public var source: String
  public init(text: String, address: String? = nil, location: GeoPoint? = nil, callerPhone: String? = nil, receivedAt: Date = Date(), source: String = "110") {
    self.text = text; self.address = address; self.location = location; self.callerPhone = callerPhone; self.receivedAt = receivedAt; self.source = source }
}
public struct Reason: Sendable, Equatable, Codable { public var rule: String; public var matched: String; public init(rule: String, matched: String) { self.rule = rule; self.matched = matched } }
public struct RiskAssessment: Sendable, Equatable { public var escalation: Bool; public var `repeat`: Bool; public var flags: [String]; public init(escalation: Bool, repeat: Bool, flags: [String]) { self.escalation = escalation; self.repeat = `repeat`; self.flags = flags } }
public struct Decision: Sendable, Equatable {
  public var police: Bool; public var category: Category; public var target: Target; public var township: String?
  public var confidence: Double; public var reasons: [Reason]; public var risk: RiskAssessment
  public var duplicateOf: String?; public var linkedTownship: String?; public var rulesetVersion: String
  public init(police: Bool, category: Category, target: Target, township: String?, confidence: Double, reasons: [Reason], risk: RiskAssessment, duplicateOf: String?, linkedTownship: String?, rulesetVersion: String) {
    self.police = police; self.category = category; self.target = target; self.township = township; self.confidence = confidence; self.reasons = reasons; self.risk = risk; self.duplicateOf = duplicateOf; self.linkedTownship = linkedTownship; self.rulesetVersion = rulesetVersion }
}
public struct Classification: Sendable {}
public protocol CallHistory {
  func callCount(phone: String, since: Date) -> Int
  func callCount(addressKey: String, since: Date) -> Int
  func openItems(township: String?, category: Category, since: Date) -> [OpenItemSummary]
}
public struct OpenItemSummary: Sendable { public var callID: String; public var text: String; public var receivedAt: Date
  public init(callID: String, text: String, receivedAt: Date) { self.callID = callID; self.text = text; self.receivedAt = receivedAt } }
public final class DecisionEngine: Sendable {
  public static func load(configDirectory: String) throws -> DecisionEngine { fatalError() }
  public static func load(configDirectory: String, rulesPath: String?) throws -> DecisionEngine { fatalError() }
  public var rulesetVersion: String { "" }
  public func classify(_ call: CallInput) -> Classification { Classification() }
  public func decide(_ call: CallInput, classification: Classification, history: any CallHistory) -> Decision { fatalError() }
  public func decide(_ call: CallInput) -> Decision { fatalError() }
  public func addressKey(_ address: String) -> String? { nil }
}
