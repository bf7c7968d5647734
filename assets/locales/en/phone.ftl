# The worker's phone as an app (offline report drafts) and calendar feeds.

calendar-title = Calendar feed
calendar-lead-worker = Your jobs (time, service, address and where to pick up the kit) in the calendar app on your phone. Calendar apps check the link every few hours.
calendar-lead-staff = Every job of the coming weeks (time, service, address, client and worker) in your calendar app. Calendar apps check the link every few hours.
calendar-account-lead = Your jobs in your phone's calendar, through a private link.
calendar-open = Calendar feed
calendar-new-link = Your new calendar link
calendar-link-label = Copy this link into your calendar app (“Add calendar from URL”)
calendar-subscribe = Open in my calendar app
calendar-shown-once = The link is shown only now. If you lose it, make a new one.
calendar-link-made = You have a calendar link, made { $when }.
calendar-no-link = You have no calendar link yet.
calendar-make = Make a calendar link
calendar-renew = Make a new link
calendar-renew-confirm = The current link will stop working. Make a new one?
calendar-revoke = Turn the link off
calendar-revoke-confirm = Calendars using this link will stop getting your jobs. Turn it off?
calendar-private = Anyone holding the link can see these jobs: share it with no one. If it leaks, make a new one or turn it off.
flash-calendar-revoked = The calendar link is off. Calendars using it get nothing more.
calendar-feed-name = { $company } jobs
calendar-appointment-name = { $company } appointment
calendar-event-summary = { $service } (#{ $id })
calendar-event-status = Status
calendar-event-worker = Worker
calendar-event-pickup = Kit pickup
calendar-event-details = Details
order-add-to-calendar = Add to calendar
app-description = { $company } for workers: today's jobs, kits and reports, also without signal.
offline-title = No connection
offline-lead = This page needs the network. Reports you wrote are kept on this phone and sent by themselves once the connection is back.
offline-retry = Try again
draft-waiting = No connection: the report is kept on this phone and will be sent by itself when the connection is back. You can close the page.
draft-sending = Sending the report…
draft-photos-kept = Photos kept on this phone, sent with the report:
draft-photo-remove = Remove
draft-refused = The report was not accepted:
err-report-finished-unreadable = The time the report was finished could not be read. Send it again.
err-report-finished-future = The phone's clock is ahead: the report would be finished in the future. Set the phone's time and send again.
err-report-finished-before-start = The phone's clock says the report was finished before the job started. Set the phone's time and send again.
report-finished-on-device = Finished on the phone
report-arrived = Arrived
report-gap = { $minutes ->
    [one] { $minutes } minute later
   *[other] { $minutes } minutes later
}
