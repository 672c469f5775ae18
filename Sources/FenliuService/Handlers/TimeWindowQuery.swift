import FenliuHTTP
import Foundation

/// The `from` / `to` query parameters of the listing and figures endpoints: RFC 3339 instants, normalised to the
/// stored UTC form, `to` exclusive and not before `from`.
struct TimeWindowQuery: Equatable {
    var from: String?
    var to: String?

    init(_ request: HTTPRequest) throws(ServiceError) {
        var dates: [String: Date] = [:]
        for name in ["from", "to"] {
            guard let value = request.queryValue(name), !value.isEmpty else { continue }
            guard let date = RFC3339.parse(value) else {
                throw .invalidField(field: name, detail: "\(name) must be an RFC 3339 timestamp.")
            }
            dates[name] = date
        }
        if let from = dates["from"], let to = dates["to"], to < from {
            throw .invalidField(field: "to", detail: "to must not be before from.")
        }
        from = dates["from"].map(RFC3339.format)
        to = dates["to"].map(RFC3339.format)
    }
}
