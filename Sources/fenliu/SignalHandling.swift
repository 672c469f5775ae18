import Dispatch
import FenliuService
import Foundation

/// SIGTERM/SIGINT: graceful stop then exit 0. SIGHUP: reload rules, keeping the old ones on error.
enum SignalHandling {
    /// Installs the handlers. Call before the listening line is printed: whoever reads that line may signal at
    /// once, and a signal that arrives while it is still ignored would be lost.
    static func install(app: FenliuApp) -> [DispatchSourceSignal] {
        for signalNumber in [SIGTERM, SIGINT, SIGHUP] { signal(signalNumber, SIG_IGN) }
        let queue = DispatchQueue(label: "fenliu.signals")
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGTERM, SIGINT] {
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                ServiceLog.info("shutting down", metadata: ["signal": "\(signalNumber)"])
                app.shutdown()
                ServiceLog.info("stopped")
                exit(0)
            }
            source.resume()
            sources.append(source)
        }
        let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
        hangup.setEventHandler {
            do {
                let version = try app.reloadRules()
                ServiceLog.info("SIGHUP reload done", metadata: ["ruleset_version": "\(version)"])
            } catch {
                ServiceLog.error("SIGHUP reload rejected; previous rules stay in force", metadata: ["error": "\(error)"])
            }
        }
        hangup.resume()
        sources.append(hangup)
        return sources
    }

    /// Parks the main thread; the handlers end the process.
    static func wait(keeping sources: [DispatchSourceSignal]) -> Never {
        withExtendedLifetime(sources) { dispatchMain() }
    }
}
