# The business settings page (/admin/settings).
nav-settings = Settings
settings-title = Business settings
settings-setup-lead = Your admin account is ready. Now make the app your company's: its name, the languages you work in, your time zone, hours and prices, and where workers collect their kits. You can change all of this later.
settings-refused = Nothing was saved: please correct the fields marked below.
settings-confirm-save = Save these settings? They apply at once.
settings-company = Company
settings-orders = Orders
settings-pickup = Where workers collect their kits
settings-retention = Personal data
settings-retention-help = How many days personal data is kept after it is no longer needed; 0 keeps it. Money records and the audit log are always kept; people in them are anonymised.
settings-save = Save settings
settings-confirm-and-save = Confirm and save
settings-locked = Set by { $source }; change it there.
settings-company_name = Company name
settings-languages = Languages
settings-languages-help = What your business writes (services, tests, consumables, units, skills) is entered in each language you use. People see their own language, or your main language where a text is missing.
settings-languages-used = Languages you work in
settings-first-language = Main language
settings-time-money = Time and money
settings-time_zone = Time zone
settings-currency = Currency
settings-currency-fixed = Fixed: money has already been recorded in this currency.
settings-commission = Company commission, %
settings-commission-help = Workers keep { $share } % of each job's price. Applies to orders placed after the change.
settings-commission_percent = Company commission, %
settings-cancellation_fee_percent = Cancellation fee, %
settings-new-orders-only = Applies to orders placed after the change.
settings-working_hours_start = Working hours from
settings-working_hours_end = Working hours until
settings-min_lead_minutes = Least notice for an order, minutes
settings-max_days_ahead = Furthest booking ahead, days
settings-pickup_points = Pickup points
settings-pickup_points-example = Storeroom, 3 Factory Street
settings-pickup_points-help = One place per line; the first is the default for each kit.
settings-bets-title = Managers' bets
settings-bets = Bets are on
settings-bets-help = When off, every bets page is hidden and their jobs stop; nothing is deleted.
settings-retain_report_photos_days = Report photos, days after the job
settings-retain_signatures_days = Clients' signatures, days after the job
settings-retain_closed_accounts_days = Closed accounts, days until anonymised
settings-warnings = Please check what this change moves before saving:
settings-warn-time-zone = The time zone changes from { $from } to { $to }. { $count ->
    [0] No upcoming order is affected.
    [one] One upcoming order keeps its moment, so its local time will read differently.
   *[other] { $count } upcoming orders keep their moment, so their local times will read differently.
} Working hours will be read in the new zone.
settings-warn-people-moved = { $count ->
    [one] One person reads
   *[other] { $count } people read
} { $from }; they will be moved to { $to }.
settings-history = History of changes
settings-history-empty = No changes saved yet: the defaults are in use.
settings-invalid-company_name = Give a name of 1 to 80 characters.
settings-invalid-languages = Choose at least one language.
settings-invalid-time_zone = Choose a time zone from the list, such as Europe/Moscow.
settings-invalid-currency = Use a three-letter currency code such as RUB.
settings-invalid-working_hours_start = Use a time such as 08:00.
settings-invalid-working_hours_end = Use a time such as 21:00, later than the start.
settings-invalid-min_lead_minutes = Use a number of minutes from 0 to 10080 (one week).
settings-invalid-max_days_ahead = Use a number of days from 1 to 366.
settings-invalid-cancellation_fee_percent = Use a whole percentage from 0 to 100.
settings-invalid-pickup_points = List 1 to 20 different places, one per line, each up to 200 characters.
settings-invalid-bets = Turn bets on or off.
settings-invalid-retain_report_photos_days = Use 0 (keep) or a number of days up to 36500.
settings-invalid-retain_signatures_days = Use 0 (keep) or a number of days up to 36500.
settings-invalid-retain_closed_accounts_days = Use 0 (keep) or a number of days up to 36500.
settings-commission-invalid = Use a percentage from 0 to 100, such as 20 or 12.5.
settings-currency-locked = The currency stays { $thing }: money has already been recorded in it.
settings-language-content = This language cannot be removed yet: “{ $thing }” is written only in it. Add its text in another language first.
flash-settings-saved = Settings saved. They apply from now on.
flash-settings-unchanged = Nothing had changed.
audit-action-business-settings = Business settings changed
