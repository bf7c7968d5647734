# The schedule: moving an order to another time.

event-reschedule-untimed = Moved to another time
event-reschedule = Moved from { $from } to { $to }
refuse-move-not-now = This order can no longer be moved: the work has started or the order is closed.
refuse-move-kit-taken = The worker already has the kit and is not free at the new time: a manager must reassign the job first.
move-link = Move to another time
move-title = Move order #{ $id }
move-now = Now: { $when }
# $minutes and $days read as figures ("at least 120 min ahead").
move-rules = Pick a new date and time: at least { $minutes } min from now, within { $days } days, starting and finishing between { $opens } and { $closes }. The price stays the same.
move-worker-note = Your worker { $worker } keeps the visit if free at the new time; otherwise we find another worker.
move-worker-note-staff = { $worker } keeps the job if free at the new time (hours, other jobs, daily limit); otherwise the order goes back to matching.
# $hours and $percent are figures.
move-late-fee = The visit is less than { $hours } h away: moving it now costs { $fee } ({ $percent }% of the price), as a cancellation would.
move-fee-confirm = I agree to pay { $fee } for this move
move-no-fee-staff = A manager's move carries no fee.
move-submit = Move the order
err-move-same-time = That is the order's current time. Please choose another.
err-move-fee-confirm = Please confirm the fee to move the order.
flash-order-moved = The order was moved.
flash-order-moved-rematched = The order was moved. The worker is not free then, so we are finding another one.
notif-order-moved-title = Order #{ $id } moved
# $reminder_hours is a figure ("24 h"): the hours before a visit its reminder comes.
notif-order-moved-body = { $service } is now on { $when }.{ $reminder ->
        [at] { " " }We will remind you on { $remind_at }.
        [none] { " " }There will be no reminder: the visit is less than { $reminder_hours } h away.
       *[other] { "" }
    }
notif-order-moved-pref = An order of yours moved to another time
notif-job-moved-title = Job #{ $id } moved
notif-job-moved-body = { $service } is now on { $when }. It is still yours.
notif-job-moved-pref = A job of yours moved to another time
notif-job-moved-away-title = Job #{ $id } moved to a time you are not free
notif-job-moved-away-body = { $service } moved to { $when }, when you are not free: it goes to another worker. Nothing for you to do.
notif-job-moved-away-pref = A job moved to a time you are not free
notif-order-moved-unplaced-title = Order #{ $id } moved and needs a worker
notif-order-moved-unplaced-body = { $service } moved to { $when }; its worker is not free then and it is back in matching.
notif-order-moved-unplaced-pref = Orders moved away from their worker
