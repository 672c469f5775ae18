import FenliuDomain
import FenliuHTTP
import FenliuStorage
import Foundation

/// The receivers' side of the loop: act on an item, read a queue; and the desk's override.
struct ItemHandlers {
    let context: HandlerContext

    /// `POST /v1/items/{call_id}/{action}`.
    func act(_ request: HTTPRequest, _ ctx: RequestContext, _ sink: ResponseSink) {
        let callID = ctx.parameters["call_id"] ?? ""
        let actionName = ctx.parameters["action"] ?? ""
        guard let action = ItemAction(rawValue: actionName), action != .cancel, action != .dispatch else {
            sink.send(ServiceError.notFound("Unknown item action '\(actionName.prefix(32))'; use ack, arrive, resolve, verify, close or return.").response)
            return
        }
        context.authorized(request, sink, roles: [.admin, .desk, .township, .hotline]) { principal in
            var input: ItemRepository.TransitionInput
            do throws(ServiceError) {
                input = try Self.transitionInput(request, action: action)
                if let suggested = input.suggestedTownship {
                    input.suggestedTownship = try context.canonicalTownship(suggested, field: "suggested_township")
                }
            } catch {
                sink.send(error.response)
                return
            }
            let engine = context.engines.engine
            let policy = context.policy
            let now = context.clock()
            let transitionInput = input
            context.write(sink, { db in
                let item = try ItemRepository.transition(callID: callID, action: action, principal: principal, input: transitionInput,
                                                         engine: engine, policy: policy, now: now, in: db)
                return try ItemRepository.itemDocument(itemID: item.id, policy: policy, in: db)
            }, then: { document in .json(.ok, Array(document.utf8)) })
        }
    }

    static func transitionInput(_ request: HTTPRequest, action: ItemAction) throws(ServiceError) -> ItemRepository.TransitionInput {
        var input = ItemRepository.TransitionInput()
        if !request.body.isEmpty {
            let body = try HandlerContext.jsonBody(request)
            guard case .object = body else { throw .invalidField(field: "", detail: "The body must be a JSON object.") }
            func text(_ name: String, max: Int = 2000) throws(ServiceError) -> String? {
                guard let value = body[name], !value.isNull else { return nil }
                // Code points, as for a call's text: a grapheme count lets combining marks through without bound.
                guard let s = value.stringValue, s.unicodeScalars.count <= max else {
                    throw .invalidField(field: name, detail: "\(name) must be a string of at most \(max) characters (Unicode code points).")
                }
                return s
            }
            input.note = try text("note")
            input.result = try text("result")
            input.reason = try text("reason")
            input.suggestedTarget = try text("suggested_target", max: 32)
            input.suggestedTownship = try text("suggested_township", max: 64)
            if let s = body["satisfaction"], !s.isNull {
                guard let n = s.numberValue, n == n.rounded(), (1...5).contains(n) else {
                    throw .invalidField(field: "satisfaction", detail: "satisfaction must be an integer from 1 to 5.")
                }
                input.satisfaction = Int(n)
            }
        }
        if action == .resolve, input.result?.isEmpty ?? true {
            throw .invalidField(field: "result", detail: "resolve needs a result: what was done.")
        }
        if action == .return {
            if input.reason?.isEmpty ?? true { throw .invalidField(field: "reason", detail: "return needs a reason.") }
            if let target = input.suggestedTarget, Target(rawValue: target) == nil || target == "none" {
                throw .invalidField(field: "suggested_target", detail: "suggested_target must be police, township or hotline_12345.")
            }
            // A township named alone says where it should go.
            if input.suggestedTarget == nil, !(input.suggestedTownship?.isEmpty ?? true) { input.suggestedTarget = "township" }
            if input.suggestedTarget == "township", input.suggestedTownship?.isEmpty ?? true {
                throw .invalidField(field: "suggested_township", detail: "suggested_target township needs suggested_township.")
            }
            if input.suggestedTarget != "township", input.suggestedTownship != nil {
                throw .invalidField(field: "suggested_township", detail: "suggested_township goes with suggested_target township.")
            }
        }
        return input
    }

    /// `GET /v1/townships/{name}/items` and `GET /v1/hotline/items`.
    func townshipQueue(_ request: HTTPRequest, _ ctx: RequestContext, _ sink: ResponseSink) {
        let given = ctx.parameters["name"] ?? ""
        context.authorized(request, sink, roles: [.admin, .township]) { principal in
            guard let township = TownshipNames.canonical(given, in: context.engines.engine.gazetteer) else {
                sink.send(ServiceError.notFound("'\(given.prefix(32))' is not one of the 14 townships.").response)
                return
            }
            if principal.role == .township && principal.township != township {
                sink.send(ServiceError.forbidden("A township token reads only its own township's queue.").response)
                return
            }
            queue(request, sink, target: "township", township: township, principal: principal)
        }
    }

    func hotlineQueue(_ request: HTTPRequest, _ ctx: RequestContext, _ sink: ResponseSink) {
        context.authorized(request, sink, roles: [.admin, .hotline]) { principal in
            queue(request, sink, target: "hotline_12345", township: nil, principal: principal)
        }
    }

    private func queue(_ request: HTTPRequest, _ sink: ResponseSink, target: String, township: String?, principal: Principal) {
        let status = request.queryValue("status").flatMap { $0.isEmpty ? nil : $0 }
        if let status, status != "open", status != "all", ItemState(rawValue: status) == nil {
            sink.send(ServiceError.invalidField(field: "status", detail: "status must be open, all or an item state.").response)
            return
        }
        let policy = context.policy
        let now = context.clock()
        let actor = principal.role == .admin ? nil : principal.actorName
        context.write(sink, { db in
            try QueueQueries.pull(target: target, township: township, status: status, markDispatchedBy: actor,
                                  policy: policy, now: now, in: db)
        }, then: { .json(.ok, $0) })
    }

    /// `POST /v1/calls/{call_id}/override`: a person's decision wins.
    func override(_ request: HTTPRequest, _ ctx: RequestContext, _ sink: ResponseSink) {
        let callID = ctx.parameters["call_id"] ?? ""
        context.authorized(request, sink, roles: [.admin, .desk]) { principal in
            var change: Override
            do throws(ServiceError) {
                change = try Override.validate(HandlerContext.jsonBody(request))
                if let township = change.township {
                    change.township = try context.canonicalTownship(township, field: "township")
                }
            } catch {
                sink.send(error.response)
                return
            }
            let policy = context.policy
            let now = context.clock()
            let override = change
            context.write(sink, { db in
                try override.apply(callID: callID, principal: principal, policy: policy, now: now, in: db)
            }, then: { .json(.ok, $0.jsonBytes) })
        }
    }
}
