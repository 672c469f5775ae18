-- An item is always looked up together with its call (the decision's status, the open-duplicate check), and a call has
-- one or two items, so `items_by_call` finds them as quickly. One index fewer to maintain on every intake's item.
DROP INDEX items_by_decision;
