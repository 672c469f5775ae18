/// Something kept in memory beside the database that must follow its transactions exactly: what a rolled-back
/// transaction or savepoint wrote is gone from the file, so it must be gone from the copy too. GRDB calls the same
/// idea a transaction observer. Attach one to a connection (`Connection.attach`); whoever runs that connection's
/// transactions (the `DatabaseWriter`, or `Connection.inTransaction` / `inSavepoint`) reports how they end, on the
/// connection's own thread.
public protocol TransactionObserver: AnyObject {
    /// A savepoint opened; savepoints nest.
    func savepointBegan()
    /// The innermost savepoint was released: what was done inside it now belongs to the enclosing transaction.
    func savepointReleased()
    /// The innermost savepoint was rolled back to and released: what was done inside it is undone.
    func savepointRolledBack()
    /// The transaction committed.
    func transactionCommitted()
    /// The transaction rolled back, entirely (savepoints included).
    func transactionRolledBack()
}

extension Connection {
    /// Keeps `object` with this connection, one object per type, for as long as the connection lives. Objects that
    /// are `TransactionObserver`s hear how the connection's transactions end.
    public func attach<T: AnyObject>(_ object: T) {
        attachments[ObjectIdentifier(T.self)] = object
    }

    /// The object of type `T` attached to this connection, if any.
    public func attachment<T: AnyObject>(_ type: T.Type) -> T? {
        attachments[ObjectIdentifier(T.self)] as? T
    }

    /// Reports how a transaction or savepoint on this connection ended to the attached observers.
    public func notifyObservers(_ event: TransactionEvent) {
        for object in attachments.values {
            guard let observer = object as? any TransactionObserver else { continue }
            switch event {
            case .savepointBegan: observer.savepointBegan()
            case .savepointReleased: observer.savepointReleased()
            case .savepointRolledBack: observer.savepointRolledBack()
            case .committed: observer.transactionCommitted()
            case .rolledBack: observer.transactionRolledBack()
            }
        }
    }
}

public enum TransactionEvent: Sendable {
    case savepointBegan, savepointReleased, savepointRolledBack, committed, rolledBack
}
