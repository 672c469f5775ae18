import Foundation

/// Errors in JSON config files, placed by line and column and named by the path to the offending value.
extension DomainConfigError {
    /// The first syntax error in `bytes`, or nil when they are one valid JSON value.
    public static func jsonSyntax(file: String, bytes: [UInt8]) -> DomainConfigError? {
        guard let error = JSONSyntaxScanner.firstError(in: bytes) else { return nil }
        let (line, column) = JSONSyntaxScanner.lineAndColumn(ofOffset: error.offset, in: bytes)
        return DomainConfigError(file: file, line: line, column: column, message: error.message)
    }

    /// A value of the wrong shape: `path: message`, at the value's position when the file has one there.
    public static func json(file: String, bytes: [UInt8], at path: JSONPath, _ message: String) -> DomainConfigError {
        guard let offset = JSONSyntaxScanner.offset(of: path, in: bytes) else {
            return DomainConfigError(file: file, message: "\(path): \(message)")
        }
        let (line, column) = JSONSyntaxScanner.lineAndColumn(ofOffset: offset, in: bytes)
        return DomainConfigError(file: file, line: line, column: column, message: "\(path): \(message)")
    }

    /// What a `JSONDecoder` found wrong with syntactically valid JSON, said without Swift's type dump.
    public static func json(file: String, bytes: [UInt8], decodingError: DecodingError) -> DomainConfigError {
        switch decodingError {
        case .keyNotFound(let key, let context):
            // The position is the object that lacks the key; the path names the key itself.
            let container = JSONPath(codingPath: context.codingPath)
            var error = json(file: file, bytes: bytes, at: container, "")
            error.message = "\(container.appending(.key(key.stringValue))): missing"
            return error
        case .typeMismatch(let type, let context):
            return json(file: file, bytes: bytes, at: JSONPath(codingPath: context.codingPath), "expected \(describe(type))")
        case .valueNotFound(let type, let context):
            return json(file: file, bytes: bytes, at: JSONPath(codingPath: context.codingPath), "expected \(describe(type)), found null")
        case .dataCorrupted(let context):
            return json(file: file, bytes: bytes, at: JSONPath(codingPath: context.codingPath), context.debugDescription)
        @unknown default:
            return DomainConfigError(file: file, message: "invalid content")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        default:
            // Arrays and keyed containers arrive as generic types; their names are all that tells them apart.
            String(describing: type).hasPrefix("Array") ? "an array"
                : String(describing: type).contains("Dictionary") || String(describing: type).contains("Keyed") ? "an object"
                : "a value of another type"
        }
    }
}
