## Отчёты чиновников: чтение, вопросы, оценки; ответы и публикация для сотрудников.

oreport-list-title = 📢 Отчёты чиновников (страница { $page } из { $pages }). Откройте отчёт, чтобы прочитать его, задать вопрос или поставить оценку. Список всегда под рукой: /officials
oreport-list-empty = Отчётов чиновников пока нет. Подпишитесь на них в разделе «Подписки» — и мы сообщим о новом.
oreport-list-line = № { $id } · { $title }
    { $office }, { $date } · { $rating }
oreport-list-open = № { $id } · { $title }
oreport-staff-hint = Для сотрудников: /officials_questions — вопросы жителей к отчётам вашего ведомства, /officials_publish — опубликовать отчёт.
oreport-prev = ◀ Назад
oreport-next = Дальше ▶
oreport-back-to-list = 📢 Все отчёты
oreport-open = 📢 Открыть отчёт
oreport-no-office = городская администрация
oreport-not-found = Такого отчёта нет. Откройте список: /officials
oreport-detail-head =
    📢 Отчёт № { $id }: { $title }
    { $office }, { $date }
oreport-video = 🎬 Видео: { $url }
oreport-document = 📄 Документ: { $url }
oreport-rating-none = Оценок пока нет
oreport-rating = ⭐ { NUMBER($average, maximumFractionDigits: 1) } из 5 ({ $count } { $count ->
        [one] оценка
        [few] оценки
       *[many] оценок
    })
oreport-own-rating = Ваша оценка: { $rating } из 5. Нажмите другую звезду, чтобы изменить её.
oreport-no-answers = Вопросов с ответами пока нет. Задайте свой — ответ придёт сюда, в чат, и появится под отчётом.
oreport-answers-title = Вопросы и ответы ({ $count }):
oreport-answer-line =
    ❓ { $question }
    💬 { $answer }
oreport-answers-more = …и ещё { $count } { $count ->
        [one] ответ
        [few] ответа
       *[many] ответов
    } раньше.
oreport-ask = ❓ Задать вопрос
oreport-rated = Спасибо! Ваша оценка — { $rating } из 5. Средняя: { NUMBER($average, maximumFractionDigits: 1) } ({ $count }).
oreport-consent-needed = Чтобы задать вопрос или поставить оценку, сначала нужно согласие на обработку персональных данных.
oreport-finish-report-first = Сначала закончите или отмените обращение (/cancel).
oreport-cancel = ✖ Отмена

oreport-ask-prompt =
    Напишите ваш вопрос к отчёту «{ $title }» одним сообщением (до { $max } символов).
    Ответ придёт сюда, в чат, и будет показан под отчётом.
oreport-ask-text-only = Пришлите вопрос текстом.
oreport-ask-too-short = Вопрос слишком короткий. Напишите его подробнее.
oreport-ask-too-long = Длина вопроса — { $length }, а можно не больше { $max } символов. Сократите его, пожалуйста, и пришлите ещё раз.
oreport-ask-cancelled = Вопрос не отправлен.
oreport-asked = ✅ Вопрос № { $id } передан ведомству. Ответ придёт сюда, в чат.

oreport-question-card =
    ❓ Вопрос № { $id } к отчёту № { $report } «{ $title }»:

    { $text }
oreport-answer-button = ✍️ Ответить
oreport-answer-to-resident =
    💬 Ответ на ваш вопрос к отчёту «{ $title }»:
    «{ $question }»

    { $answer }
oreport-published-update =
    📢 Новый отчёт: { $title }
    { $office }

oreport-not-staff = Это для сотрудников ведомств, которые публикуют отчёты.
oreport-queue-title = Вопросы жителей без ответа: { $total } (страница { $page } из { $pages }).
oreport-queue-empty = Вопросов без ответа нет. 👍
oreport-queue-line =
    № { $id } · отчёт № { $report } «{ $title }», { $date }:
    { $text }
oreport-queue-answer = Ответить на № { $id }
oreport-write-answer =
    Вопрос № { $id } к отчёту «{ $title }»:
    { $text }

    Напишите ответ одним сообщением — он уйдёт жителю и появится под отчётом.
oreport-answer-text-only = Пришлите ответ текстом.
oreport-answer-too-long = Ответ длиннее { $max } символов. Сократите его, пожалуйста.
oreport-answer-cancelled = Ответ не отправлен.
oreport-answer-sent = ✅ Ответ на вопрос № { $id } отправлен жителю и показан под отчётом.
oreport-question-not-found = Вопроса № { $id } нет среди вопросов к отчётам вашего ведомства.
oreport-may-not-answer = Отвечать на вопросы к отчётам могут сотрудники ведомства и администраторы.
oreport-question-answered = На вопрос № { $id } уже ответили.

oreport-publish-not-allowed = Публиковать отчёты могут сотрудники и руководители ведомств, а также администраторы.
oreport-publish-office-needed = Укажите код ведомства: /officials_publish <код>. Ведомства:
oreport-publish-unknown-office = Такого ведомства нет. Укажите код из списка: /officials_publish <код>.
oreport-publish-start = Новый отчёт ведомства «{ $office }». Отменить можно в любой момент: /cancel
oreport-publish-ask-title = Шаг 1 из 4. Напишите заголовок отчёта.
oreport-publish-ask-text = Шаг 2 из 4. Напишите текст отчёта одним сообщением.
oreport-publish-ask-video = Шаг 3 из 4. Пришлите ссылку на видео (http:// или https://) или нажмите «Пропустить».
oreport-publish-ask-document = Шаг 4 из 4. Пришлите ссылку на документ (http:// или https://) или нажмите «Пропустить».
oreport-publish-text-only = Пришлите текстом.
oreport-publish-title-length = Заголовок нужен длиной до { $max } символов.
oreport-publish-text-length = Текст нужен длиной до { $max } символов.
oreport-publish-bad-link = Это не похоже на ссылку. Пришлите адрес, начинающийся с http:// или https://, или нажмите «Пропустить».
oreport-publish-skip = ⏭ Пропустить
oreport-publish-confirm = 📢 Опубликовать
oreport-publish-no-link = нет
oreport-publish-summary =
    Проверьте отчёт перед публикацией.
    Ведомство: { $office }
    Заголовок: { $title }
    Видео: { $video }
    Документ: { $document }

    { $text }
oreport-publish-cancelled = Публикация отменена. Ничего не опубликовано.
oreport-publish-failed = Не удалось опубликовать отчёт: ведомства или его полей больше нет. Начните заново: /officials_publish
oreport-published = ✅ Отчёт № { $id } опубликован. Подписчиков, которым придёт уведомление: { $recipients }.
