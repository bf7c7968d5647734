# Страница настроек компании (/admin/settings).
nav-settings = Настройки
settings-title = Настройки компании
settings-setup-lead = Учётная запись администратора готова. Теперь сделайте приложение своим: название компании, языки, часовой пояс, часы работы и цены, а также где исполнители забирают наборы. Всё это можно изменить позже.
settings-refused = Ничего не сохранено: исправьте отмеченные поля.
settings-confirm-save = Сохранить настройки? Они вступят в силу сразу.
settings-company = Компания
settings-orders = Заказы
settings-pickup = Где исполнители забирают наборы
settings-retention = Персональные данные
settings-retention-help = Сколько дней хранить персональные данные после того, как они стали не нужны; 0 — хранить. Денежные записи и журнал аудита хранятся всегда; люди в них обезличиваются.
settings-save = Сохранить настройки
settings-confirm-and-save = Подтвердить и сохранить
settings-locked = Задано: { $source }; менять там.
settings-company_name = Название компании
settings-languages = Языки
settings-languages-help = Всё, что пишет компания (услуги, тесты, расходники, единицы, навыки), вводится на каждом из её языков. Люди видят свой язык, а где текста нет — основной язык компании.
settings-languages-used = Языки компании
settings-first-language = Основной язык
settings-time-money = Время и деньги
settings-time_zone = Часовой пояс
settings-currency = Валюта
settings-currency-fixed = Не меняется: в этой валюте уже есть денежные записи.
settings-commission = Комиссия компании, %
settings-commission-help = Исполнитель получает { $share } % цены работы. Действует для заказов, оформленных после изменения.
settings-commission_percent = Комиссия компании, %
settings-cancellation_fee_percent = Плата за отмену, %
settings-new-orders-only = Действует для заказов, оформленных после изменения.
settings-working_hours_start = Часы работы с
settings-working_hours_end = Часы работы до
settings-min_lead_minutes = Минимум до начала заказа, минут
settings-max_days_ahead = Запись вперёд не более, дней
settings-pickup_points = Пункты выдачи
settings-pickup_points-example = Склад, ул. Заводская, 3
settings-pickup_points-help = По одному месту в строке; первое — по умолчанию для каждого набора.
settings-bets-title = Пари менеджеров
settings-bets = Пари включены
settings-bets-help = Если выключить, все страницы пари скрываются и их задачи останавливаются; ничего не удаляется.
settings-retain_report_photos_days = Фото отчётов, дней после работы
settings-retain_signatures_days = Подписи клиентов, дней после работы
settings-retain_closed_accounts_days = Закрытые учётные записи, дней до обезличивания
settings-warnings = Проверьте, что изменится, прежде чем сохранить:
settings-warn-time-zone = Часовой пояс меняется с { $from } на { $to }. { $count ->
    [0] Будущих заказов это не касается.
    [one] { $count } будущий заказ сохранит свой момент, но его местное время будет показано иначе.
    [few] { $count } будущих заказа сохранят свой момент, но их местное время будет показано иначе.
   *[other] { $count } будущих заказов сохранят свой момент, но их местное время будет показано иначе.
} Часы работы будут считаться в новом поясе.
settings-warn-people-moved = { $count ->
    [one] { $count } человек читает
    [few] { $count } человека читают
   *[other] { $count } человек читают
} на языке «{ $from }»; они будут переведены на «{ $to }».
settings-history = История изменений
settings-history-empty = Изменений ещё не было: действуют значения по умолчанию.
settings-invalid-company_name = Укажите название от 1 до 80 символов.
settings-invalid-languages = Выберите хотя бы один язык.
settings-invalid-time_zone = Выберите часовой пояс из списка, например Europe/Moscow.
settings-invalid-currency = Укажите трёхбуквенный код валюты, например RUB.
settings-invalid-working_hours_start = Укажите время, например 08:00.
settings-invalid-working_hours_end = Укажите время, например 21:00, позже начала.
settings-invalid-min_lead_minutes = Укажите число минут от 0 до 10080 (неделя).
settings-invalid-max_days_ahead = Укажите число дней от 1 до 366.
settings-invalid-cancellation_fee_percent = Укажите целый процент от 0 до 100.
settings-invalid-pickup_points = Укажите от 1 до 20 разных мест, по одному в строке, каждое до 200 символов.
settings-invalid-bets = Включите или выключите пари.
settings-invalid-retain_report_photos_days = Укажите 0 (хранить) или число дней до 36500.
settings-invalid-retain_signatures_days = Укажите 0 (хранить) или число дней до 36500.
settings-invalid-retain_closed_accounts_days = Укажите 0 (хранить) или число дней до 36500.
settings-commission-invalid = Укажите процент от 0 до 100, например 20 или 12.5.
settings-currency-locked = Валюта остаётся { $thing }: в ней уже есть денежные записи.
settings-language-content = Этот язык пока нельзя убрать: «{ $thing }» написано только на нём. Сначала добавьте текст на другом языке.
flash-settings-saved = Настройки сохранены и действуют с этого момента.
flash-settings-unchanged = Ничего не изменилось.
audit-action-business-settings = Изменены настройки компании
