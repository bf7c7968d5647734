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
nav-login = Log in
nav-logout = Log out
nav-register = Sign up
footer-tagline = on-site services, done properly
home-hello = Hello, { $name }!
pagination = Pages
pagination-prev = Previous
pagination-next = Next
pagination-position = Page { $page } of { $last }
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
landing-step-kit-text = Our supply team packs everything the job needs, with a fortune cookie for you.
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
flash-welcome = Welcome to Whiskerworks! Your account is ready.
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
mail-signature = Whiskerworks
notif-welcome-title = Welcome to Whiskerworks
notif-welcome-body = Your account is ready. You can log in any time to order services and follow them.
notif-mail-dead-title = An email could not be delivered
notif-mail-dead-body = Mail #{ $id } to { $to } failed after the last try. Check the mail settings and retry it from the mail queue.

## Admin
admin-overview-title = Overview
admin-jobs = Background jobs
admin-jobs-running = Running.
admin-jobs-stopped = Not running in this process.
admin-jobs-last-run = Last reconcile
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
err-429-text = For your safety, logging in is paused for a while. Please wait 15 minutes and try again.
err-500-title = Something went wrong
err-500-text = An unexpected error happened on our side. It has been logged; please try again in a moment.
