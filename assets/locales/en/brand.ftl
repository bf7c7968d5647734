# The company's logo (the settings page's logo section and its messages).
logo-title = Logo
logo-current = The company's logo
logo-facts = { $width } × { $height } pixels, { $size }.
logo-shipped = The logo the app ships with
logo-shipped-lead = No logo uploaded: the header, the installable app and mail show the one the app ships with.
logo-choose = A new logo
logo-help = A PNG or JPEG image of at most 1 MB. It is shown 28 pixels high in the header; any shape will do.
logo-upload = Upload logo
logo-remove = Remove logo
logo-remove-confirm = Go back to the logo the app ships with?
flash-logo-saved = The logo is saved and shown everywhere.
flash-logo-removed = The logo is removed: the app's own logo is shown again.
flash-logo-too-large = The logo was not saved: the file is larger than 1 MB.
flash-logo-not-image = The logo was not saved: the file is not a PNG or JPEG image.
flash-logo-missing = Choose an image file for the logo first.
flash-logo-not-received = The logo was not received in full. Please try again.
