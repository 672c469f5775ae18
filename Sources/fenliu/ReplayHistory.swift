import FenliuDomain
import Foundation

/// The history a stored duplicate (一事多报) is re-decided under: its original, still open, in the township and category
/// of the original's current stored decision. So the call is a duplicate of the same original again exactly when the
/// rules being tried still put it there, and an unchanged config reports no change for it.
///
/// Replay has no other history. It compares police line, category, target and township, none of which the repeat
/// counts decide; and a call stored as no duplicate is not offered other calls' items, so replay reports what the
/// rules tried do to each stored decision rather than which new duplicate links they might form.
struct ReplayHistory: CallHistory {
    struct Original {
        var township: String
        var category: Category
        var item: OpenItemSummary
    }

    let original: Original?

    func callCount(phone: String, since: Date) -> Int { 0 }
    func callCount(addressKey: String, since: Date) -> Int { 0 }

    func openItems(township: String?, category: Category, since: Date) -> [OpenItemSummary] {
        // As at intake: without a resolved township there is no place to compare, so no duplicate.
        guard let original, let township, township == original.township, category == original.category,
              original.item.receivedAt >= since
        else { return [] }
        return [original.item]
    }
}
