/// Messages into a loop from any thread.
enum LoopMessage: Sendable {
    case adopt(Int32, String)
    case response(ConnectionID, ResponsePart)
    case streamData(ConnectionID, [UInt8])
    case streamFinish(ConnectionID)
    case streamClose(ConnectionID)
    case shutdown
}
