## Волонтёрство: события, запись, напоминания, часы.

volunteer-list-title = 🤝 Волонтёрские дела и события (стр. { $page } из { $pages }). Выберите, чтобы узнать подробности и записаться:
volunteer-list-item = { $number }. { $title }
volunteer-none =
    Сейчас нет предстоящих волонтёрских дел. Загляните позже!
    Чтобы узнавать о новых делах первыми, подпишитесь на новости волонтёрства в «🔔 Подписки».
volunteer-when = 🗓 { $when } (по якутскому времени)
volunteer-where = 📍 { $place }
volunteer-map = 🗺 На карте: { $url }
volunteer-place-on-map = место отмечено на карте
volunteer-place-unknown = место уточнит организатор
volunteer-seats = 👥 Свободных мест: { $left } из { $seats }
volunteer-full = 👥 Мест больше нет
volunteer-skills = 🛠 Что пригодится: { $skills }
volunteer-prev = ◀ Назад
volunteer-next = Далее ▶
volunteer-mine-button = 🙋 Моё участие
volunteer-back-to-list = 📋 Все события
volunteer-sign-up = ✅ Записаться
volunteer-sign-up-again = ✅ Записаться снова
volunteer-cancel-seat = ❌ Отменить запись
volunteer-open-event = Подробнее и запись
volunteer-other-events = Другие события
volunteer-you-are-going = ✅ Вы записаны.
volunteer-started = Событие уже началось, запись закрыта.
volunteer-event-gone = Это событие отменено или больше недоступно.

volunteer-consent-needed = Чтобы записаться, нужно согласие на обработку персональных данных: организатору важно знать, кто придёт.
volunteer-finish-first = Сначала завершите начатое или отмените его (/cancel).
volunteer-name-ask =
    Как организатору к вам обращаться? Напишите имя (можно с фамилией).
    Спросим один раз; имя увидят только организаторы событий, на которые вы записываетесь.
volunteer-name-cancel = Отмена
volunteer-name-invalid = Напишите, пожалуйста, имя буквами, например: Анна Иванова. Или нажмите «Отмена».
volunteer-name-cancelled = Хорошо, запись не оформлена.
volunteer-name-saved = Приятно познакомиться, { $name }!
volunteer-signed-up = ✅ Вы записаны: «{ $title }».
volunteer-will-remind = Напомним за день и за два часа до начала. Если планы изменятся, отмените запись — место достанется другому.
volunteer-already-going = Вы уже записаны на «{ $title }».
volunteer-event-full = К сожалению, на «{ $title }» мест больше нет.
volunteer-event-closed = На это событие записаться уже нельзя: оно началось или отменено.
volunteer-seat-cancelled = Запись на «{ $title }» отменена. Спасибо, что предупредили: место достанется другому.
volunteer-not-going = Вы не записаны на это событие.
volunteer-cancel-too-late = Событие уже началось, отменить запись нельзя.

volunteer-mine-title = 🙋 Моё волонтёрство
volunteer-mine-upcoming = Вы записаны:
volunteer-mine-no-upcoming = Предстоящих записей нет.
volunteer-mine-line = • { $when }: { $title }
volunteer-mine-hours = ⏱ Всего часов: { NUMBER($hours, maximumFractionDigits: 2) }
volunteer-mine-attended = Вы участвовали:
volunteer-mine-attended-line = • { $date }: { $title }, { NUMBER($hours, maximumFractionDigits: 2) } ч
volunteer-mine-none = Вы ещё не записывались на волонтёрские дела. Выберите дело по душе в списке.

volunteer-reminder-day = ⏰ Напоминаем: вы записаны на «{ $title }».
volunteer-reminder-soon = ⏰ Скоро начало: «{ $title }». Ждём вас!
volunteer-reminder-cant-come = Если не получается прийти, отмените запись: место достанется другому.
volunteer-announced = 🤝 Новое волонтёрское дело: «{ $title }»
volunteer-event-cancelled = ❗ Организатор отменил событие «{ $title }». Спасибо, что были готовы помочь!
volunteer-event-changed = ❗ Изменилось время или место события «{ $title }». Теперь так:
