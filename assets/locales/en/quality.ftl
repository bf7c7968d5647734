nav-quality = Quality
nav-insights = Insights
qc-open-count = { $count ->
    [one] { $count } open review
   *[other] { $count } open reviews
}
qc-title = Quality control
qc-any-status = Open and done
qc-status-open = Open
qc-status-done = Done
qc-reason = Why
qc-any-reason = Any reason
qc-reason-cancelled = Cancellation
qc-reason-disputed = Dispute
qc-reason-sample = Random sample
qc-reason-withdrawn = Late withdrawal
qc-assignee = Reviewer
qc-anyone = Anyone
qc-mine = Mine
qc-unassigned = Not assigned
qc-empty = Nothing to review
qc-empty-help = Cancelled and disputed orders, and a random sample of completed ones, appear here.
qc-order = Order
qc-people = Client / worker
qc-due = Due
qc-no-history = No other orders.
qc-no-scores = no scores
qc-overall = Overall
qc-previous = Previous window
qc-recent = Recent window
qc-trend = Trend
qc-score-qc = QC score
qc-score-rating = Client rating
qc-decision = Decision
qc-resolution = Dispute outcome
qc-resolve-complete = Complete at the full price
qc-resolve-adjust = Complete at a lower price
qc-resolve-cancel = Cancel and refund
qc-fine = Fine for the worker
qc-bonus = Bonus for the worker
qc-assign = Assign a reviewer
qc-decide = Your review
qc-confirm = Submit this review? Fines, bonuses and the dispute outcome are posted at once and cannot be undone here.
qc-score = Score (1 = poor, 5 = excellent)
qc-findings = Findings
qc-money-help = Leave empty for none. The worker sees the amount with your findings as the reason.
qc-new-price = New price (only for a lower price)
qc-resolution-help = A lower price refunds the difference to the client; cancelling refunds everything the order was charged.
qc-submit = Submit the review
qc-review = Review of order
qc-open-order = Open the order page
qc-dispute-reason = Why the client refused to sign
qc-client-history = The client's other orders
qc-worker-quality = The worker's quality
qc-worker-history = The worker's other jobs
qc-no-worker = No worker was on this order.
# $cancelled and $orders read as "N of M".
insight-cancellations = { $service }: { $rate } of orders cancelled ({ $cancelled } of { $orders }).
insight-falling-rating = { $worker }: the average client rating fell from { $before } to { $now } ({ $count ->
    [one] { $count } rating
   *[other] { $count } ratings
}).
insight-falling-qc = { $worker }: the average QC score fell from { $before } to { $now } ({ $count ->
    [one] { $count } review
   *[other] { $count } reviews
}).
insight-shortages = { $service }: { $count ->
    [one] { $count } kit
   *[other] { $count } kits
} could not be packed for lack of stock.
# $hour is a clock time.
insight-slow-matching = Orders placed at { $hour } waited { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
} for a worker on average ({ $orders ->
    [one] { $orders } order
   *[other] { $orders } orders
}).
insight-disputes = { $client } disputed { $count ->
    [one] { $count } order
   *[other] { $count } orders
}.
insights-window = Over the last { $days ->
    [one] day
   *[other] { $days } days
} (since { $since }).
insights-none = Nothing stands out
insights-none-help = Recommendations appear here when cancellations, scores, shortages, matching times or disputes cross their thresholds.
insights-rows = See the rows
insights-hours = Time to match by hour placed
insights-no-hours = No orders were matched in this window.
insights-hour = Hour
insights-orders = Orders
insights-avg-wait = Average wait, minutes
insights-thresholds = Thresholds
# $rate is a percentage.
insights-t-cancel = A service is named when at least { $rate }% of its orders are cancelled (from { $orders ->
    [one] { $orders } order
   *[other] { $orders } orders
}).
# $points is a decimal score.
insights-t-drop = A worker is named when an average falls by { $points } points or more.
insights-t-shortages = A service is named after { $count ->
    [one] { $count } short kit
   *[other] { $count } short kits
}.
insights-t-matching = An hour is named when orders wait { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
} or more for a worker.
insights-t-disputes = A client is named after { $count ->
    [one] { $count } dispute
   *[other] { $count } disputes
}.
flash-review-closed = This review is already done; nothing was changed.
flash-review-reviewer = Choose an active manager as the reviewer.
flash-review-due = The due date must be in the future.
flash-review-assign-invalid = Choose a reviewer and a due date.
flash-review-assigned = The reviewer was assigned and told.
flash-review-done = The review was saved.
err-review-score = Choose a score from 1 to 5.
err-review-findings = Write your findings (up to 2000 characters).
err-review-amount = A fine or bonus must be a positive amount of at most 1,000,000.
err-review-no-worker = No worker was on this order, so there is nobody to fine or reward.
err-review-not-disputed = Only a disputed order can be resolved.
err-review-resolution = Choose how the dispute ends.
err-review-price = The lower price must be below the order's price and not negative.
notif-review-assigned-title = Review order #{ $id }
notif-review-assigned-body = You were asked to review order #{ $id }.
qc-review-link = Quality review
qc-score-kind = Score
