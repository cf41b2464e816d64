## Broadcasts written by hand in the admin API: the heading above the news text.

broadcast-news-district = 📰 News of { $district }
broadcast-news-volunteering = 🤝 News for volunteers
