## Officials' reports: reading, questions, ratings; answers and publishing for staff.

oreport-list-title = 📢 Officials' reports (page { $page } of { $pages }). Open a report to read it, ask a question or rate it. The list is always at hand: /officials
oreport-list-empty = No officials' reports yet. Follow them under "Subscriptions" and we will tell you of the next one.
oreport-list-line = No. { $id } · { $title }
    { $office }, { $date } · { $rating }
oreport-list-open = No. { $id } · { $title }
oreport-staff-hint = For staff: /officials_questions — residents' questions about your office's reports, /officials_publish — publish a report.
oreport-prev = ◀ Back
oreport-next = Next ▶
oreport-back-to-list = 📢 All reports
oreport-open = 📢 Open the report
oreport-no-office = the city administration
oreport-not-found = There is no such report. Open the list: /officials
oreport-detail-head =
    📢 Report No. { $id }: { $title }
    { $office }, { $date }
oreport-video = 🎬 Video: { $url }
oreport-document = 📄 Document: { $url }
oreport-rating-none = No ratings yet
oreport-rating = ⭐ { NUMBER($average, maximumFractionDigits: 1) } of 5 ({ $count } { $count ->
        [one] rating
       *[other] ratings
    })
oreport-own-rating = Your rating: { $rating } of 5. Press another star to change it.
oreport-no-answers = No answered questions yet. Ask yours — the answer comes here, to this chat, and is shown under the report.
oreport-answers-title = Questions and answers ({ $count }):
oreport-answer-line =
    ❓ { $question }
    💬 { $answer }
oreport-answers-more = …and { $count } earlier { $count ->
        [one] answer
       *[other] answers
    }.
oreport-ask = ❓ Ask a question
oreport-rated = Thank you! Your rating is { $rating } of 5. Average: { NUMBER($average, maximumFractionDigits: 1) } ({ $count }).
oreport-consent-needed = To ask a question or rate a report, please first consent to the processing of personal data.
oreport-finish-report-first = Please finish or cancel your report first (/cancel).
oreport-cancel = ✖ Cancel

oreport-ask-prompt =
    Write your question about the report "{ $title }" in one message (up to { $max } characters).
    The answer comes here, to this chat, and is shown under the report.
oreport-ask-text-only = Please send your question as text.
oreport-ask-too-short = The question is too short. Please say a little more.
oreport-ask-too-long = The question is { $length } characters long; at most { $max } fit. Please shorten it and send it again.
oreport-ask-cancelled = The question was not sent.
oreport-asked = ✅ Question No. { $id } has been passed to the office. The answer comes here, to this chat.

oreport-question-card =
    ❓ Question No. { $id } about report No. { $report } "{ $title }":

    { $text }
oreport-answer-button = ✍️ Answer
oreport-answer-to-resident =
    💬 The answer to your question about the report "{ $title }":
    "{ $question }"

    { $answer }
oreport-published-update =
    📢 A new report: { $title }
    { $office }

oreport-not-staff = This is for the staff of offices that publish reports.
oreport-queue-title = Residents' questions without an answer: { $total } (page { $page } of { $pages }).
oreport-queue-empty = No questions are waiting for an answer. 👍
oreport-queue-line =
    No. { $id } · report No. { $report } "{ $title }", { $date }:
    { $text }
oreport-queue-answer = Answer No. { $id }
oreport-write-answer =
    Question No. { $id } about the report "{ $title }":
    { $text }

    Write the answer in one message — it goes to the resident and is shown under the report.
oreport-answer-text-only = Please send the answer as text.
oreport-answer-too-long = The answer is longer than { $max } characters. Please shorten it.
oreport-answer-cancelled = The answer was not sent.
oreport-answer-sent = ✅ The answer to question No. { $id } has been sent to the resident and is shown under the report.
oreport-question-not-found = There is no question No. { $id } among the questions about your office's reports.
oreport-may-not-answer = Questions about reports are answered by the office's staff and by admins.
oreport-question-answered = Question No. { $id } has been answered already.

oreport-publish-not-allowed = Reports are published by the officials and heads of offices, and by admins.
oreport-publish-office-needed = Name the office by its code: /officials_publish <code>. The offices:
oreport-publish-unknown-office = There is no such office. Name one of these codes: /officials_publish <code>.
oreport-publish-start = A new report of "{ $office }". You can cancel at any time: /cancel
oreport-publish-ask-title = Step 1 of 4. Write the report's title.
oreport-publish-ask-text = Step 2 of 4. Write the report's text in one message.
oreport-publish-ask-video = Step 3 of 4. Send a link to the video (http:// or https://) or press "Skip".
oreport-publish-ask-document = Step 4 of 4. Send a link to the document (http:// or https://) or press "Skip".
oreport-publish-text-only = Please send it as text.
oreport-publish-title-length = The title must be up to { $max } characters.
oreport-publish-text-length = The text must be up to { $max } characters.
oreport-publish-bad-link = That does not look like a link. Send an address starting with http:// or https://, or press "Skip".
oreport-publish-skip = ⏭ Skip
oreport-publish-confirm = 📢 Publish
oreport-publish-no-link = none
oreport-publish-summary =
    Check the report before it is published.
    Office: { $office }
    Title: { $title }
    Video: { $video }
    Document: { $document }

    { $text }
oreport-publish-cancelled = Publishing cancelled. Nothing was published.
oreport-publish-failed = The report could not be published: its office or its fields are gone. Start again: /officials_publish
oreport-published = ✅ Report No. { $id } is published. Followers who will be told: { $recipients }.
