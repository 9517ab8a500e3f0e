# Dossier lookup
dossier-ask-code = Please send the dossier code printed on your receipt and appointment slip (for example 000.31.20.H49-251103-0012).
dossier-bad-code = That is not a dossier code. The code is printed on the appointment slip, for example 000.31.20.H49-251103-0012. Please send it again.
dossier-ask-digits = To protect your information, please send the last 4 digits of the phone number written on the slip of dossier { $code }.
dossier-bad-digits = Please send the last 4 digits of the phone number (for example 6789).
dossier-mismatch =
    No dossier { $code } matches these 4 digits. Please check the code and the phone number on your slip.
    You have { $remaining } tries left.
dossier-chat-locked = Too many wrong attempts. To protect personal information, dossier lookups are paused until { $time }. If it is urgent, please contact the one-stop office.
dossier-code-locked = This dossier code had too many wrong attempts today, so chat lookups for it are paused until the end of the day. Please try again tomorrow or contact the one-stop office.
dossier-cancel = Cancel
dossier-cancelled = Dossier lookup cancelled.
dossier-verify-first = Please look the dossier up again (type /hoso and the code), then try once more.

# Lookup result
dossier-title = 📁 Dossier { $code }
dossier-procedure = Procedure: { $name }
dossier-applicant = Applicant: { $name }
dossier-received = Received on: { $date }
dossier-due = Result promised for: { $date }
dossier-status-line = Status: { $status }
dossier-overdue = ⚠️ The promised date has passed.
dossier-status-1 = Newly submitted online, waiting to be received
dossier-status-2 = Received
dossier-status-3 = Not accepted
dossier-status-4 = Being processed
dossier-status-5 = More documents needed
dossier-status-6 = Fees or taxes to pay
dossier-status-7 = Withdrawn at the applicant's request
dossier-status-8 = Processing stopped
dossier-status-9 = Result ready for pickup
dossier-status-10 = Result handed over
dossier-note-3 = Reason: { $note }
dossier-note-5 = Still needed: { $note }
dossier-note-6 = To pay: { $note }
dossier-note-8 = Reason: { $note }
dossier-pickup =
    Pick up the result at: { $office }
    Address: { $address }
    Opening hours: { $hours }
dossier-bring = Please bring: the receipt and appointment slip; the applicant's ID card; if someone else picks it up, an authorisation letter and their ID card; fee receipts (if any).

# Notifications
dossier-subscribe = 🔔 Notify me about this dossier
dossier-unsubscribe = 🔕 Stop notifications for this dossier
dossier-rate = ⭐ Rate the service
dossier-subscribed =
    Notifications are on for dossier { $code }: I will message you when its status changes and remind you to pick up the result.
    For this I keep only the link between this chat and the dossier code. Type /huy to stop notifications, /xoadulieu to delete your data.
dossier-already-subscribed = Notifications for dossier { $code } are already on.
dossier-too-many-subscriptions = You follow { $max } dossiers, the most allowed. Type /huy to stop some.
dossier-unsubscribed = Notifications for this dossier are off.
dossier-unsubscribed-all = { $count ->
        [0] You had no dossier notifications on.
        [one] Notifications stopped for 1 dossier.
       *[other] Notifications stopped for { $count } dossiers.
    }
dossier-data-deleted =
    Deleted the links to { $links } dossier(s), the lookup history and the messages waiting to be sent to this chat.
    (Wrong attempts are kept for at most a day to stop code guessing; they hold no dossier code or phone number.)
notice-status = 🔔 Dossier { $code } ({ $procedure }) has an update: { $status }.
notice-footer = Type /hoso { $code } for details, /huy to stop notifications.
reminder = ⏰ Pickup reminder: the result of dossier { $code } ({ $procedure }) has been ready since { $date } and has not been picked up yet.

# Ratings
rating-request = ✅ The result of dossier { $code } ({ $procedure }) has been handed over. Thank you for using the service!
rating-intro = Rating the handling of dossier { $code }.
rating-question = How satisfied are you with how your dossier was handled?
rating-level-very_satisfied = Very satisfied
rating-level-satisfied = Satisfied
rating-level-neutral = Neutral
rating-level-dissatisfied = Dissatisfied
rating-level-very_dissatisfied = Very dissatisfied
rating-skip = Skip
rating-saved = Thank you for your rating! If you like, answer a few short questions (optional).
rating-criterion-time = How long did it take compared with the promised date?
rating-time-on_time = On time or earlier
rating-time-late = Late
rating-criterion-visits = How many times did you have to come to the office for this dossier?
rating-visits-1 = Once
rating-visits-2 = Twice
rating-visits-3 = Three times or more
rating-criterion-attitude = How was the staff's attitude?
rating-attitude-good = Helpful and attentive
rating-attitude-ok = Ordinary
rating-attitude-poor = Not good
rating-ask-comment = Anything else you would like to tell us? Type your comment, or choose "Skip".
rating-done = Thank you! Your opinion helps the one-stop office serve people better.
rating-skipped = Skipped. You can rate later with /danhgia and the dossier code.
rating-not-ready = You can rate once you have received the result of the dossier.
rating-already = This dossier has already been rated. Thank you!
rating-expired = This question has expired. Type /danhgia and the dossier code to rate.

