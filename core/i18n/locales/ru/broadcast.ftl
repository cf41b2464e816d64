## Рассылки, написанные вручную в admin API: заголовок над текстом новости.

broadcast-news-district = 📰 Новости: { $district }
broadcast-news-volunteering = 🤝 Новости для волонтёров
