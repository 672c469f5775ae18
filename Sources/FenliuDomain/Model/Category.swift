/// The taxonomy's categories (shared/taxonomy.md). Raw values are the wire/corpus codes.
public enum Category: String, CaseIterable, Codable, Sendable {
    case crime, fraud, violence, publicOrder = "public_order", traffic, danger, hazard
    case disputeRisk = "dispute_risk"
    case utilities, cityManagement = "city_management", noise, environment
    case propertyNeighbor = "property_neighbor"
    case labor, animal, consumer, consultation
    case livelihoodHelp = "livelihood_help", publicTransport = "public_transport"
    case invalid

    /// Police categories stay with 110.
    public var isPolice: Bool {
        switch self {
        case .crime, .fraud, .violence, .publicOrder, .traffic, .danger, .hazard, .disputeRisk: true
        default: false
        }
    }

    /// Needs someone on site, so it goes to a township command room when the place resolves.
    /// Labour counts as on-site only when a work-site location resolves (taxonomy).
    public var isOnSite: Bool {
        switch self {
        case .utilities, .cityManagement, .noise, .environment, .propertyNeighbor, .animal, .labor: true
        default: false
        }
    }
}

/// Where a decision sends the call.
public enum Target: String, Codable, Sendable {
    case police, township, hotline12345 = "hotline_12345", none
}
