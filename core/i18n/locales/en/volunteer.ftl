## Volunteering: events, signing up, reminders, hours.

volunteer-list-title = 🤝 Volunteer tasks and events (page { $page } of { $pages }). Choose one for details and to sign up:
volunteer-list-item = { $number }. { $title }
volunteer-none =
    There are no upcoming volunteer tasks right now. Come back later!
    To hear of new ones first, follow volunteer news in "🔔 Subscriptions".
volunteer-when = 🗓 { $when } (Yakutsk time)
volunteer-where = 📍 { $place }
volunteer-map = 🗺 On the map: { $url }
volunteer-place-on-map = marked on the map
volunteer-place-unknown = the organiser will tell you where
volunteer-seats = 👥 Seats left: { $left } of { $seats }
volunteer-full = 👥 No seats left
volunteer-skills = 🛠 Useful skills: { $skills }
volunteer-prev = ◀ Back
volunteer-next = Next ▶
volunteer-mine-button = 🙋 My volunteering
volunteer-back-to-list = 📋 All events
volunteer-sign-up = ✅ Sign up
volunteer-sign-up-again = ✅ Sign up again
volunteer-cancel-seat = ❌ Cancel my seat
volunteer-open-event = Details and sign-up
volunteer-other-events = Other events
volunteer-you-are-going = ✅ You are signed up.
volunteer-started = The event has started; sign-up is closed.
volunteer-event-gone = This event was cancelled or is no longer available.

volunteer-consent-needed = To sign up, we need your consent to the processing of personal data: the organiser needs to know who is coming.
volunteer-finish-first = Finish what you started first, or cancel it (/cancel).
volunteer-name-ask =
    What should the organiser call you? Write your name (a surname too, if you like).
    We ask once; only the organisers of the events you sign up for see it.
volunteer-name-cancel = Cancel
volunteer-name-invalid = Please write your name in letters, for example: Anna Ivanova. Or press "Cancel".
volunteer-name-cancelled = All right, you are not signed up.
volunteer-name-saved = Nice to meet you, { $name }!
volunteer-signed-up = ✅ You are signed up: "{ $title }".
volunteer-will-remind = We will remind you the day before and two hours before the start. If your plans change, cancel your seat so someone else can take it.
volunteer-already-going = You are already signed up for "{ $title }".
volunteer-event-full = Sorry, there are no seats left at "{ $title }".
volunteer-event-closed = You can no longer sign up for this event: it has started or was cancelled.
volunteer-seat-cancelled = Your seat at "{ $title }" is cancelled. Thank you for letting us know: someone else can take it.
volunteer-not-going = You are not signed up for this event.
volunteer-cancel-too-late = The event has started; the seat can no longer be cancelled.

volunteer-mine-title = 🙋 My volunteering
volunteer-mine-upcoming = You are signed up for:
volunteer-mine-no-upcoming = No upcoming seats.
volunteer-mine-line = • { $when }: { $title }
volunteer-mine-hours = ⏱ Hours in total: { NUMBER($hours, maximumFractionDigits: 2) }
volunteer-mine-attended = You took part in:
volunteer-mine-attended-line = • { $date }: { $title }, { NUMBER($hours, maximumFractionDigits: 2) } h
volunteer-mine-none = You have not signed up for any volunteer task yet. Pick one you like from the list.

volunteer-reminder-day = ⏰ A reminder: you are signed up for "{ $title }".
volunteer-reminder-soon = ⏰ Starting soon: "{ $title }". See you there!
volunteer-reminder-cant-come = If you cannot come, please cancel your seat so someone else can take it.
volunteer-announced = 🤝 A new volunteer task: "{ $title }"
volunteer-event-cancelled = ❗ The organiser cancelled "{ $title }". Thank you for being ready to help!
volunteer-event-changed = ❗ The time or place of "{ $title }" has changed. It is now:
