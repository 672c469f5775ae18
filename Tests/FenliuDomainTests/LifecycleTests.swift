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

    @Test func everyStateRefusesWhatItDoesNotAllowAndSaysWhatItDoes() {
        for state in ItemState.allCases {
            let allowed = ItemLifecycle.allowedActions(from: state)
            for action in ItemAction.allCases where !allowed.contains(action) {
                guard case .failure(let invalid) = ItemLifecycle.apply(action, to: state) else {
                    Issue.record("\(action) from \(state) was accepted")
                    continue
                }
                #expect(invalid.allowed == allowed)
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
