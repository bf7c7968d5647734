# Reminders before a visit: to the client and to the worker, and the line on the order pages.
notif-visit-reminder-title = Reminder: order #{ $id } is coming up
notif-visit-reminder-body = { $service } on { $when } at { $address }. Please be at home then, and if the worker will need a door code or other access notes, leave them on your order.
notif-visit-reminder-pref = Reminders before a visit
notif-job-reminder-title = Reminder: job #{ $id } is coming up
notif-job-reminder-body = { $service } on { $when } at { $address }. The job's details and kit are on its page.
notif-job-reminder-pref = Reminders before a job

order-reminder-at = Reminder: { $when }
order-reminder-sent = Reminder sent { $when }
# $hours is a figure ("24 h").
order-reminder-none = No reminder: the visit was booked less than { $hours } h before it
