## Подписки на новости: слушания, отчёты чиновников, волонтёрство, новости района.

subscriptions-title =
    🔔 Подписки
    Мы присылаем новости только по темам, которые вы выбрали. Отписаться можно здесь или кнопкой под любой рассылкой.
subscriptions-line-on = ✅ { $topic } — { $about }
subscriptions-line-off = ▫️ { $topic } — { $about }
subscriptions-topic-hearings = Публичные слушания
subscriptions-topic-official_reports = Отчёты чиновников
subscriptions-topic-volunteering = Волонтёрство
subscriptions-topic-district_news = Новости района
subscriptions-about-hearings = новые слушания и их итоги
subscriptions-about-official_reports = новые отчёты о работе служб и руководителей
subscriptions-about-volunteering = новые задачи и события для волонтёров
subscriptions-about-district_news = новости одного округа, который вы выберете
subscriptions-district-followed = { $district }
subscriptions-turn-on = Подписаться: { $topic }
subscriptions-turn-off = Отписаться: { $topic }
subscriptions-change-district = Выбрать другой округ
subscriptions-choose-district = Новости какого округа присылать?
subscriptions-followed = Подписка оформлена: { $topic }
subscriptions-unfollowed = Вы отписались: { $topic }
subscriptions-district-set = Будем присылать новости: { $district }
subscriptions-stop = 🔕 Отписаться от этих новостей
subscriptions-consent-needed = Чтобы присылать вам новости, нужно согласие на обработку персональных данных: мы сохраним только идентификатор чата.
