# Телефон исполнителя как приложение (черновики отчётов без сети) и календари.

calendar-title = Календарь
calendar-lead-worker = Ваши работы (время, услуга, адрес и где забрать набор) в календаре телефона. Приложения календаря проверяют ссылку раз в несколько часов.
calendar-lead-staff = Все работы ближайших недель (время, услуга, адрес, клиент и исполнитель) в вашем календаре. Приложения календаря проверяют ссылку раз в несколько часов.
calendar-account-lead = Ваши работы в календаре телефона по личной ссылке.
calendar-open = Календарь
calendar-new-link = Ваша новая ссылка на календарь
calendar-link-label = Скопируйте ссылку в приложение календаря («Добавить календарь по URL»)
calendar-subscribe = Открыть в приложении календаря
calendar-shown-once = Ссылка показана только сейчас. Если потеряете её, сделайте новую.
calendar-link-made = У вас есть ссылка на календарь, сделана { $when }.
calendar-no-link = Ссылки на календарь пока нет.
calendar-make = Сделать ссылку на календарь
calendar-renew = Сделать новую ссылку
calendar-renew-confirm = Нынешняя ссылка перестанет работать. Сделать новую?
calendar-revoke = Отключить ссылку
calendar-revoke-confirm = Календари с этой ссылкой больше не получат ваши работы. Отключить?
calendar-private = Любой, у кого есть ссылка, видит эти работы: никому её не передавайте. Если она попала к чужим, сделайте новую или отключите.
flash-calendar-revoked = Ссылка на календарь отключена. Календари с ней больше ничего не получат.
calendar-feed-name = Работы Whiskerworks
calendar-appointment-name = Визит Whiskerworks
calendar-event-summary = { $service } (№{ $id })
calendar-event-status = Статус
calendar-event-worker = Исполнитель
calendar-event-pickup = Где забрать набор
calendar-event-details = Подробности
order-add-to-calendar = Добавить в календарь
app-description = Whiskerworks для исполнителей: работы на сегодня, наборы и отчёты, даже без сети.
offline-title = Нет связи
offline-lead = Этой странице нужна сеть. Написанные отчёты хранятся на телефоне и отправятся сами, когда связь вернётся.
offline-retry = Попробовать снова
draft-waiting = Нет связи: отчёт сохранён на телефоне и отправится сам, когда связь вернётся. Страницу можно закрыть.
draft-sending = Отправляем отчёт…
draft-photos-kept = Фото на телефоне, уйдут вместе с отчётом:
draft-photo-remove = Убрать
draft-refused = Отчёт не принят:
err-report-finished-unreadable = Не удалось прочитать время окончания отчёта. Отправьте его ещё раз.
err-report-finished-future = Часы телефона спешат: отчёт оказался бы закончен в будущем. Поправьте время на телефоне и отправьте снова.
err-report-finished-before-start = По часам телефона отчёт закончен раньше начала работы. Поправьте время на телефоне и отправьте снова.
report-finished-on-device = Закончен на телефоне
report-arrived = Получен
report-gap = { $minutes ->
    [one] через { $minutes } минуту
    [few] через { $minutes } минуты
   *[many] через { $minutes } минут
}
