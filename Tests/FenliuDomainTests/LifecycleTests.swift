import Foundation
import Testing
@testable import FenliuDomain

@Suite("Item lifecycle and service levels")
struct LifecycleTests {
    @Test func theHappyPathRunsToClosed() throws {
        var state = ItemState.decided
        for action in [ItemAction.dispatch, .ack, .arrive, .resolve, .verify, .close] {
            state = try ItemLifecycle.apply(action, to: state).get()
        }
        #expect(state == .closed)
        #expect(state.isTerminal)
    }

    @Test func offSiteWorkMayResolveWithoutArriving() throws {
        #expect(try ItemLifecycle.apply(.resolve, to: .acknowledged).get() == .resolved)
    }

    @Test func onSiteWorkArrivesBeforeItResolves() throws {
        guard case .failure(let invalid) = ItemLifecycle.apply(.resolve, to: .acknowledged, onSite: true) else {
            Issue.record("an on-site item resolved without arriving")
            return
        }
        #expect(invalid.allowed.filter(\.isCallable) == [.arrive, .return])
        var state = try ItemLifecycle.apply(.arrive, to: .acknowledged, onSite: true).get()
        state = try ItemLifecycle.apply(.resolve, to: state, onSite: true).get()
        #expect(state == .resolved)
    }

    @Test func nothingClosesWithoutVerification() {
        for onSite in [false, true] {
            #expect((try? ItemLifecycle.apply(.close, to: .resolved, onSite: onSite).get()) == nil)
            #expect((try? ItemLifecycle.apply(.close, to: .verified, onSite: onSite).get()) == .closed)
        }
    }

    /// An acknowledgement of an item still marked decided records the dispatch it implies, then the acknowledgement.
    @Test func acknowledgingAnUndispatchedItemRecordsTheDispatchFirst() throws {
        let steps = try ItemLifecycle.steps(.ack, from: .decided, onSite: true).get()
        #expect(steps == [ItemStep(action: .dispatch, from: .decided, to: .dispatched),
                          ItemStep(action: .ack, from: .dispatched, to: .acknowledged)])
        #expect(try ItemLifecycle.steps(.ack, from: .dispatched).get() == [ItemStep(action: .ack, from: .dispatched, to: .acknowledged)])
        #expect((try? ItemLifecycle.steps(.arrive, from: .decided).get()) == nil)
    }

    @Test func everyStateRefusesWhatItDoesNotAllowAndSaysWhatItDoes() {
        for state in ItemState.allCases {
          for onSite in [false, true] {
            let allowed = ItemLifecycle.allowedActions(from: state, onSite: onSite)
            for action in ItemAction.allCases where !allowed.contains(action) {
                guard case .failure(let invalid) = ItemLifecycle.apply(action, to: state, onSite: onSite) else {
                    Issue.record("\(action) from \(state) was accepted")
                    continue
                }
                #expect(invalid.allowed == allowed)
            }
          }
        }
        #expect(ItemLifecycle.allowedActions(from: .closed).isEmpty)
        #expect(ItemLifecycle.allowedActions(from: .returned).isEmpty)
        #expect(ItemLifecycle.allowedActions(from: .cancelled).isEmpty)
    }

    @Test func nothingSkipsAcknowledgement() {
        for action in [ItemAction.arrive, .resolve, .verify, .close] {
            #expect((try? ItemLifecycle.apply(action, to: .decided).get()) == nil)
        }
    }

    @Test func missedDeadlinesDependOnStateAndAreReportedOnce() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        let due = ServiceLevelPolicy().deadlines(from: start, onSite: true)
        #expect(due[.acknowledge] == start.addingTimeInterval(300))
        #expect(due[.onSite] == start.addingTimeInterval(480))
        #expect(ServiceLevelPolicy().deadlines(from: start, onSite: false)[.onSite] == nil)

        let at500 = start.addingTimeInterval(500)
        #expect(ServiceLevel.missed(deadlines: due, state: .dispatched, now: at500, alreadyReported: []) == [.acknowledge, .onSite])
        #expect(ServiceLevel.missed(deadlines: due, state: .acknowledged, now: at500, alreadyReported: []) == [.onSite])
        #expect(ServiceLevel.missed(deadlines: due, state: .onSite, now: at500, alreadyReported: []) == [])
        #expect(ServiceLevel.missed(deadlines: due, state: .dispatched, now: at500, alreadyReported: [.acknowledge]) == [.onSite])
        #expect(ServiceLevel.missed(deadlines: due, state: .closed, now: start.addingTimeInterval(1e6), alreadyReported: []) == [])
        #expect(ServiceLevel.missed(deadlines: due, state: .decided, now: start.addingTimeInterval(299), alreadyReported: []) == [])
    }
}
