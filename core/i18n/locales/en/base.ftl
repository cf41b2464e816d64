## Common texts: welcome, consent, menu.

start-welcome =
    Hello! This is One Click, an assistant for the residents of Yakutsk.
    Here you can report a problem in the city: a pothole, uncleared snow, a broken street light, no hot water. We pass the report to the office responsible and tell you what happens to it.
consent-request =
    To accept a report, a question or a sign-up we need your consent to the processing of personal data (Federal Law 152-FZ "On Personal Data").
    We keep only what the matter needs: your messenger id; for a report, the place of the problem, photos and the description; for volunteering, the name the organiser will call you by; for comments on public hearings, the full name, address and phone you give (only the hearing's organisers receive them, as the law requires). They are used to pass your matter to city offices and to answer you; they are not published or given to anyone for other purposes.
consent-accept = I agree
consent-decline = I do not agree
consent-accepted = Thank you, your consent is recorded!
consent-already = Your consent is already recorded.
consent-declined =
    All right. Without consent the bot is read-only: you can read the help, but not send reports.
    If you change your mind, press "Report a problem".
consent-needed = To send a report, please give your consent to the processing of personal data first.
consent-resend-photo = Now send the photo or the place of the problem again, and we will go on.
menu-title = Main menu. What would you like to do?
menu-report = 📝 Report a problem
menu-my-reports = 📋 My reports
menu-help = ℹ️ Help
menu-volunteer = 🤝 Volunteering
menu-hearings = 🏛 Public hearings
menu-official-reports = 📢 Officials' reports
menu-subscriptions = 🔔 Subscriptions
menu-hint = Choose an action in the menu below. To report a problem you can simply send a photo or a location.
help-text =
    How to report a problem:
    1. Press "Report a problem" (or just send a photo or a location).
    2. Give the place: the "Share location" button, a point on the map, or a typed address.
    3. Send 1 to 10 photos.
    4. Describe the problem in a few words and choose a category.
    5. Check and send: you will get a report number.
    Commands: /start to begin again, /menu for the menu, /cancel to cancel a report, /back to go one step back, /my for your reports, /language for Russian.
    Also here: /ask for the help desk, /volunteer for volunteering, /hearings for public hearings, /officials for officials' reports, /subscriptions for news subscriptions.
    If life or health is at risk, call 112.
error-generic = Sorry, something went wrong. Please try again a little later; nothing you sent is lost.
button-stale = This button is no longer active.
button-unknown = This button is out of date. Open the menu: /menu
unsupported-command = I do not know this command. These exist: /start, /menu, /report, /my, /ask, /volunteer, /hearings, /officials, /subscriptions, /cancel, /back, /language, /help.

## Filing a report.

report-cancel = ✖ Cancel
report-back = ◀ Back
report-cancelled = The report is cancelled. Nothing was sent.
report-draft-exists = You have an unfinished report. Continue it or start again?
report-draft-continue = Continue
report-draft-discard = Start again
report-ask-location =
    📍 Where is the problem?
    Press "Share location", attach a point on the map (clip → Location) or type the address, for example "10 Lenin St".
report-share-location = 📍 Share location
report-location-outside = This point is outside Yakutsk. Mark a place within the city or type the address.
report-location-saved = Place: { $place }.
report-place-district = { $district }
report-place-address = { $address }
report-place-coordinates = { $latitude }, { $longitude }
report-address-too-short = The address is too short. Type the street and house number, for example "10 Lenin St", or share your location.
report-address-too-long = The address is too long. Type just the street and house (up to { $max } characters) or share your location.
report-ask-photos = 📷 Send 1 to { $max } photos of the problem. Several at once, as an album, is fine.
report-photos-count = Photos: { $count } of { $max }. Send more or press "Done".
report-photos-album = The album's photos are in. Send more or press "Done".
report-photos-done = Done ➡
report-photos-needed = At least one photo is needed: it helps the office find and assess the problem.
report-photos-limit = A report takes at most { $max } photos. The extra ones were not added.
report-photo-kept = The photo is kept.
report-ask-description = ✏️ Describe the problem in a few words: what happened and where exactly (entrance, side of the road, a landmark).
report-description-empty = Please describe the problem in words, at least one sentence.
report-description-too-short = That is too short. Add a few words on what happened and where, for example: "Deep pothole at the bus stop, cars swerve into the oncoming lane".
report-description-too-long = The description is too long ({ $length } characters). Please shorten it to { $max }.
report-caption-used = The photo's caption is taken as the description.
report-description-saved = The description is saved.
report-ask-category = Which category does the problem belong to?
report-suggested-category = This looks like "{ $category }". If not, choose another category.
report-all-categories = Other categories…
report-category-unknown = Please choose a category with a button under the message.
report-summary =
    Please check your report:
    Category: { $category }
    Place: { $place }
    Photos: { $photos }
    Description: { $description }

    All correct? Press "Send". To change something, press "Back".
report-submit = ✅ Send
report-confirm-hint = Press "Send" under the summary, or "Back" to change something.
report-submitted =
    ✅ Report No. { $number } is accepted.
    We will pass it to the office responsible and tell you about every step. You can follow it in "My reports".
report-urgent-note = If life or health is at risk, call 112.
report-nearby-offer =
    There is already an open report No. { $number } in this category nearby ({ $distance } m from your point).
    Join it instead? You will get its updates.
report-nearby-join = Join No. { $number }
report-nearby-new = No, file a new one
report-nearby-joined = You have joined report No. { $number }. We will tell you about every step.
report-nearby-closed = Report No. { $number } is already closed. File a new one: the summary is below.
report-no-back = This is the first step. To leave, press "Cancel".
report-unsupported-sticker = A sticker cannot be attached to a report.
report-unsupported-voice = I cannot understand voice messages yet; please type instead.
report-unsupported-video = I do not take videos yet; please send a photo.
report-unsupported-document = This file cannot be attached. Send a photo (a JPG or PNG file up to 20 MB is fine too).
report-unsupported-too-large = The file is too large: a messenger lets a bot fetch files up to 20 MB. Send it as an ordinary photo (not as a file); it will be compressed.
report-unsupported-other = This kind of message cannot be attached to a report.
report-expect-location = Now the place of the problem is needed: a location or a typed address.
report-expect-photos = Now photos of the problem are needed. When you are done, press "Done".
report-expect-description = Now a description of the problem is needed, as text.
report-expect-category = Now please choose a category with a button under the message.
report-expect-confirm = Check the summary and press "Send".

## My reports.

my-reports-empty = You have no reports yet. To report a problem, press "Report a problem".
my-reports-title = Your reports (page { $page } of { $pages }):
my-reports-line = No. { $number } · { $date } · { $category } · { $status }
my-reports-prev = ◀ Newer
my-reports-next = Older ▶
my-reports-open = No. { $number }
my-reports-not-found = Report not found.
my-reports-back = ◀ Back to the list
my-report-detail =
    Report No. { $number }
    Status: { $status }
    Category: { $category }
    Place: { $place }
    Submitted: { $date }
    Photos: { $photos }
    Description: { $description }

## Report statuses.

status-new = accepted
status-routed = passed to the office
status-in_progress = in progress
status-answered = interim answer given
status-resolved = resolved
status-closed = closed
status-rejected = rejected
status-redirected = passed to another office
status-reopened = reopened
status-duplicate = merged with another report

## Notifications to residents.

notify-routed = Report No. { $number } is passed to the office: { $office }. The answer is due by { $deadline }.
notify-followed-prefix = News of a report you joined:
notify-taken = Report No. { $number } is being worked on: { $office }.
notify-answered-interim =
    An interim answer to report No. { $number } from { $office }:

    { $text }
notify-answered-final =
    { $office } says the problem of report No. { $number } is solved:

    { $text }
notify-redirected =
    Report No. { $number } is passed to another office: { $toOffice }.
    Reason: { $text }
notify-rejected =
    Report No. { $number } was rejected by { $office }.
    Reason: { $text }
notify-marked-duplicate = Report No. { $number } is merged with report No. { $ofNumber } about the same problem. You will get its updates.
notify-closed-unanswered = Report No. { $number } is closed: for 15 days you did not tell us the problem remained. If it comes back, report it again.
notify-answer-returned =
    The answer to report No. { $number } was sent back to the office to be redone.
    Comment: { $text }
notify-answer-graded-good = The office's answer to report No. { $number } has been checked.
notify-reopened = Report No. { $number } is reopened.
notify-fix-confirmed = Report No. { $number } is closed: its author confirmed the problem is fixed.

## The question to the resident after the office's answer.

followup-question = Is the problem of report No. { $number } really fixed?
followup-yes = ✅ Yes, fixed
followup-no = ❌ No, it is not
followup-thanks = Thank you! Report No. { $number } is closed.
followup-ask-comment = Tell us what is still wrong (e.g. "the pothole was filled with sand, no asphalt"). The report goes back to the same office with a shorter deadline.
followup-reopened = Report No. { $number } is reopened and back with { $office }. The new answer deadline is { $deadline }.
followup-too-late = Report No. { $number } can no longer be answered: it is { $status }.
followup-cancelled = All right, the report stays as it is.

## A report's card for an office.

card-headline-routed = 🆕 New report No. { $number }
card-headline-reopened = 🔁 The resident reopened report No. { $number }: the problem is not fixed
card-headline-answer-returned = ↩️ The answer to report No. { $number } was sent back to be redone
card-headline-reminder = ⏰ Reminder: the answer to report No. { $number } is due soon
card-headline-overdue = 🚨 Report No. { $number } is overdue
card-headline-view = Report No. { $number }
card-urgent = ‼️ URGENT: a possible threat to life, health or utilities
card-reopened-times = Reopened: { $count } time(s)
card-category = Category: { $category }
card-place = Place: { $place }
card-place-unknown = not given
card-office = Office: { $office }
card-status = Status: { $status }
card-filed = Filed: { $date }
card-deadline = Answer due: { $date }
card-deadline-overdue = Answer due: { $date } — OVERDUE
card-map = Map: { $url }
card-button-take = 🛠 Take it
card-button-answer = ✅ Answer (solved)
card-button-interim = 💬 Interim answer
card-button-redirect = ↪️ Redirect
card-button-reject = ⛔ Reject

## Office group chats (Telegram).

group-team-linked = Done: this chat is now linked to { $office }. The office's new reports will arrive here. The buttons under a card work in the private chat with the bot of whoever presses them.
group-team-already = This chat is already linked to { $office }.
group-team-moved = This chat has moved from { $previous } to { $office }. A chat can belong to one office only, so { $previous }'s cards will no longer arrive here.
group-team-not-staff = Only a member of staff linked to the bot can link this chat to an office. Get a link code from your head of office or an admin, send it to the bot in a private chat, then send /team here again.
group-team-no-office = Your role is not tied to a single office, so there is no office to link this chat to. Ask a member of the office to send /team here.
group-team-off-done = This chat is no longer linked to { $office }. The office's cards will go to its members' private chats.
group-team-off-not-linked = This chat is not linked to any office.
group-team-off-not-allowed = Only a member of this chat's office or an admin can unlink it.
group-added = Hello! I am the One Click bot. To get your office's report cards in this chat, a member of the office who is linked to the bot should send /team here.

## Office staff: linking a chat, cards, answers.

staff-role-official = office official
staff-role-head = head of office
staff-role-dispatcher = dispatcher
staff-role-moderator = moderator (activist)
staff-role-admin = administrator
staff-help =
    Staff commands:
    /inbox — open reports, overdue first
    /review — offices' answers to check (moderators)
    /code — issue a link code (heads and administrators)
    /stats — the office's last 30 days (heads)
    New reports arrive here as cards with buttons.
staff-only = This is for office staff only.
staff-report-not-found = The report is not found or belongs to another office.
staff-finish-report-first = Finish or cancel your own report first.
staff-refused-invalid-transition = This is no longer possible: the report has changed. Open it again: /inbox
staff-refused-forbidden = This report belongs to another office.
staff-refused-text-too-long = The text is too long: 4000 characters at most. Shorten it and send again.
staff-refused-same-office = The report is already with that office.
staff-refused-not-found = The report is not found.
staff-refused-other = That did not work. Open the report again: /inbox
link-usage = To link this chat to an office, send the code from your head of office or administrator: /link CODE
link-unknown = There is no such code. Check it for typos.
link-used = This code was used already. Ask for a new one.
link-expired = This code has expired. Ask for a new one.
link-done-office = Done: you are { $role }, office "{ $office }".
link-done = Done: you are { $role }.
code-not-allowed = Only heads of offices and administrators issue codes.
code-usage =
    How to issue a code: /code OFFICE_CODE [role]
    Roles: official (the default), head, dispatcher, moderator, operator (help desk), admin — the last four take no office.
    Offices:
code-unknown-office = There is no office with that code.
code-refused-office-required = This role needs an office.
code-refused-office-not-allowed = This role takes no office: leave its code out.
code-refused-not-allowed = You cannot issue that code: a head issues codes for officials of their own office only.
code-issued-office =
    Link code: { $code }
    Role: { $role }, office "{ $office }". Valid for { $hours } h and once only.
    Pass it on: the new official sends the bot /link { $code }
code-issued =
    Link code: { $code }
    Role: { $role }. Valid for { $hours } h and once only.
    Pass it on: the new member of staff sends the bot /link { $code }
staff-taken = Report No. { $number } is taken. The resident has been told.
staff-ask-answer = Write the answer to report No. { $number }: what was done. You may attach photos (up to 10). The resident will then confirm whether the problem is fixed.
staff-ask-interim = Write an interim answer to report No. { $number }: what will be done and when. You may attach photos.
staff-ask-redirect = Choose the office to pass report No. { $number } to.
staff-ask-redirect-reason = Why does report No. { $number } go to "{ $office }"? Write the reason — the resident will see it.
staff-ask-reject = Write why report No. { $number } is rejected — the resident will see it.
staff-ask-return = What is wrong with the answer to report No. { $number }? Write a comment — the office and the resident will see it.
staff-redirect-pick = Where should report No. { $number } go?
staff-redirect-pick-first = Choose the office with a button above first.
staff-photo-added = Photo added ({ $count }). Now write the answer.
staff-photos-full = An answer takes at most { $max } photos.
staff-preview-answer =
    Answer to report No. { $number } (solved), photos: { $photos }:

    { $text }

    Send it to the resident? You can still add photos or send a corrected text.
staff-preview-interim =
    Interim answer to report No. { $number }, photos: { $photos }:

    { $text }

    Send it to the resident? You can still add photos or send a corrected text.
staff-send = 📨 Send
staff-cancelled = Cancelled.
staff-done-answer = The answer to report No. { $number } is sent. The resident will confirm whether the problem is fixed.
staff-done-interim = The interim answer to report No. { $number } is sent.
staff-done-redirect = Report No. { $number } is passed to another office. The resident has been told.
staff-done-reject = Report No. { $number } is rejected. The resident has been told the reason.
staff-done-return = The answer to report No. { $number } is sent back to the office.
inbox-not-staff = The list of reports is for office staff. If you are one, link this chat with a code: /link CODE
inbox-empty = No open reports.
inbox-title = Open reports: { $total }, overdue: { $overdue } (page { $page } of { $pages }):
inbox-line = No. { $number } · { $category } · { $status } · due { $deadline }
inbox-line-overdue = 🚨 No. { $number } · { $category } · { $status } · was due { $deadline }
inbox-prev = ◀ Back
inbox-next = Next ▶
review-not-moderator = Checking answers is for moderators.
review-empty = No answers wait for a check.
review-title = Offices' answers to check, oldest first:
review-answer =
    The office's answer:

    { $text }
review-good = 👍 Good answer
review-return = ↩️ Send back
review-graded = The grade of the answer to report No. { $number } is saved.

## A report's history for its resident.

my-report-office = Office: { $office }
my-report-deadline = Answer due: { $date }
my-report-history = Progress:
history-routed = passed to the office
history-taken = being worked on
history-answered-interim = interim answer
history-answered-final = answer: the problem is solved
history-redirected = passed to another office
history-rejected = rejected
history-reopened = reopened by you
history-answer-returned = the answer was sent back to be redone
history-fix-confirmed = you confirmed the problem is fixed
history-closed-unanswered = closed without your answer
history-marked-duplicate = merged with another report

## Office statistics.

stats-not-allowed = Statistics are for heads of offices, dispatchers and administrators.
stats-title = Statistics from { $from } to { $to }:
stats-empty = No reports in this period.
stats-office =
    { $office }
    Received: { $received }, solved: { $resolved }, reopened by residents: { $reopened }
    Overdue now: { $overdue }
    First answer: median { $median } h, on time — { $inTime }
    Moderators' grades: good { $good }, sent back { $returned }
team-private-hint = /team works in an office's group: add me to your team's group and send /team there.
card-button-duplicate = 🔗 Duplicate
staff-ask-duplicate = Write the number of the open report about the same problem: No. { $number } will be merged into it, and its resident will get its updates.
staff-duplicate-not-found = Report No. { $number } is not among those you can see. Check the number.
staff-done-duplicate = Report No. { $number } is merged into another. Its resident has been told and follows the main one.
staff-refused-original-not-open = That report is closed already: a report merges only into an open one.
staff-refused-same-report = A report cannot be merged with itself.
staff-role-operator = help-desk operator
staff-role-organiser = organiser (volunteering and hearings)

## Open311: service groups and notices on requests.

open311-group-urgent = Emergencies
open311-group-city = City upkeep
open311-notice = Status: { $status }.
open311-notice-deadline = Status: { $status }. An answer is due by { $deadline }.
open311-notice-filed = Request No. { $number } is accepted and will be passed to the office in charge.

## The help desk.

menu-helpdesk = ❓ Ask a question
help-ask = Ask about city life in your own words — e.g. "who to call when there is no hot water". I will look in the knowledge base, and pass the question to an operator if I find nothing.
help-ask-text-only = Please type your question.
help-ask-longer = Please say a little more — a few words at least.
help-looks-like-report = It sounds like you are reporting a problem. File a report with an office? Your words become its description.
help-file-report = 📝 Yes, file a report
help-search-anyway = No, it is a question — look for an answer
help-ask-operator = 👤 Ask an operator
help-nothing-found = The knowledge base has no fitting answer. Pass the question to an operator? They answer here, in this chat.
help-found = Here is what I found. Choose an answer; if none fits, ask an operator.
help-closed = All right. When you have a question, press "Ask a question" in the menu.
help-cancel = ✖ Close
help-article-gone = This answer was removed from the knowledge base. Ask again: /ask
help-article-helped = 👍 It helped
help-not-it = This does not answer my question
help-glad = Glad it helped!
help-passed = Question No. { $id } is with the help-desk operators. The answer will come here by { $deadline }.
help-rated = Thank you for the rating!
help-rated-already = This answer has been rated already.
help-not-operator = This is for help-desk operators.
help-queue-empty = No open questions.
help-queue-title = Residents' questions, oldest first:
help-queue-line = No. { $id } · due { $deadline } · { $text }
help-queue-line-late = 🚨 No. { $id } · was due { $deadline } · { $text }
help-queue-answer = Answer No. { $id }
help-question-gone = The question is not found.
help-question-answered = Question No. { $id } has been answered already.
help-write-answer =
    Question No. { $id }:

    { $text }

    Write the answer — it goes to the resident. /cancel to cancel.
help-write-answer-text = Please type the answer.
help-answer-sent = The answer to question No. { $id } is sent. If it helps others too, make it a knowledge-base article.
help-make-article = 📚 Make it an article
help-article-made = Article No. { $id } is in the knowledge base: the next resident gets the answer at once.
help-operator-new =
    ❓ New question No. { $id } (answer by { $deadline }):

    { $text }
help-operator-answer = Answer
help-answer-to-resident =
    The help desk's answer to your question No. { $id }:
    "{ $question }"

    { $answer }

    Rate the answer:

## Commands in Telegram's menu (the "Menu" button by the message field).

command-report = Report a problem
command-my = My reports
command-ask = Ask the help desk
command-volunteer = Volunteering
command-hearings = Public hearings
command-officials = Officials' reports
command-subscriptions = News subscriptions
command-menu = Main menu
command-language = По-русски
command-help = Help
