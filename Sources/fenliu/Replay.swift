import ArgumentParser
import FenliuDomain
import FenliuService
import FenliuStorage
import Foundation

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-decide stored calls with other rules or model and report what would change. Writes nothing.")

    @Option(help: "The database to read (opened read-only).") var database: String = "data/fenliu.sqlite"
    @Option(help: "Folder with rules, gazetteer and model to try.") var configDir: String = "config"
    @Option(help: "Rules file or folder to try instead of CONFIG_DIR/rules.") var rules: String?
    @Option(help: "Only calls received at or after this RFC 3339 time.") var since: String?
    @Flag(help: "Print the report as JSON.") var json = false

    func run() throws {
        let engine = try DecisionEngine.load(configDirectory: ProjectFolders.resolve(configDir), rulesPath: rules)
        var sinceUTC = "0000"
        if let since {
            guard let date = RFC3339.parse(since) else { throw ValidationError("--since must be an RFC 3339 time") }
            sinceUTC = RFC3339.format(date)
        }
        let db = try Connection(path: database, mode: .readOnly)
        // A stored duplicate comes with its original as the original's current decision places it (place_township is
        // the township duplicates are matched on; decisions written before it existed have only the routing township).
        let rows = try db.query("""
            SELECT c.call_id, c.text, c.address, c.lat, c.lon, c.source, c.received_utc,
                   d.police, d.category, d.target, d.township, d.decided_by, d.duplicate_of,
                   o.text AS original_text, o.received_utc AS original_received_utc, o.address_key AS original_address_key,
                   o.lat AS original_lat, o.lon AS original_lon,
                   od.category AS original_category, COALESCE(od.place_township, od.township) AS original_township
            FROM calls c JOIN decisions d ON d.call_id = c.call_id AND d.superseded_at IS NULL
            LEFT JOIN calls o ON o.call_id = d.duplicate_of
            LEFT JOIN decisions od ON od.call_id = o.call_id AND od.superseded_at IS NULL
            WHERE c.received_utc >= ? ORDER BY c.id
            """, [SQLValue(sinceUTC)])
        var changes: [ReplayChange] = []
        for row in rows {
            let location = row.double("lat").flatMap { lat in row.double("lon").map { GeoPoint(lat: lat, lon: $0) } }
            let input = CallInput(text: row.string("text") ?? "", address: row.string("address"), location: location,
                                  receivedAt: row.string("received_utc").flatMap(RFC3339.parse) ?? Date(),
                                  source: row.string("source") ?? "110")
            let now = engine.decide(input, classification: engine.classify(input), history: Self.history(for: row))
            let before = ReplayChange.Side(police: row.bool("police") ?? true, category: row.string("category") ?? "",
                                           target: row.string("target") ?? "", township: row.string("township"))
            let after = ReplayChange.Side(police: now.police, category: now.category.rawValue, target: now.target.rawValue,
                                          township: now.township)
            if before != after {
                changes.append(ReplayChange(callID: row.string("call_id") ?? "", decidedBy: row.string("decided_by") ?? "",
                                            before: before, after: after))
            }
        }
        // Safety-relevant changes first: anything that crosses the police line.
        changes.sort { ($0.crossesPoliceLine ? 0 : 1, $0.callID) < ($1.crossesPoliceLine ? 0 : 1, $1.callID) }
        let report = ReplayReport(rulesetVersion: engine.rulesetVersion, calls: rows.count, changed: changes.count,
                                  policeLineCrossings: changes.filter(\.crossesPoliceLine).count, changes: changes)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print("ruleset \(report.rulesetVersion): \(report.calls) calls re-decided, \(report.changed) would change, \(report.policeLineCrossings) across the police line")
            for c in changes {
                let mark = c.crossesPoliceLine ? "!!" : "  "
                print("\(mark) \(c.callID): \(c.before.summary) → \(c.after.summary)\(c.decidedBy == "classifier" ? "" : " (stored decision by \(c.decidedBy))")")
            }
        }
    }

    /// The stored duplicate's original, if the row is one and the original is still stored with a current decision.
    static func history(for row: Row) -> ReplayHistory {
        guard let originalID = row.string("duplicate_of"), let text = row.string("original_text"),
              let received = row.string("original_received_utc").flatMap(RFC3339.parse),
              let category = row.string("original_category").flatMap(Category.init(rawValue:)),
              let township = row.string("original_township")
        else { return ReplayHistory(original: nil) }
        return ReplayHistory(original: .init(township: township, category: category,
                                             item: OpenItemSummary(
                                                 callID: originalID, text: text, receivedAt: received,
                                                 addressKey: row.string("original_address_key"),
                                                 location: row.double("original_lat").flatMap { lat in
                                                     row.double("original_lon").map { GeoPoint(lat: lat, lon: $0) }
                                                 })))
    }
}

struct ReplayReport: Codable {
    var rulesetVersion: String
    var calls: Int
    var changed: Int
    var policeLineCrossings: Int
    var changes: [ReplayChange]

    // snake_case like every other JSON Fenliu writes.
    enum CodingKeys: String, CodingKey {
        case rulesetVersion = "ruleset_version", calls, changed, policeLineCrossings = "police_line_crossings", changes
    }
}

struct ReplayChange: Codable {
    struct Side: Codable, Equatable {
        var police: Bool
        var category: String
        var target: String
        var township: String?
        var summary: String { "\(category)/\(target)\(township.map { "/\($0)" } ?? "")" }
    }
    var callID: String
    var decidedBy: String
    var before: Side
    var after: Side
    var crossesPoliceLine: Bool { before.police != after.police }

    enum CodingKeys: String, CodingKey {
        case callID = "call_id", decidedBy = "decided_by", before, after
    }
}
