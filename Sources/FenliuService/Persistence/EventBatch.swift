import FenliuStorage

/// Timeline events gathered while one intake runs and written by one multi-row INSERT: an intake's three or four
/// events (received, decided, queued, a duplicate's report) then cost the single writer one statement, not one each.
/// Rows go in the order they were appended, so the timeline's ids keep that order.
final class EventBatch {
    private static let columnCount = 5
    /// Rows per statement; more rows are written in several statements.
    private static let maxRows = 8
    /// `statements[n - 1]` inserts n rows: built once, so the statement cache sees the same texts every time.
    private static let statements: [String] = (1...maxRows).map { rows in
        "INSERT INTO call_events (call_id, kind, actor, at, detail) VALUES "
            + Array(repeating: "(?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
    }

    private var values: [SQLValue] = {
        var values: [SQLValue] = []
        values.reserveCapacity(4 * EventBatch.columnCount)
        return values
    }()

    var count: Int { values.count / Self.columnCount }

    func append(callID: String, kind: String, actor: String, at: String, detail: String) {
        // One by one: a temporary array of the five would be allocated and destroyed for every event.
        values.append(SQLValue(callID))
        values.append(SQLValue(kind))
        values.append(SQLValue(actor))
        values.append(SQLValue(at))
        values.append(SQLValue(detail))
    }

    /// Writes the gathered rows and empties the batch.
    func flush(in db: Connection) throws {
        defer { values.removeAll(keepingCapacity: true) }
        var start = 0
        while start < values.count {
            let rows = min(Self.maxRows, (values.count - start) / Self.columnCount)
            let end = start + rows * Self.columnCount
            // Nearly always one statement takes every row: then the values go as they are, without a copy.
            try db.run(Self.statements[rows - 1], start == 0 && end == values.count ? values : Array(values[start..<end]))
            start = end
        }
    }
}
