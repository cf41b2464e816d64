## Subscriptions: hearings, officials' reports, volunteering, district news.

subscriptions-title =
    🔔 Subscriptions
    We only send news on the topics you chose. Unsubscribe here or with the button under any update.
subscriptions-line-on = ✅ { $topic } — { $about }
subscriptions-line-off = ▫️ { $topic } — { $about }
subscriptions-topic-hearings = Public hearings
subscriptions-topic-official_reports = Officials' reports
subscriptions-topic-volunteering = Volunteering
subscriptions-topic-district_news = District news
subscriptions-about-hearings = new hearings and their outcomes
subscriptions-about-official_reports = new reports on the work of offices and their heads
subscriptions-about-volunteering = new volunteer tasks and events
subscriptions-about-district_news = news of one district you choose
subscriptions-district-followed = { $district }
subscriptions-turn-on = Subscribe: { $topic }
subscriptions-turn-off = Unsubscribe: { $topic }
subscriptions-change-district = Choose another district
subscriptions-choose-district = Which district's news should we send?
subscriptions-followed = Subscribed: { $topic }
subscriptions-unfollowed = Unsubscribed: { $topic }
subscriptions-district-set = We will send news of { $district }
subscriptions-stop = 🔕 Unsubscribe from these updates
subscriptions-consent-needed = To send you news we need your consent to the processing of personal data: we keep only your chat id.
