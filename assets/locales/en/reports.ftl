reports-period = Period
reports-preset-today = Today
reports-preset-week = This week
reports-preset-month = This month
reports-preset-year = This year
reports-preset-custom = Custom
reports-from = From
reports-to = To
reports-show = Show
reports-compared-with = compared with
reports-err-preset = That period is not one we know; showing this month.
reports-err-date = Enter both dates as YYYY-MM-DD; showing this month.
reports-err-reversed = The start date is after the end date; showing this month.
reports-err-too-long = A custom period can cover at most ten years; showing this month.
reports-orders = Orders
reports-placed = Orders placed
reports-open = Open
reports-completion-rate = Completion rate
reports-cancellation-rate = Cancellation rate
reports-median-match = Median time to match
reports-median-complete = Median time to complete
# $value is a figure in the stat's own format.
reports-was = was { $value }
# $m is followed by an abbreviation.
reports-duration-m = { $m } min
# $h and $m are followed by abbreviations.
reports-duration-hm = { $h } h { $m } min
# $d and $h are followed by abbreviations.
reports-duration-dh = { $d } d { $h } h
reports-step-day = Day
reports-step-week = Week starting
reports-step-month = Month
reports-orders-chart = Orders placed by { $step }, by status
reports-orders-chart-desc = Stacked bars of the { $count ->
    [one] order
   *[other] { $count } orders
} placed in the period, coloured by their current status.
reports-revenue-chart = Billed for work by { $step }
reports-revenue-chart-desc = Bars of what was billed for work, { $total } in all.
reports-data-table = Show the numbers as a table
reports-total = Total
reports-by-status = Orders by status
reports-status = Status
reports-this-period = This period
reports-previous-period = Previous period
reports-money = Money
reports-revenue = Billed for work
reports-commission = Company commission
reports-payments = Collected from clients
reports-refunds = Refunds
reports-payouts = Paid to workers
reports-fines = Fines
reports-bonuses = Bonuses
reports-now = Right now
reports-receivables = { $count ->
    [one] Receivable: { $count } unpaid invoice
   *[other] Receivable: { $count } unpaid invoices
}
reports-overdue = { $count ->
    [one] Overdue: { $count } invoice past due
   *[other] Overdue: { $count } invoices past due
}
reports-quality = Quality
reports-rating-avg = Average client rating
reports-qc-avg = Average QC score
reports-scores-counted = From { $ratings ->
    [one] { $ratings } client rating
   *[other] { $ratings } client ratings
} and { $reviews ->
    [one] { $reviews } QC review
   *[other] { $reviews } QC reviews
} in the period.
reports-stock = Stock alerts
reports-stock-ok = Every consumable is above its reorder level and no kit is waiting for stock.
# $on_hand and $reorder are quantities followed by their unit or in brackets.
reports-stock-low = { $on_hand } { $unit } left (reorder at { $reorder })
reports-short-kits = { $count ->
    [one] { $count } kit is waiting for stock
   *[other] { $count } kits are waiting for stock
}
reports-hiring = Hiring funnel
reports-hiring-empty = No applications in this period
reports-hiring-empty-text = Candidates who apply through the careers page appear here, grouped by the screening policy that judges them.
reports-funnel-title = Candidates from application to hire
reports-funnel-desc = Of { $applied ->
    [one] { $applied } candidate
   *[other] { $applied } candidates
} who applied in the period, { $hired ->
    [one] { $hired } was hired
   *[other] { $hired } were hired
}.
reports-funnel-by-policy = By screening policy version
reports-policy = Policy
# $version names a version.
reports-policy-version = Version { $version }
reports-no-policy = No policy yet
reports-applied = Applied
reports-tested = Tested
reports-decided = Decided
reports-hired = Hired
reports-exports = Exports
reports-exports-help = CSV files of the period above, with times in the business time zone and amounts in minor units (kopecks, cents).
reports-export-orders = Orders
reports-export-ledger = Ledger entries
reports-export-invoices = Invoices
reports-export-payouts = Payouts
summary-title = Your numbers
summary-open-orders = Open orders
summary-completed-orders = Completed orders
summary-spend-month = Spent this month
summary-spend-total = Spent in all
summary-open-invoices = { $count ->
    [one] { $count } open invoice
   *[other] { $count } open invoices
}
summary-upcoming-jobs = Upcoming jobs
summary-jobs-month = Jobs done this month
summary-earned-month = Earned this month
summary-rating = { $count ->
    [one] Rating ({ $count } review)
   *[other] Rating ({ $count } reviews)
}
summary-payouts = Latest payouts

# The money words, each defined once (the glossary under the dashboard's and billing's figures)
terms-title = What these figures mean
term-billed-def = Completed orders and cancellation fees, at the price billed to clients.
term-commission-def = The company's share of what was billed for work; the rest is the workers' earnings.
term-collected-def = Card payments received from clients.
term-refunds-def = Money given back to clients, after a dispute or a cancellation.
term-paid-def = Monthly payouts sent to workers' cards.
term-fines-def = Deductions from workers' earnings after quality control.
term-bonuses-def = Additions to workers' earnings.
archive-csv = Download CSV
balances-title = Daily balances
balances-lead = Each day's closing balances from the ledger's end-of-day snapshots: what clients owe, what we owe workers, the company's income to date and the money held at Golden Hat.
balances-empty-title = No snapshots in this period
balances-empty-text = A snapshot is taken every night; pick a period that has some.
balances-day = Day
balances-clients-owe = Clients owe
balances-clients-credit = Clients' credit
balances-workers-owed = Owed to workers
balances-income = Company income to date
balances-gateway = Held at Golden Hat
balances-last = Latest
# $what is the name of the figure charted.
balances-chart-desc = { $what } at the end of each day of the period.
consumption-title = Consumption
consumption-lead = What the jobs used from stock: packed into kits and given as extras, less what came back.
consumption-by = Group by
consumption-by-consumable = By item
consumption-by-service = By service
consumption-by-worker = By worker
consumption-item = Item
consumption-used = Used
consumption-jobs = Jobs
# One chart per unit: $unit is the stock's own word for it ("bottle", "piece").
consumption-chart-items = Quantity used of each item (unit: { $unit })
consumption-chart-groups = Quantity used (unit: { $unit })
consumption-empty-title = Nothing used in this period
consumption-empty-text = Kits packed for jobs in the period show here.
balances-link = Daily balances
consumption-link = Consumption
