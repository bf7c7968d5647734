## Navigation and shell
nav-my-orders = My orders
nav-my-jobs = My jobs
nav-dashboard = Dashboard
nav-admin-overview = Overview
nav-users = Users
nav-mail-queue = Mail queue
nav-audit-log = Audit log
nav-back-office = Back office
nav-my-application = My application
nav-notifications = Notifications
nav-menu = Menu
nav-tools = Your account
nav-sections = Sections
nav-login = Log in
nav-logout = Log out
nav-register = Sign up
footer-tagline = on-site services, done properly
home-hello = Hello, { $name }!
pagination = Pages
pagination-prev = Previous
pagination-next = Next
# $page and $last are page numbers.
pagination-position = Page { $page } of { $last }
table-actions = Actions
filter = Filter
save = Save
yes = yes
no = no
unread-count = { $count ->
    [one] { $count } unread
   *[other] { $count } unread
}

## Roles and permissions
role-client = Client
role-worker = Worker
role-manager = Manager
role-admin = Admin
role-candidate = Candidate
role-client-plural = Clients
role-worker-plural = Workers
role-manager-plural = Managers
role-admin-plural = Admins
role-candidate-plural = Candidates
permission-bets = Secret bets

## Landing
landing-title = Home services you can trust
landing-lead = Order cleaning and other on-site services in a minute. A screened worker arrives with a packed kit, does the job and reports; you sign when you are happy.
landing-cta-client = Order a service
landing-cta-worker = Become a worker
landing-have-account = Already with us?
landing-step-order = Order
landing-step-order-text = Pick a service, an address and a time that suits you. The price is clear before you confirm.
landing-step-match = Match
landing-step-match-text = We offer your order to a screened worker, your favourites first.
landing-step-kit = Kit
landing-step-kit-text = Our supply team packs everything the job needs, so the worker arrives ready.
landing-step-sign = Sign
landing-step-sign-text = Review the report with photos and sign the completion. Billing is weekly.

## Role homes
client-empty-title = No orders yet
client-empty-text = When you order a service it will appear here with its status.
worker-empty-title = No jobs yet
worker-empty-text = Offers and assigned jobs will appear here. Keep your phone at hand.
manager-empty-title = Nothing to show yet
manager-empty-text = The dashboard fills up as orders come in.
candidate-empty-title = Your application is in
candidate-empty-text = Screening tests assigned to you will appear here.

## Login and registration
login-title = Log in
login-submit = Log in
login-failed = The email or password is not right. Please try again.
login-no-account = New here?
register-title = Create your account
register-lead = Sign up to order services and follow them to completion.
register-submit = Create account
register-have-account = Already have an account?
field-name = Name
field-email = Email
field-password = Password
field-current-password = Current password
field-new-password = New password
password-hint = At least 8 characters. A passphrase of a few words is easy to remember and hard to guess.
err-name-required = Please enter your name.
err-name-invalid = The name must be at most 100 characters.
err-email-invalid = Please enter a valid email address, like name@example.com.
err-email-taken = An account with this email already exists. Try logging in.
err-password-short = The password must have at least 8 characters.
err-password-long = The password is too long (at most 200 characters).
err-password-common = This password is too common. Please choose another.
err-password-wrong = The current password is not right.

## Account
account-title = My account
account-details = Details
account-role = Role
account-language = Language
account-password = Change password
account-password-submit = Change password
account-notifications = Email notifications
account-notifications-lead = Choose which notifications also come by email. You always see them here in the app.

## Flash messages
flash-welcome = Welcome to { $company }! Your account is ready.
flash-logged-in = You are logged in.
flash-logged-out = You have logged out. See you soon!
flash-password-changed = Your password has been changed. Other sessions were logged out.
flash-saved = Saved.
flash-own-account = You cannot change your own role or deactivate yourself.
flash-permission-role = This permission is not available for the user's role.
flash-mail-requeued = The mail is queued again.
flash-mail-not-dead = Only dead mail can be retried.

## Notifications
notifications-title = Notifications
notifications-mark-read = Mark all as read
notifications-empty-title = All quiet
notifications-empty-text = You have no notifications yet.
notifications-open = Open
mail-greeting = Hello, { $name }!
mail-signature = { $company }
mail-open = Open in { $company }
mail-link-fallback = If the button does not work, copy this address into your browser:
notif-welcome-title = Welcome to { $company }
notif-welcome-body = Your account is ready. You can log in any time to order services and follow them.
notif-mail-dead-title = An email could not be delivered
notif-mail-dead-body = Mail #{ $id } to { $to } failed after the last try. Check the mail settings and retry it from the mail queue.
notif-backup-failed-title = A scheduled backup failed
notif-backup-failed-body = The backup at { $at } failed: { $error }. The last good backup is still there; check the backup folder ({ $dir }) and the disk.

## Admin
admin-overview-title = Overview
admin-jobs = Background jobs
admin-jobs-running = Running.
admin-jobs-stopped = Not running in this process.
admin-jobs-last-run = Last reconcile
admin-jobs-catching-up = Catching up on the work that became due while the server was down.
admin-jobs-catch-up-failed = The start-up catch-up failed; the next reconcile tries again (see the log).
admin-backups = Backups
# $hours is followed by an abbreviation; $keep follows a colon or reads for any count.
admin-backups-schedule = Every { $hours } h, keeping the newest { $keep }, in { $dir }.
admin-backups-off = Scheduled backups are off (backup_every_hours = 0).
admin-backups-none = No scheduled backup yet.
backup-file = File
backup-size = Size
backup-taken = Taken
backup-age = Age
# $hours is followed by an abbreviation.
backup-age-hours = { $hours } h
admin-see-dead = See dead mail
admin-see-all = See all
admin-users-search = Search by name or email
admin-all-roles = All roles
admin-users-count = { $count ->
    [one] { $count } user
   *[other] { $count } users
}
admin-users-empty-title = No users found
admin-users-empty-text = Try another search or role.
admin-status = Status
admin-created = Created
admin-active = active
admin-inactive = deactivated
admin-change-role = Change role
admin-confirm-role = Change this user's role? Their sessions will end.
admin-permissions = Permissions
admin-no-permissions = This role has no extra permissions.
admin-grant = Grant
admin-revoke = Revoke
admin-deactivate = Deactivate
admin-reactivate = Reactivate
admin-confirm-deactivate = Deactivate this user? They will be logged out everywhere.
admin-own-account = This is your own account.
mail-all = All
mail-pending = Pending
mail-sent = Sent
mail-dead = Dead
mail-to = To
mail-subject = Subject
mail-attempts = Attempts
mail-next = Next attempt
mail-retry = Retry
mail-empty-title = No mail here
mail-empty-text = Nothing in this part of the queue.
audit-empty = No audited actions yet.
audit-when = When
audit-who = Who
audit-action = Action
audit-subject = Subject
audit-details = Details
audit-filter = Action starts with…

## Errors
err-go-home = Go to the start page
err-400-title = We could not read that
err-400-text = The request was not in the expected form. Please go back and try again.
err-403-title = Not allowed
err-403-text = You do not have access to this page.
err-csrf-title = The form has expired
err-csrf-text = For your safety the form could not be accepted. Reload the page and try again.
err-404-title = Page not found
err-404-text = The page you are looking for does not exist or has moved.
err-405-title = Not possible here
err-405-text = This page cannot be used this way.
err-413-title = Too large
err-413-text = What you sent is larger than we accept.
err-429-title = Too many attempts
err-refused-title = That cannot be done now
err-429-text = For your safety, logging in is paused for a while. Please wait 15 minutes and try again.
err-busy-title = Too many requests
err-busy-text = { $seconds ->
    [one] You are sending requests faster than we can answer. Please wait { $seconds } second and try again.
   *[other] You are sending requests faster than we can answer. Please wait { $seconds } seconds and try again.
}
err-503-title = Busy right now
err-503-text = Many changes are arriving at once and yours was not saved. Please try again in a few seconds.
err-storage-title = Cannot save right now
err-storage-text = The server's storage is full or failing, so nothing was saved. Please try again in a few minutes.
err-kept-input = Nothing was saved. What you entered is kept below: press the button again to retry.
err-try-again = Try again
err-resend-text = Nothing was saved. Press “Try again” to send what you entered once more.
err-500-title = Something went wrong
err-500-text = An unexpected error happened on our side. It has been logged; please try again in a moment.

## Orders and catalogue
nav-orders = Orders
nav-catalogue = Catalogue
nav-services = Services
nav-profile = Profile
back = Back
remove = Remove
actor-system = system
# $minutes is followed by an abbreviation.
duration-minutes = { $minutes } min
field-address = Address
field-access-notes = Access notes (entrance, code, floor)
field-label = Label
field-notes = Notes for the worker
field-date = Date
field-time = Time
field-reason = Reason
field-reason-optional = Reason (optional)
field-full-name = Your full name
field-signature = Signature (draw with your finger or mouse)
field-rating = Rating
field-comment = Comment
field-service-name = Service
field-code = Code
field-skill = Required skill
field-duration = Duration, minutes
field-base-price = Base price
field-price = Price
field-content-name = Name
field-description = Description
field-item-text = Text

status-new = New
status-offered = Offered
status-assigned = Assigned
status-in-progress = In progress
status-reported = Awaiting signature
status-completed = Completed
status-unassigned = Unassigned
status-disputed = Disputed
status-cancelled = Cancelled
offer-status-open = Open
offer-status-accepted = Accepted
offer-status-declined = Declined
offer-status-expired = Expired
offer-status-withdrawn = Withdrawn

event-create = Order placed
event-offer = Offered to a worker
event-accept-offer = Offer accepted
event-decline-offer = Offer declined
event-withdraw = Worker withdrew
# What the client reads of a worker's withdrawal: the reason is for staff only.
event-withdraw-client = Your worker can no longer come: another worker is being found
event-expire-offer = Offer expired
event-assign = Worker assigned
event-volunteer = Taken from the job board
event-mark-unassigned = No worker found
event-confirm-kit = Kit handed over
event-start = Work started
event-report = Report submitted
event-sign = Signed by the client
event-refuse = Signature refused
event-resolve-complete = Dispute settled: completed
event-cancel = Cancelled
event-rematch = Matching run again by a manager
event-open-board = Opened to volunteers

sort-scheduled-desc = Latest date first
sort-scheduled-asc = Earliest date first
sort-created-desc = Newest orders first
sort-total-desc = Highest total first

quote-title = Price
quote-total = Total
quote-unavailable = Choose a service to see the price.

services-title = Our services
services-empty-title = No services yet
services-empty-text = The catalogue is being prepared. Please come back soon.
services-manage-empty-text = Add the first service so clients can order it.
services-from = from
services-order = Order
services-new = New service
services-active = active
services-inactive = inactive
services-activate = Activate
services-deactivate = Deactivate
services-confirm-deactivate = Deactivate this service? Clients will no longer be able to order it; existing orders are kept.
services-options = Options
services-no-options = No options yet.
services-add-option = Add option
services-checklist = Checklist
services-no-checklist = No checklist items yet.
services-add-item = Add item

orders-new = New order
orders-pick-service = Which service do you need?
orders-options = Extras
orders-new-address = A new address…
orders-new-address-field = New address (if not in the list)
orders-slot-hint = Working hours are { $opens }–{ $closes }: the job must start and finish within them.
orders-place = Place order
orders-review-sign = Review and sign
orders-cancel = Cancel order
orders-cancel-title = Cancel this order?
# $percent is a percentage.
orders-cancel-fee = A worker is already assigned, so a cancellation fee of { $fee } ({ $percent } % of the total) applies.
orders-cancel-free = Cancelling now is free of charge.
orders-cancel-confirm = Yes, cancel the order
orders-cancel-manager-confirm = Cancel this order? The client and the worker will be told.
orders-count = { $count ->
    [one] { $count } order
   *[other] { $count } orders
}
filters-more = { $count ->
    [0] More filters
    [one] More filters (1 in use)
   *[other] More filters ({ $count } in use)
}
orders-search = Order number or address
orders-all-statuses = All statuses
orders-all-services = All services
orders-all-workers = All workers
orders-from = From date
orders-to = To date
orders-sort = Sort
orders-empty-title = No orders match
orders-empty-text = Try other filters.
unplaced-title = { $count ->
    [0] Unplaced orders
    [one] One unplaced order
   *[other] { $count } unplaced orders
}
unplaced-page-title = Unplaced orders
unplaced-lead = Orders matching gave up on, and orders with no worker { $hours ->
    [one] one hour
   *[other] { $hours } hours
} before their slot. Assign, offer or call the client.
unplaced-none = Every order has a worker or is being matched in good time (more than { $hours ->
    [one] one hour
   *[other] { $hours } hours
} ahead).
unplaced-why = Why
unplaced-gave-up = matching found nobody
unplaced-soon = { $hours ->
    [0] starts within the hour
    [one] starts in 1 hour
   *[other] starts in { $hours } hours
}
unplaced-all = All unplaced orders
orders-assign-title = Worker
orders-offer = Offer to worker
orders-assign = Assign directly
orders-assign-hint = An offer waits for the worker to accept; assigning directly does not ask.
orders-resolve-complete = Complete the order
orders-resolve-confirm = Settle the dispute and complete the order?
order-when = When
order-worker = Worker
order-client = Client
order-timeline = History
order-cancellation-fee = Cancellation fee
# $percent is a percentage.
order-cancellation-terms = Cancelling once a worker is assigned costs { $percent } % of the total: { $fee }.
order-cancel-reason = Cancellation reason
order-dispute-reason = Dispute

worker-offers = New offers
worker-offer-expires = Offer expires
worker-share = Your share: { $amount } ({ $percent } %)
worker-accept = Accept
worker-decline = Decline
worker-decline-confirm = Decline this job?
worker-today = Today
worker-upcoming = Upcoming
worker-no-jobs-today = No jobs today.
worker-no-upcoming = Nothing else scheduled.
worker-start = Start the job
worker-waiting-signature = Report sent. Waiting for the client's signature.
kit-title = Kit
kit-confirm = I have received the kit
kit-received = Kit received
kit-issue = Mark kit as handed over
report-title = Report
report-checklist = Checklist
report-note = What was done
report-files = Photos and documents
report-files-hint = JPEG, PNG, WebP or PDF; up to 10 files of 10 MB each.
report-submit = Send report
signature-title = Signature
sign-title = Review and sign
sign-accept = Accept the work
sign-clear = Clear
sign-submit = Sign and complete
sign-refuse = Not satisfied?
sign-refuse-submit = Refuse to sign
sign-refuse-confirm = Refuse to sign? Quality control will review the order.

profile-title = Profile
profile-addresses = Addresses
profile-no-addresses = No addresses yet.
profile-default = default
profile-make-default = Make default
profile-confirm-remove = Remove this address? Past orders keep it.
profile-add-address = Add address
profile-label-hint = Home, Office…
profile-notes = Notes for workers
profile-notes-hint = Pets, parking, anything a worker should know.
profile-workers = Workers
profile-no-workers = Workers who have served you will appear here.
profile-favourite = favourite
profile-blocked = blocked
profile-make-favourite = Favourite
profile-block = Block
profile-clear = Clear

refuse-not-now = That is not possible in the order's current state.
refuse-not-yours = You cannot do that with this order.
refuse-offer-gone = This offer is no longer open.
refuse-offer-expired = This offer has expired.
refuse-kit-first = Confirm that you received the kit before starting.
refuse-kit-already = The kit was already handed over.
refuse-cancel-started = The work has started; please contact us to cancel.
refuse-worker-busy = This worker has another job at that time.
refuse-worker-not-skilled = This worker does not have the skill this service needs.
refuse-worker-not-certified = This worker’s certification for this service has lapsed or failed.
refuse-worker-blocked = The client has asked not to be sent this worker.
refuse-not-a-worker = Choose an active worker.

err-service-unknown = This service is not available. Please choose another.
err-address-unknown = Please choose an address or type a new one.
err-option-unknown = One of the chosen extras is not available.
err-slot-format = Please enter a date and a time.
err-slot-step = Please choose a time on a quarter hour (10:00, 10:15…).
err-slot-invalid = That time does not exist on that day (clock change). Please choose another.
err-slot-too-soon = Please choose a time at least { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
} from now.
err-slot-too-far = Please choose a date within the next { $days ->
    [one] day
   *[other] { $days } days
}.
err-slot-hours = The job must start and finish within working hours, { $opens }–{ $closes }.
err-text-1000 = At most 1000 characters.
err-text-2000 = At most 2000 characters.
err-required-100 = Required, at most 100 characters.
err-code = Use 2–40 lowercase letters, digits and dashes.
err-code-taken = This code is already used by another service.
err-duration = Between 15 and 720 minutes, in steps of 15.
err-money = Enter an amount like 4500 or 4500.50.
err-full-name = Please type your full name.
err-signature = Please draw your signature.
err-rating = Please choose a rating from 1 to 5.
err-report-note = Please describe what was done.
err-file-name = File names must not contain folders or special characters.
err-file-type = Only JPEG, PNG, WebP or PDF files are accepted.
err-file-mismatch = A file's content does not match its name.
# $mb is followed by an abbreviation.
err-file-large = Each file must be at most { $mb } MB.
err-file-many = Please attach at most { $count ->
    [one] one file
   *[other] { $count } files
}.
# $mb is followed by an abbreviation.
err-upload-request-large = All the files together must be at most { $mb } MB. Please send fewer or smaller photos.
err-upload-busy = The server is receiving many files right now. Please try again in a minute.
err-upload-text-long = A text field is too long.
err-file-empty = One of the files is empty.

flash-order-placed = Your order is placed. We will find a worker for you.
flash-order-cancelled = The order is cancelled.
flash-order-signed = Thank you! The order is completed.
flash-order-disputed = We are sorry. Quality control will review the order and contact you.
flash-offer-sent = The offer was sent to the worker.
flash-assigned = The worker is assigned.
flash-offer-accepted = The job is yours.
flash-offer-declined = Offer declined.
flash-kit-confirmed = Kit received. You can start when you arrive.
flash-kit-issued = The kit is marked as handed over.
flash-job-started = Job started. Good luck!
flash-report-sent = Report sent to the client.
flash-dispute-resolved = The dispute is settled.
flash-reason-required = Please give a reason.
flash-reason-invalid = The reason is too long.
flash-address-invalid = Please fill in the label and the address.
flash-address-removed = The address was removed.
flash-notes-invalid = The notes are too long.
flash-option-invalid = Please give the name in each language asked for (up to 100 characters) and a valid price.
flash-checklist-invalid = Please give the item in each language asked for (up to 200 characters).

notif-order-received-title = Order #{ $id } received
# $reminder_hours is a figure ("24 h"): the hours before a visit its reminder comes.
notif-order-received-body = { $service } on { $when }. We are finding a worker for you.{ $reminder ->
        [at] { " " }We will remind you on { $remind_at }.
        [none] { " " }There will be no reminder: the visit is less than { $reminder_hours } h away.
       *[other] { "" }
    }
notif-order-assigned-title = A worker is assigned to order #{ $id }
notif-order-assigned-body = { $service } on { $when } will be done by one of our screened workers.
notif-order-started-title = Work on order #{ $id } has started
notif-order-started-body = Your worker has started { $service }.
notif-order-reported-title = Order #{ $id } is ready to sign
notif-order-reported-body = The worker has finished { $service }. Please review the report and sign.
notif-order-completed-title = Order #{ $id } completed
notif-order-completed-body = { $service } is completed. Total: { $total }. Thank you!
notif-order-cancelled-title = Order #{ $id } cancelled
notif-order-cancelled-body = { $service } on { $when } is cancelled.
notif-offer-new-title = New job offer: { $service }
notif-offer-new-body = { $service } on { $when }. Accept it before the offer expires.
notif-job-assigned-title = Job #{ $id } is yours
notif-job-assigned-body = You are assigned to { $service } on { $when }.
notif-job-cancelled-title = Job #{ $id } is off
notif-job-cancelled-body = { $service } on { $when } is no longer yours.
notif-order-to-assign-title = Order #{ $id } needs a worker
notif-order-to-assign-body = { $service } on { $when } is waiting to be offered or assigned.
notif-offer-declined-title = Offer for order #{ $id } declined
notif-offer-declined-body = The worker declined { $service } on { $when }. Please offer it to someone else.
notif-order-disputed-title = Order #{ $id } is disputed
notif-order-disputed-body = The client refused to sign { $service }. Quality control should review it.

## Matching
notif-offer-expired-title = Offer for job #{ $id } expired
notif-offer-expired-body = The offer for { $service } on { $when } ran out and went to someone else.
notif-order-unassigned-title = No worker found for order #{ $id }
notif-order-unassigned-body = Matching could not place { $service } on { $when }. Please assign it by hand or try again.
notif-order-not-placed-title = No worker is free for order #{ $id } yet
notif-order-not-placed-body = We could not find a worker for { $service } on { $when }. You can pick another time or cancel free of charge; a manager will also call you to help.
order-not-placed-title = No worker is free at that time yet
order-not-placed-text = We keep the order open and a manager will call you to help. You can also order again at another time, or cancel free of charge.
order-not-placed-again = Order at another time
order-not-placed-cancel = Cancel free of charge
excl-inactive = deactivated
excl-off-duty = off duty
excl-not-skilled = lacks the skill
excl-outside-hours = outside working hours or a day off
excl-busy = busy at that time
excl-daily-limit = daily limit reached
excl-blocked = blocked by the client
excl-already-tried = already declined or let it expire
nav-availability = Availability
nav-matching = Matching
availability-title = Availability
availability-on-duty = You are on duty: new offers can come.
availability-off-duty = You are off duty: no new offers.
availability-go-on = Go on duty
availability-go-off = Go off duty
availability-hours = Working hours
availability-from = From
availability-to = To
availability-days-off = Days off
availability-add-day-off = Add day off
availability-skills = Skills
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
flash-on-duty = You are on duty.
flash-off-duty = You are off duty.
flash-hours-invalid = Each working day needs a start before its end.
flash-day-invalid = Please choose a date.
flash-matching-offered = Matching found a worker; the offer is out.
flash-matching-nobody = Matching found nobody eligible. Assign by hand or try later.
flash-skills-saved = Skills saved.
matching-title = Matching
matching-settings = Strategy and settings
matching-strategy = Strategy
matching-random = Random (favourites first)
matching-score = Score (rating, QC, load, favourites)
matching-enabled = Automatic matching on
matching-max-attempts = Offers before giving up
matching-daily-limit = Jobs per worker per day
matching-travel-buffer = Travel buffer, minutes
matching-weights = Score weights
matching-w-rating = Rating
matching-w-qc = Quality control
matching-w-load = Load (penalty)
matching-w-favourite = Favourite
matching-confirm = Change the matching settings? The next decisions use them.
matching-invalid = Please check the values: each must be a whole number in its range.
matching-decisions = Decisions
matching-what-happened = What happened
# $round and $attempt are numbers that name, not counts; "of $eligible eligible" reads for any count.
matching-sentence-score = Offered to { $worker }, ranked { NUMBER($rank, type: "ordinal") ->
    [one] { $rank }st
    [two] { $rank }nd
    [few] { $rank }rd
   *[other] { $rank }th
} of { $eligible } eligible by score ({ $considered ->
    [one] { $considered } worker considered
   *[other] { $considered } workers considered
}); settings v{ $settings }, round { $round }, offer { $attempt }.
# $round and $attempt are numbers that name, not counts; "$considered considered" reads for any count.
matching-sentence-random = Offered to { $worker }, drawn at random from { $eligible ->
    [one] { $eligible } eligible worker
   *[other] { $eligible } eligible workers
} (favourites first; { $considered } considered); settings v{ $settings }, round { $round }, offer { $attempt }.
# $round and $attempt are numbers that name, not counts; $worker is empty.
matching-sentence-none = Offered to no one: { $considered ->
    [one] the one worker considered was not eligible
   *[other] none of the { $considered } workers considered was eligible
}; settings v{ $settings }, round { $round }, offer { $attempt }.
# $version names a version.
matching-replay = For developers: seed { $seed }, strategy version { $version }.
matching-decision = Decision
matching-no-decisions = No decisions yet
matching-no-decisions-text = Decisions appear here as orders are matched.
matching-order = Order
matching-eligible = Eligible
matching-eligible-one = eligible
matching-chosen = Chosen
matching-outcome = Outcome
matching-score-col = Score
matching-why-title = Matching
matching-attempts = Offers made in this round
matching-left-out = Left out in the last decision
matching-rerun = Run matching again
matching-replay-link = Replay the decisions with another strategy (estimates)
replay-title = Replay of matching decisions
replay-lead = Re-decides the recorded decisions of the chosen days with a strategy, over the very workers each decision found eligible, and estimates what would have changed. Nothing is changed for real.
replay-from = First day
replay-to = Last day (inclusive)
replay-weights = Score weights (optional): rating, QC, load, favourite
replay-made-by = Decisions made by
replay-made-by-any = Every strategy
replay-weights-hint = Left blank, a score decision keeps its own weights and any other decision takes the live settings'. Without days, the last 30 days.
replay-run = Replay
replay-bad-strategy = Choose the random or the score strategy.
replay-bad-from = The first day must be a date.
replay-bad-to = The last day must be a date.
replay-backwards = The first day must not be after the last day.
replay-bad-weights = Weights are four whole numbers from 0 to 1000, separated by commas: rating, QC, load, favourite.
replay-what-changes = What would change
replay-decisions = Decisions in these days
replay-replayed = Replayed
replay-changed = Replayed choosing a different worker
replay-nobody = Replayed with nobody eligible
replay-not-replayable = Not replayable (recorded before the facts were kept)
replay-volunteered = Taken by volunteers (no strategy chose)
replay-none = No decision of these days can be replayed.
replay-estimates = Estimates: the chosen workers' client rating and QC score
# $until is a date and time.
replay-estimates-note = Means on the 1–5 scale from each worker's record up to { $until }, with 95 % intervals. Each worker's mean is pulled toward the average worker's by how little their record says, and a worker without a record counts as an average one. These are estimates, not outcomes: knock-on effects on later decisions are not modelled.
replay-measure = Measure
replay-before = As decided
replay-after = Replayed
replay-change = Change
replay-rating = Client rating
replay-qc = QC score
replay-no-data = Not enough data yet: no worker has one.
replay-unknown = Decisions whose chosen worker has no record (as decided / replayed)
replay-spread = Load spread among the workers eligible at least once
replay-top-fifth = Share of the offers taken by the busiest fifth of workers
replay-gini = Gini coefficient (0 even, 1 all to one worker)
replay-cv = Coefficient of variation of offers per worker
replay-workers = Who gets work (offers per worker)
admin-skills = Skills

## Bets
nav-bets = Bets
bets-lead = Stake on how orders turn out. Stakes on each side form a pool; winners share the losers' stakes in proportion to their own. Betting closes when the work starts.
bets-none-title = Nothing to bet on
bets-none-text = Orders appear here until their work starts.
bets-proposition = Proposition
bets-side = Side
bets-amount = Amount
bets-place = Place bet
bets-yes = yes
bets-no = no
bets-prop-completed-on-time = Completed on time
bets-prop-cancelled = Cancelled
bets-prop-qc-score-at-least-4 = QC score at least 4
bets-prop-client-rating-5 = Client rates 5
bets-recent = Recent books
bets-status-open = open
bets-status-closed = closed, waiting for the outcome
bets-status-settled = settled
bets-status-void = void, stakes returned
bets-outcome = Outcome
bets-stakes = Stakes
bets-results = Results
bets-bettor = Manager
bets-staked = Staked
bets-payout = Paid out
bets-net = Net
bets-who-pays = Who pays whom
bets-pays = Pays
bets-to = To
bets-nothing-to-pay = Nobody owes anybody.
bets-standings = Standings
bets-no-results-title = No results yet
bets-no-results-text = Results appear once books are settled.
flash-bet-placed = Your bet is placed.
flash-bet-closed = Betting on this order is closed: the work has started.
flash-bet-amount = Stakes are from 1.00 to 100,000.00.

## Hiring
nav-candidates = Candidates
apply-title = Become a { $company } worker
apply-lead = Tell us about yourself and which services you can do. We will send you a short screening test.
apply-skills = Services you can do
apply-about = About you
apply-submit = Send application
apply-status = Your application
apply-applied-at = Applied
field-phone = Phone
err-phone = Please enter a phone number (digits, spaces, +, -, brackets).
err-skills = Please choose at least one service.
flash-applied = Thank you! Your application is in.
candidate-status-applied = received
candidate-status-testing = testing
candidate-status-hired = hired
candidate-status-rejected = not this time
candidates-empty-title = No candidates here
candidates-empty-text = Applications from the "Become a worker" page appear here.
nav-tests = Tests
tests-title = Screening tests
tests-empty-title = No tests yet
tests-empty-text = Build the first screening test: a few questions and a time limit.
tests-new = New test
tests-settings = Title, instructions and time limit
tests-field-title = Title
tests-field-instructions = Instructions for the candidate
tests-field-minutes = Time limit, minutes
tests-questions = Questions
tests-no-questions = No questions yet. Add the first one below.
tests-questions-count = { $count ->
    [one] { $count } question
   *[other] { $count } questions
}
tests-points = { $count ->
    [one] { $count } point
   *[other] { $count } points
}
tests-points-total = { $count ->
    [one] { $count } point in all
   *[other] { $count } points in all
}
tests-add-question = Add question
tests-field-kind = Kind
tests-field-points = Points
tests-field-prompt = Question
tests-field-options = Options, one per line
tests-options-hint = For single and multiple choice
tests-field-correct = Right option numbers
tests-field-answer = Numeric answer
tests-field-tolerance = Tolerance (±)
tests-kind-hint = Single choice: options and one right number. Multiple choice: options and the right numbers, comma-separated. Numeric: the answer and a tolerance. Free text: graded by a manager.
tests-kind-single-choice = Single choice
tests-kind-multiple-choice = Multiple choice
tests-kind-numeric = Numeric
tests-kind-free-text = Free text
tests-graded-by-hand = Graded by a manager.
tests-confirm-remove = Remove this question?
flash-test-invalid = Please give a title and a time limit of 1 to 240 minutes.
flash-question-added = Question added.
err-question-prompt = Please write the question (at most 1000 characters).
err-question-points = Points are a whole number from 1 to 100.
err-question-options = Give 2 to 10 options, one per line.
err-question-correct = Name the right option numbers from the list (one for single choice).
err-question-answer = The numeric answer must be a number.
err-question-tolerance = The tolerance must be zero or a positive number.
err-question-kind = Choose a question kind.
attempt-my-tests = Your tests
attempt-assign = Assign test
attempt-take = Questions (all)
attempt-pass-mark = Pass mark %
attempt-shuffle = Shuffle
attempt-time-limit = You will have { $minutes ->
    [one] one minute
   *[other] { $minutes } minutes
} once you start. The clock runs on our side, even if you close the page.
attempt-start = Start the test
attempt-deadline = Answers are accepted until
attempt-submit = Submit answers
attempt-submit-confirm = Submit your answers? You cannot change them afterwards.
attempt-status-invited = waiting for you to start
attempt-status-started = in progress
attempt-status-submitted = submitted, a manager is grading the written answers
attempt-status-graded = graded
attempt-status-expired = time ran out
err-attempt-not-open = This test is not open for answers.
err-attempt-late = Time is up: answers after the deadline are not accepted.
err-attempt-question = Those answers do not belong to this test.
flash-attempt-not-open = This test is not open any more.
flash-attempt-started = The clock is running. Good luck!
flash-attempt-submitted = Thank you! Your answers are in.
flash-test-assigned = The test is assigned; the candidate sees it on their page.
flash-assign-test = Choose a test that has questions.
flash-assign-take = The number of questions must be between 1 and the test's size.
flash-assign-pass-mark = The pass mark is a percentage from 0 to 100.
nav-grading = Grading
grading-title = Written answers to grade
grading-empty-title = Nothing to grade
grading-empty-text = Written answers from screening tests appear here.
grading-save = Save grade
flash-graded = Graded.
flash-grading-closed = That answer is already graded or its attempt is closed.
flash-grading-points = Points must be between 0 and the question's points.
nav-policies = Policies
notif-hired-title = Welcome aboard!
notif-hired-body = You passed the screening and are now a { $company } worker. Set your working hours and go on duty to receive offers.
policies-title = Screening policies
policies-empty-title = No policies yet
policies-empty-text = A policy says which tests count, how much, and who gets hired.
policies-new = New draft policy
policies-weights = Tests and their weights (0 leaves a test out)
policies-rule = Rule
policies-rule-top = Top percent of the cohort
policies-rule-min = Minimum score
policies-percent = Top %
policies-threshold = Minimum score %
policies-window = Cohort window, days
policies-save-draft = Save draft
policies-activate = Activate
policies-activate-confirm = Activate this policy? It replaces the active one for new decisions and re-evaluations.
policies-decide = Decide under the active policy
policies-decide-confirm = Decide for every scored candidate not yet hired? Hired candidates become workers.
# $hired and $changed read as figures beside the counted candidates.
policies-what-if = Under this policy { $hired } of { $cohort ->
    [one] { $cohort } candidate
   *[other] { $cohort } candidates
} would be hired; { $changed ->
    [one] { $changed } decision
   *[other] { $changed } decisions
} would differ from today's.
policies-no-cohort-title = No scored candidates yet
policies-no-cohort-text = Candidates appear here once their tests are graded.
policies-rank = Rank
policies-score = Score
policies-would = This policy
policies-now = Today
policies-hire = hire
policies-reject = reject
# $percent is a percentage.
policy-rule-top = top { $percent }%
# $score is a percentage.
policy-rule-min = at least { $score }%
policy-floor = floor
policy-status-draft = draft
policy-status-active = active
policy-status-retired = retired
flash-policy-no-tests = Give at least one test a weight.
flash-policy-weight = Weights are whole numbers from 1 to 100.
flash-policy-values = Percentages are from 0 to 100 (top percent from 1).
flash-policy-activated = The policy is active.
flash-policy-not-draft = Only a draft can be activated.
flash-decided = Decisions are made; hired candidates are now workers.
notif-test-assigned-title = A screening test for you: { $test }
notif-test-assigned-body = Please take "{ $test }" by { $until }. The time limit starts when you press Start.
funnel-title = Hiring funnel
funnel-applied = applied
funnel-tested = took a test
funnel-scored = scored
funnel-hired-rejected = hired / rejected
followup-link = How each version's hires did
followup-title = Hires per policy version
followup-help = Every version that has been in force: how many candidates it decided on and hired, and how each hire did since, in an experiment or not. Ratings and QC scores are means over all their jobs; "still working" means still an active worker that many days after hiring.
followup-decided = decided
followup-hired = hired
followup-caption = Each hire and how they did, with the version's totals
followup-hired-at = Hired
followup-rating = Client rating
followup-ratings = Ratings
followup-qc = QC score
followup-disputes = Disputes
followup-withdrawals = Withdrawals
followup-recert = Re-certification passed / failed
followup-active-30 = Still working after 30 days
followup-active-90 = Still working after 90 days
followup-yes = yes
followup-no = no
followup-not-yet = not yet known
followup-totals = All hires of this version
followup-empty-title = Nobody hired yet
followup-empty-text = This version has hired nobody so far; its hires will appear here with how they did.
followup-none-title = No policy has been in force yet
followup-none-text = Once a screening policy is activated and decides on candidates, its hires appear here.
attempt-saved = Answers saved.
candidates-reevaluate = Re-evaluate
flash-reevaluate-nothing = No decision: the candidate has no graded score for the active policy.

## Supply
nav-stock = Stock
nav-packs = Kits
notif-stock-low-title = Low stock: { $item }
# $count is a quantity of stock units.
notif-stock-low-body = { $sku } { $item } is down to { $count } — at or below its reorder level. Time to order more.
notif-kit-short-title = Kit for order #{ $id } is waiting for stock
notif-kit-short-body = Stock does not cover the kit for { $service } on { $when }. It will be packed by itself once goods are received.
notif-extra-requested-title = Extra consumables asked for order #{ $id }
notif-extra-requested-body = The worker on { $service } ({ $when }) asks for extra consumables. Please approve or refuse.
notif-kit-ready-title = Your kit for order #{ $id } is ready
notif-kit-ready-body = Pick up your kit for { $service } on { $when } at: { $place }. Confirm receipt on the job page.
notif-extra-approved-title = Extra consumables approved
# $count is a quantity before "×".
notif-extra-approved-body = You get { $count } × { $item } for { $service } on { $when }.
notif-extra-refused-title = Extra consumables refused
# $count is a quantity before "×".
notif-extra-refused-body = Your request for { $count } × { $item } for { $service } was refused: { $reason }
refuse-kit-not-ready = The kit is not packed yet; you will be notified when it is ready.
refuse-unknown-consumable = Choose a consumable from the list.
refuse-stock-negative = Not enough in stock for that.
refuse-reason-required = Please give a reason.
refuse-already-decided = This request was already answered.
refuse-bad-quantity = Enter a whole number of units (1 to 1,000,000).
refuse-bad-adjustment = Enter a whole number of units to add (e.g. 5) or write off (e.g. -3), not zero.
flash-stock-received = Goods received and added to stock.
flash-stock-adjusted = Stock adjusted.
flash-reorder-saved = Reorder level saved.
flash-material-saved = Bill of materials saved.
flash-material-removed = Removed from the bill of materials.
flash-extra-requested = Request sent to the managers.
flash-extra-approved = Approved; the units left stock.
flash-extra-refused = Request refused; the worker is told why.
flash-kit-point-saved = Pickup point saved; a worker with the kit ready is told where.
refuse-unknown-pickup-point = Choose one of the pickup points.
refuse-kit-point-too-late = The kit is handed over or cancelled; its pickup point no longer changes.
stock-title = Stock
stock-lead = Every change is a movement: on hand is always the sum of the history.
stock-sku = SKU
stock-name = Name
stock-unit = Unit
stock-on-hand = On hand
stock-reorder-level = Reorder level
stock-low = Low
stock-ok = OK
stock-receive = Receive
stock-adjust = Adjust
stock-quantity = Quantity
stock-delta = Change (+/−)
stock-note = Note
stock-reason = Reason
stock-history = History
stock-add-title = New consumable
stock-opening = Opening stock
stock-add = Add consumable
stock-empty-title = No consumables yet
stock-empty-text = Add the consumables your kits use; then set each service's bill of materials.
stock-confirm-adjust = Change stock by this amount?
stock-low-count = { $count ->
    [one] One consumable is at or below its reorder level.
   *[other] { $count } consumables are at or below their reorder level.
}
err-sku = Use 2–32 letters, digits or dashes.
err-sku-taken = A consumable with this SKU exists.
err-unit = Give a unit such as bottle or piece (up to 20 characters).
err-level = Enter a whole number from 0 to 1,000,000.
movements-title = Stock movements
movements-empty = No movements match.
movement-kind = Kind
movement-kind-receipt = Receipt
movement-kind-pack = Packed into a kit
movement-kind-adjustment = Adjustment
movement-kind-return = Returned
movement-kind-extra = Extra for a job
movement-order = Order
movement-by = By
movement-at = When
movement-all-items = All consumables
movement-all-kinds = All kinds
movement-filter = Filter
packs-title = Kits
packs-lead = A kit is packed for every assigned order, with a fortune cookie from the bakery.
pack-status = Kit
pack-status-pending = Waiting to be packed
pack-status-short = Waiting for stock
pack-status-reserved = Waiting for the cookie
pack-status-packed = Ready for pick-up
pack-status-issued = Handed over
pack-status-cancelled = Cancelled
pack-order = Order
pack-worker = Worker
pack-items = Contents
pack-cookie = Fortune cookie
pack-fallback = from the local list (bakery unavailable)
pack-no-items = Only the fortune cookie
pack-pickup-point = Pickup point
pack-point-save = Move
# $count follows a colon.
pack-attempts = Bakery tries: { $count }
packs-empty-title = No kits here
packs-empty-text = Kits appear when orders are assigned to workers.
extras-title = Requests for extra consumables
extras-empty = No requests are waiting.
extra-approve = Approve
extra-refuse = Refuse
extra-refuse-reason = Reason for refusing
extra-confirm-approve = Take these units from stock for the worker?
extra-ask-title = Need more?
extra-item = Consumable
extra-note = Note for the manager
extra-ask = Ask for extra
extra-status-pending = waiting for a manager
extra-status-approved = approved
extra-status-refused = refused
materials-title = Bill of materials
materials-lead = What one order of this service takes from stock.
materials-empty = Nothing from stock: the kit holds only the fortune cookie.
materials-per-order = Per order
materials-add = Add or change
materials-remove = Remove
kit-packing = Your kit is being packed. You will be notified when it is ready.
kit-short = Your kit is waiting for stock; we will notify you when it is ready.
kit-ready-at = Ready for pick-up at: { $place }

# Password asked again before a sensitive action
reauth-title = Confirm your password
reauth-lead = This change needs your password: it was last typed a while ago. After confirming, make the change again.
reauth-submit = Confirm
flash-reauth-needed = Please confirm your password first. Nothing was changed yet.
flash-reauth-done = Password confirmed. You can make the change now.
err-password-wrong-plain = The password is not right.

# The client's order list tabs
tabs-orders = Orders by state
tab-active = Open
tab-waiting = Waiting for a worker
tab-scheduled = Scheduled
tab-in-progress = In progress
tab-to-sign = To sign
tab-disputed = Disputed
tab-completed = Completed
tab-cancelled = Cancelled
tab-all = All
client-empty-tab-title = Nothing here
client-empty-tab-text = No orders are in this state. The other tabs, or "All", show the rest.

# The worker's job page: what the job asks for
job-options = Ordered extras
job-client-notes = Notes from the client
refuse-start-too-early = It is too early to start this job: it can be started shortly before its time.
job-quick-report-confirm = You started this job only a few minutes ago. Is it really done? Send the report?

# One mail in the admin queue
mail-title = Mail
mail-when = Sent / next try
mail-sent-at = Sent
mail-from = From
mail-kind = Kind
mail-created = Queued
mail-last-error = Last error
mail-text = Text
admin-confirm-grant = Grant this permission?
admin-confirm-revoke = Remove this permission?

# Password recovery
login-forgot = Forgot your password?
forgot-title = Reset your password
forgot-lead = Type the email you log in with. We will send a link to choose a new password.
forgot-submit = Send the link
forgot-sent = If an account uses that email, a link to choose a new password is on its way. It works once, for an hour.
forgot-back-to-login = Back to logging in
reset-title = Choose a new password
reset-new-password = New password
reset-submit = Save the new password
reset-dead-link = This link has been used or has expired.
reset-ask-again = Ask for a new link
flash-password-reset = Your password is changed and every other session has ended. Please log in.
notif-password-reset-title = Reset your { $company } password
notif-password-reset-body = Someone, hopefully you, asked to reset your password. The link below works once, for an hour. If it was not you, ignore this email: your password stays as it is.
attempt-submit-unanswered = { $count ->
    [one] One question has no answer yet.
   *[other] { $count } questions have no answer yet.
} Submit anyway? You cannot change the answers afterwards.
attempt-time-up = Time is up.
price-qc-adjustment = Lowered by quality control
price-final = Final price

# Invitations
notif-invitation-title = You are invited to { $company }
notif-invitation-body = You are invited to join { $company } as a { $role }. Open the link below within a week to choose your password.
nav-invitations = Invitations
invite-title = Invitations
invite-new = Invite someone
invite-send = Send the invitation
invite-by = Invited by
invite-sent-times = { $count ->
    [one] sent once
   *[other] sent { $count } times
}
invite-accepted = Accepted
invite-revoked = Revoked
invite-expired = Expired: resend to renew the link
invite-open-until = Open until
invite-resend = Resend
invite-revoke = Revoke
invite-revoke-confirm = Revoke this invitation? Its link stops working.
invite-empty-title = No invitations yet
invite-empty-text = Invite workers, managers or clients by email: they choose their own password through the link.
flash-invite-sent = The invitation is on its way.
flash-invite-resent = A new link is on its way; the old one no longer works.
flash-invite-revoked = The invitation is revoked.
flash-invite-closed = That invitation is already accepted or revoked.
flash-invite-email-in-use = That email already belongs to an account.
invite-accept-title = Join { $company }
invite-accept-lead = You are invited as { $role } with { $email }. Choose your name as others will see it, and a password.
invite-accept-submit = Join
invite-dead-link = This invitation link has been used, revoked or has expired. Ask the person who invited you to send a new one.
flash-invite-welcome = Welcome! Your account is ready.

# First-run set-up
setup-title = Set up
setup-lead = No admin exists yet. Create the first admin account: it manages the business, its staff and its settings.
setup-admin-legend = The first admin
setup-business-legend = Business settings
setup-time-zone = Time zone
setup-currency = Currency
setup-language = Default language
setup-business-hint = These start as shown. On the next page you name your company and choose its languages, time zone, currency, hours and prices.
setup-submit = Create the admin
setup-refused = This set-up link does not work: it was used, has expired or is wrong, or the business is already set up. If no admin exists yet, restart the server to get a new link.
setup-refused-login = Log in
flash-setup-done = The admin account is ready and you are logged in.
setup-next-title = What to set next
setup-next-lead = The business settings are saved. These pages hold what comes next:
setup-next-matching-link = Matching settings
setup-next-matching = how jobs find workers: the strategy, attempts and daily limits.
setup-next-services-link = Services
setup-next-services = what clients can order, with prices, durations and required skills.
setup-next-stock-link = Stock
setup-next-stock = the consumables kits are packed from.
setup-next-screening-link = Screening policy
setup-next-screening = a default policy is active from the start: it accepts applicants in the top 3 % of scores above 50 % and rejects the rest; review it before applicants arrive.
setup-next-invitations-link = Invitations
setup-next-invitations = invite managers and workers by email.
setup-next-done = Go to the admin home
mail-text-hidden = This mail carries a one-time link for its recipient only, so its text is not shown.

# What each kind of notification is called on the email preferences page
notif-welcome-pref = Welcome to your new account
notif-password-reset-pref = Password reset links
notif-invitation-pref = Invitations
notif-mail-dead-pref = Emails that could not be delivered
notif-backup-failed-pref = Failed backups
notif-order-received-pref = Your order is received
notif-order-assigned-pref = A worker is assigned to your order
notif-order-started-pref = The work has started
notif-order-reported-pref = The worker's report is ready to sign
notif-order-completed-pref = Your order is completed
notif-order-cancelled-pref = An order is cancelled
notif-offer-new-pref = New job offers
notif-offer-expired-pref = Offers that expired
notif-job-assigned-pref = Jobs assigned to you
notif-job-cancelled-pref = Your jobs cancelled
notif-order-to-assign-pref = Orders waiting for a worker
notif-offer-declined-pref = Offers a worker declined
notif-order-disputed-pref = Disputed orders
notif-order-unassigned-pref = Orders matching could not place
notif-test-assigned-pref = Screening tests to take
notif-hired-pref = Hiring decisions
notif-stock-low-pref = Stock running low
notif-kit-short-pref = Kits short of stock
notif-extra-requested-pref = Requests for extra consumables
notif-kit-ready-pref = Your kit is ready
notif-extra-approved-pref = Extra consumables approved
notif-extra-refused-pref = Extra consumables refused
notif-invoice-issued-pref = New invoices
notif-payment-succeeded-pref = Payments received
notif-payment-failed-pref = Payments declined
notif-payment-retry-failed-pref = Payment retries declined
notif-charge-failed-pref = Charges that failed
notif-payout-sent-pref = Payouts sent
notif-payout-failed-pref = Payouts that failed
notif-daily-earnings-pref = Daily earnings summary
notif-fine-or-bonus-pref = Fines and bonuses
notif-review-assigned-pref = Quality reviews assigned to you
# hiring
notif-recert-assigned-pref = Re-certification tests to take
notif-recert-due-soon-pref = Re-certification due soon
notif-recert-decided-pref = Re-certification results
notif-candidate-rejected-pref = The outcome of your application
client-empty-open-title = No open orders
client-empty-open-text = Orders you place show here until they are completed or cancelled; "All" shows every order. "New order" books a service.
candidates-skills = Services offered
candidates-status-applied = Applied
candidates-status-testing = Testing
candidates-status-hired = Hired
candidates-status-rejected = Rejected

# The audit log's actions in words
audit-system = the system
audit-action-user-role = Role changed
audit-action-user-permission = Permission granted or removed
audit-action-user-deactivate = Account deactivated
audit-action-user-reactivate = Account reactivated
audit-action-user-skills = Worker's skills changed
audit-action-user-invite = Invitation sent
audit-action-user-invite-resend = Invitation sent again
audit-action-user-invite-revoke = Invitation revoked
audit-action-user-invite-accept = Invitation accepted
audit-action-user-setup = First admin created by the set-up link
audit-action-billing-adjustment = Fine, bonus or adjustment posted
audit-action-billing-pricing = Commission or discounts changed
audit-action-billing-promo-created = Promo code created
audit-action-billing-promo-active = Promo code switched on or off
audit-action-billing-refund = Order refunded
audit-action-mail-retry = Dead mail sent again
audit-action-matching-settings = Matching settings changed
audit-action-qc-review = Quality review decided
audit-action-screening-activate = Screening policy activated
# bets: conflict of interest
refuse-stake-holder = You have a bet on this order, so another manager must decide it.
flash-bet-acted = You have acted on this order, so you cannot bet on it.
bets-log = Access log
bets-log-lead = Every look at the bets pages and every bet, newest first: who, what and when.
bets-log-empty = Nothing logged yet
bets-log-what = What
bets-log-view-index = Opened the bets page
bets-log-view-standings = Looked at the standings
bets-log-view-log = Opened this log
bets-log-view-book = Looked at the book of order #{ $id }
bets-log-bet = Bet on order #{ $id }: { $proposition }
bets-void-one-sided = void: nobody took the other side
bets-void-no-rating = void: the client gave no rating
bets-void-not-reviewed = void: quality control did not pick this order for review
bets-void-cancelled = void: the order was cancelled, so no work was scored
bets-void-no-outcome = void: the outcome can never be known

# hiring: re-certification of workers and screening that runs by itself
excl-not-certified = re-certification for this service failed or overdue
cert-status-certified = Certified
cert-status-testing = Re-certification open
cert-status-failed = Failed
cert-status-overdue = Overdue
cert-off-matching = no offers for this service until passed
cert-overridden = allowed by a manager
cert-open-text = A re-certification test is waiting for you. The time limit starts when you press Start.
cert-take-test = Open the test
cert-title = Certifications
cert-empty-title = No certifications yet
cert-empty-text = Each service you do is certified by a screening test; it shows here with its next due date.
cert-valid-until = Next re-certification due
cert-score = Latest score
cert-history = Tests taken
cert-history-empty = No re-certification tests yet.
cert-service = Service
cert-override = Allow anyway
cert-override-reason = Reason for allowing
cert-assign = Assign a re-certification test
cert-no-tests = None of these services has a test yet: build one for the service first (Tests).
worker-profile-title = My profile
nav-workers = Workers
workers-empty-title = No workers yet
workers-empty-text = Candidates hired by the screening policy appear here.
flash-recert-open = A re-certification test for this service is already open.
flash-recert-reason = Give a reason of 3 to 500 characters.
flash-recert-not-blocked = This certification does not keep the worker off matching.
flash-recert-assigned = The test is assigned; the worker is told.
flash-recert-overridden = The worker is back on matching for this service until the next decision.
audit-action-recert-assign = Re-certification test assigned
audit-action-recert-override = Re-certification block overridden
notif-recert-assigned-title = Re-certification for { $service }
notif-recert-assigned-body = Please take "{ $test }" by { $until } to stay certified for { $service }. The time limit starts when you press Start.
notif-recert-due-soon-title = Re-certification due soon: { $service }
notif-recert-due-soon-body = Your re-certification for { $service } is due by { $until }. Until you pass, offers for this service stop after that date.
# $score is a percentage after "score".
notif-recert-decided-title = { $outcome ->
    [passed] You passed the re-certification for { $service }
    [failed] Re-certification for { $service } not passed
   *[overdue] Re-certification for { $service } is overdue
}
notif-recert-decided-body = { $outcome ->
    [passed] Well done: score { $score } %. You are certified for { $service } until { $until }.
    [failed] Your score was { $score } %. Offers for { $service } are paused until you pass; a manager will give you another test.
   *[overdue] The test was not passed by { $until }. Offers for { $service } are paused until you pass it.
}
notif-candidate-rejected-title = Thank you for applying to { $company }
# $why is what decided it: a score under the floor is not beaten by better ones, so it is not
# told that the places went to the highest scores.
notif-candidate-rejected-body = Thank you for the time you gave to our screening. { $why ->
        [below-floor] We cannot offer you a place this time: your score did not reach the minimum we ask of every new worker.
        [below-threshold] We cannot offer you a place this time: your score did not reach this round's pass mark.
       *[outside-top-share] We cannot offer you a place this time: the places went to the highest scores among recent applicants.
    } This says nothing about you as a person, and you are welcome to apply again in a few months. We wish you every success.

# Orders (issue 19): withdrawing from a job, the job board, history, client phone, notices
withdraw-link = Can't do this job? Withdraw
withdraw-title = Withdraw from this job
withdraw-explain = The job goes back to matching and another worker takes it; you will not be offered it again. The kit stays with the order. Once you have taken the kit, only a manager can move the job.
withdraw-late = The job starts soon: the client will be told, and quality control will look at this withdrawal.
withdraw-reason = Why you can't do it
withdraw-confirm = Withdraw from the job
flash-job-withdrawn = You withdrew from the job. It goes back to matching.
flash-withdraw-reason = Please say why you are withdrawing (up to 500 characters).
refuse-withdraw-kit-taken = You already have the kit: ask a manager to reassign the job.
refuse-worker-withdrew = This worker withdrew from the order and is not given it again.
notif-job-withdrawn-title = A worker withdrew from order #{ $id }
notif-job-withdrawn-body = { $service } on { $when } is back in matching. Reason: { $reason }
notif-job-withdrawn-pref = Workers withdrawing from jobs
notif-order-at-risk-title = Order #{ $id }: finding you another worker
notif-order-at-risk-body = Your worker can no longer come for { $service } on { $when }. We are finding another one and will tell you who.
notif-order-at-risk-pref = Your worker can no longer come
notif-order-signed-title = Order #{ $id } signed
notif-order-signed-body = The client signed the report of { $service } on { $when }.
notif-order-signed-pref = Clients signing your reports
notif-order-refused-title = The client did not sign order #{ $id }
notif-order-refused-body = The client refused to sign the report of { $service } on { $when }. Quality control will look into it.
notif-order-refused-pref = Clients refusing to sign
notif-kit-local-fortune-title = Kit for order #{ $id } got a local fortune
notif-kit-local-fortune-body = The bakery did not answer, so the kit for { $service } on { $when } got a fortune from the local list.
notif-kit-local-fortune-pref = Kits with a local fortune (bakery down)
notif-order-refunded-title = Refund on order #{ $id }
notif-order-refunded-body = { $amount } of { $service } on { $when } was refunded. Reason: { $reason }
notif-order-refunded-pref = Refunds
notif-price-adjusted-title = New price for order #{ $id }
notif-price-adjusted-body = Quality control set the price of { $service } on { $when } to { $total }.
notif-price-adjusted-pref = Price adjustments
notif-payout-held-pref = Payouts waiting for a card
notif-balance-adjusted-pref = Balance adjustments
notif-order-not-placed-pref = Orders no worker was found for
nav-board = Job board
board-title = Job board
board-explain = Orders still looking for a worker that you can take: you are on duty, skilled for them, free at that time (with time to travel) and under your daily limit. The first to take one gets it.
board-empty-title = Nothing on the board
board-empty-text = Orders that need a worker and fit your skills and hours show here while you are on duty.
board-volunteer = I'll take it
board-volunteer-confirm = Take this job? It becomes yours at once.
board-open = Open to volunteers
flash-board-taken = The job is yours.
flash-board-opened = The order is on the job board: the first eligible worker who takes it gets it.
flash-board-already = The order is already on the job board.
refuse-board-taken = Someone else took this job, or it is no longer on the board.
refuse-board-off-duty = Go on duty to take jobs from the board.
refuse-board-not-eligible = This job does not fit your skills or working hours.
refuse-board-not-waiting = Only an order waiting for a worker can be opened to volunteers.
audit-action-matching-board-open = Order opened to volunteers
nav-history = History
history-title = Job history
history-filter = Show
history-all = All
history-upcoming = Upcoming
history-completed = Completed
history-cancelled = Cancelled
history-disputed = Disputed
history-withdrawn = Withdrawn
history-you-withdrew = You withdrew
history-empty-title = No jobs here
history-empty-text = Jobs you take, finish, give up or see cancelled are kept here.
profile-phone = Phone
profile-phone-help = In international form, e.g. +7 916 123-45-67. Your worker sees it from assignment until the job is completed, never after. Leave empty to remove it.
flash-phone-invalid = Please give the phone in international form: + and the country code, 8 to 15 digits (e.g. +7 916 123-45-67).
job-call-client = Call the client: { $phone }
cancel-returns = What comes back from the kit
cancel-returns-help = The job had started: say how many of each item are returned to the shelf. The rest is recorded as used up.
# $issued follows a colon-like dash and is a figure.
cancel-returns-issued = issued { $issued } { $unit }, back:
flash-returned-invalid = Each returned quantity must be a whole number from 0 up.
# $round and $attempt are numbers that name, not counts; $considered follows a colon.
matching-sentence-volunteer = Taken from the job board by { $worker }, who volunteered and met every rule: on duty, skilled, within their hours, free with the travel buffer, under the daily limit, not blocked, not declined or withdrawn ({ $eligible ->
    [one] { $eligible } eligible worker
   *[other] { $eligible } eligible workers
} then; considered: { $considered }); settings v{ $settings }, round { $round }, step { $attempt }.
