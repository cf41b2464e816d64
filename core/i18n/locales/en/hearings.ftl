## Public hearings and consultations: the list, a hearing, comments, notices.

hearing-list-title = 🏛 Public hearings and consultations
hearing-list-hint = Times are Yakutsk time. Choose a hearing to read its materials and leave a comment or a proposal. To hear of new hearings: /subscriptions
hearing-list-empty = There are no open public hearings now, and none has been announced. To hear of new ones at once, turn on notifications: /subscriptions
hearing-line-open = { $title } — comments are taken until { $until }
hearing-line-upcoming = { $title } — soon: comments from { $from }
hearing-line-closed = { $title } — comments closed, the outcome is being prepared
hearing-line-concluded = { $title } — the outcome is published
hearing-line-cancelled = { $title } — cancelled
hearing-list-prev = ◀ Back
hearing-list-next = Next ▶
hearing-not-found = This hearing was not found. All hearings: /hearings

hearing-phase-open = Comments and proposals are taken until { $until }.
hearing-phase-upcoming = Comments will be taken from { $from }.
hearing-phase-closed = Comments closed on { $until }. The organisers are preparing the outcome.
hearing-phase-concluded = The hearing is over and its outcome is published.
hearing-phase-cancelled = The hearing has been cancelled.
hearing-card-period = Comment period: { $from } to { $until } (Yakutsk time).
hearing-card-materials = Materials: { $url }
hearing-card-count = Comments and proposals: { $count }
hearing-card-outcome = Outcome: { $outcome }
hearing-card-cancel-reason = Reason: { $reason }
hearing-outcome-link = More: { $url }
hearing-button-comment = 💬 Leave a comment
hearing-button-proposal = 💡 Make a proposal
hearing-button-list = ◀ All hearings
hearing-open-button = 🏛 Open the hearing

hearing-consent-needed = To leave a comment, first give your consent to the processing of personal data.
hearing-finish-first = First finish or cancel what you are writing now.
hearing-identity-notice =
    Comments and proposals at a public hearing count only when it is clear who made them. So before your first comment we will ask for your full name, address and phone number.
    Only the hearing's organisers receive them, together with your comments, as the procedure of hearings requires. We process them under the personal data law (152-FZ), never publish them and give them to nobody else. They are kept for your next comments, and you can change them at any time.
hearing-ask-name = Write your surname, first name and patronymic (if any), e.g. Ivanova Maria Petrovna.
hearing-name-one-word = We need at least your surname and first name, with a space between them, e.g. Ivanova Maria.
hearing-name-too-short = Write your surname and first name in full, not as initials.
hearing-name-not-letters = A name may hold only letters, hyphens and spaces, e.g. Petrova-Sidorova Anna.
hearing-name-too-long = Too long for a name: { $max } characters at most.
hearing-ask-address = Write the address where you live or are registered: street, house, flat. E.g. Lenina st. 10, flat 5.
hearing-address-too-short = The address is too short. Write the street and house, e.g. Lenina st. 10, flat 5.
hearing-address-too-long = The address is too long: { $max } characters at most.
hearing-address-not-an-address = That does not look like an address. Write the street and house, e.g. Lenina st. 10, flat 5.
hearing-ask-phone = Share your phone number: press "📱 Share my number" below. You may also type it, e.g. +7 914 123-45-67.
hearing-ask-phone-typed = Type your phone number, e.g. +7 914 123-45-67.
hearing-share-phone = 📱 Share my number
hearing-phone-not-own = That is someone else's contact. We need your own number: press "📱 Share my number" or type it.
hearing-phone-not-russian = We take Russian numbers only. Type it as +7 914 123-45-67.
hearing-phone-malformed = That does not look like a phone number. Type it as +7 914 123-45-67 or 8 914 123-45-67.
hearing-identity-saved = Thank you, saved — we will not ask again next time.
hearing-commenting-as =
    You are commenting as:
    { $name }
    { $address }
    { $phone }
hearing-change-identity = ✏️ Change my details
hearing-ask-text-comment = Write your comment on "{ $title }" in one message, { $min } to { $max } characters.
hearing-ask-text-proposal = Write your proposal on "{ $title }" in one message, { $min } to { $max } characters.
hearing-text-too-short = Too short. Say more about what you disagree with or propose ({ $min } characters at least).
hearing-text-too-long = Too long: { $length } characters, while { $max } is the most. Please shorten it.
hearing-text-only = Please write it as text.
hearing-confirm-comment =
    Check your comment on "{ $title }":

    { $text }

    From: { $name }, { $address }, { $phone }.
    Send it? You may also send a corrected text.
hearing-confirm-proposal =
    Check your proposal on "{ $title }":

    { $text }

    From: { $name }, { $address }, { $phone }.
    Send it? You may also send a corrected text.
hearing-send = ✅ Send
hearing-edit-text = ✏️ Change the text
hearing-cancel = ✖ Cancel
hearing-comment-cancelled = All right, the comment was not sent.
hearing-accepted-comment = ✅ Your comment is accepted and passed to the organisers of "{ $title }". Its number is No. { $number }: refer to your comment by it. We will send you the outcome here.
hearing-accepted-proposal = ✅ Your proposal is accepted and passed to the organisers of "{ $title }". Its number is No. { $number }: refer to your proposal by it. We will send you the outcome here.
hearing-refused-upcoming = Comments on "{ $title }" are not taken yet: the period opens on { $from }. Come back then — your details stay saved.
hearing-refused-closed = Sorry, the comment period of "{ $title }" ended on { $until }, so the comment cannot be accepted. The outcome will be in the hearing's card: /hearings
hearing-refused-concluded = Sorry, "{ $title }" is over and takes no more comments. Its outcome is in the hearing's card: /hearings
hearing-refused-cancelled = "{ $title }" has been cancelled and takes no comments.
hearing-refused-not-found = This hearing was not found; the comment was not sent.

hearing-announced =
    🏛 A public hearing is announced: "{ $title }".
    Comments and proposals are taken from { $from } to { $until } (Yakutsk time).
hearing-concluded-notice = 📄 The outcome of the public hearing "{ $title }" is published.
hearing-cancelled-notice = ✖ The public hearing "{ $title }" has been cancelled.
hearing-your-comments = Your comments and proposals: { $numbers }.
hearing-number = No. { $label }
hearing-text-words = Please put your comment in words: what you disagree with or propose.
hearing-period-changed =
    🗓 The dates of the public hearing "{ $title }" have changed.
    Comments and proposals are taken from { $from } to { $until } (Yakutsk time).
