import FenliuDomain
import FenliuHTTP
import FenliuStorage
import Foundation

/// The service's URL space, in one place.
enum Routes {
    static func make(context: HandlerContext, migrator: Migrator, configuration: ServiceConfiguration,
                     events: EventStream, hotlineSecret: @escaping @Sendable () -> String?) -> Router {
        var router = Router()
        let health = HealthHandlers(context: context, migrator: migrator)
        router.get("/healthz", health.health)
        router.get("/readyz", health.ready)

        let calls = CallHandlers(context: context)
        router.post("/v1/calls", calls.intake)
        router.get("/v1/calls/:call_id", calls.show)
        router.get("/v1/decisions", calls.listDecisions)

        let items = ItemHandlers(context: context)
        router.post("/v1/items/:call_id/:action", items.act)
        router.post("/v1/calls/:call_id/override", items.override)
        router.get("/v1/townships/:name/items", items.townshipQueue)
        router.get("/v1/hotline/items", items.hotlineQueue)

        let webhook = HotlineWebhookHandler(context: context, secret: hotlineSecret)
        router.post("/v1/webhooks/hotline", webhook.handle)

        router.get("/v1/events", EventStreamHandler(context: context, stream: events).handle)

        let admin = AdminHandlers(context: context, configDirectory: configuration.configDirectory)
        router.post("/v1/admin/reload", admin.reload)
        router.get("/v1/stats", StatsHandler(context: context).stats)
        return router
    }
}
