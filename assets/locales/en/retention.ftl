# Retention of personal data and the admin's getting-started checklist.
retention-file-removed = removed under the data retention policy
retention-signature-removed = The signature image was removed under the data retention policy.
audit-action-user-anonymise = Closed account anonymised
audit-action-retention-pass = Personal data removed (retention)

checklist-title = Getting started
checklist-intro = What a new business sets up before its first real order. This list goes away once everything is done.
checklist-done = Done
checklist-todo = To do
checklist-services = Services in the catalogue
checklist-stock = Stock and bills of materials
checklist-staff = Staff invited
checklist-skills = Skills listed and held by workers
checklist-hours = Workers' hours and payout cards
checklist-screening = Screening policy reviewed
checklist-screening-default = By default, once a day, the applicants who finished their tests in the last 90 days are ranked and the top 3 % are hired, never anyone under 50 %; the rest are rejected.
checklist-order = A first test order
checklist-go = Open
