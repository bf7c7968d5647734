# The managers' dispatch board (/manage/schedule).
dispatch-nav = Schedule
dispatch-title = Dispatch board
dispatch-rows = Workers and their jobs
dispatch-bad-view = That view is not known; showing the week.
dispatch-bad-date = That date could not be read; showing today.
dispatch-bad-skill = That skill is not known; showing every skill.
dispatch-bad-status = That status is not known; showing every status.
dispatch-bad-page = That page number could not be read; showing the first page.
dispatch-view = View
dispatch-view-week = Week
dispatch-view-day = Day
dispatch-date = Date
dispatch-skill = Skill
dispatch-any = Any
dispatch-status = Status
dispatch-area = Area (part of the address)
dispatch-show = Show
dispatch-period = Period
dispatch-earlier = Earlier
dispatch-today = Today
dispatch-later = Later
dispatch-legend = Legend
dispatch-offered-mark = offered, waiting for the answer
dispatch-overlap = overlaps another job
dispatch-outside-hours = outside working hours
dispatch-no-workers = No active workers match these filters.
dispatch-off-duty = off duty
dispatch-day-off = Day off
dispatch-free = Free
dispatch-give = Offer or assign
dispatch-worker = Worker
dispatch-offer = Offer
dispatch-assign = Assign
dispatch-change-time = Change time
dispatch-drop-how = A job dropped on a worker is
flash-dispatch-choose-worker = Choose a worker to offer or assign the order to.
dispatch-open-title = { $count ->
    [one] { $count } order waiting for a worker
   *[other] { $count } orders waiting for a worker
}
dispatch-open-none = Every order in this period has a worker.
