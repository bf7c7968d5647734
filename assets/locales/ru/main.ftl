## Navigation and shell
nav-my-orders = Мои заказы
nav-my-jobs = Мои работы
nav-dashboard = Панель
nav-admin-overview = Обзор
nav-users = Пользователи
nav-mail-queue = Очередь писем
nav-audit-log = Журнал аудита
nav-back-office = Бэк-офис
nav-my-application = Моя заявка
nav-notifications = Уведомления
nav-menu = Меню
nav-tools = Ваша учётная запись
nav-sections = Разделы
nav-login = Войти
nav-logout = Выйти
nav-register = Регистрация
footer-tagline = услуги на дому, сделанные как следует
home-hello = Здравствуйте, { $name }!
pagination = Страницы
pagination-prev = Назад
pagination-next = Вперёд
# $page and $last are page numbers.
pagination-position = Страница { $page } из { $last }
table-actions = Действия
filter = Показать
save = Сохранить
yes = да
no = нет
unread-count = { $count ->
    [one] { $count } непрочитанное
    [few] { $count } непрочитанных
    [many] { $count } непрочитанных
   *[other] { $count } непрочитанного
}

## Roles and permissions
role-client = Клиент
role-worker = Исполнитель
role-manager = Менеджер
role-admin = Администратор
role-candidate = Кандидат
role-client-plural = Клиенты
role-worker-plural = Исполнители
role-manager-plural = Менеджеры
role-admin-plural = Администраторы
role-candidate-plural = Кандидаты
permission-bets = Тайные ставки

## Landing
landing-title = Услуги на дому, которым можно доверять
landing-lead = Закажите уборку и другие услуги за минуту. Проверенный исполнитель приедет с собранным комплектом, выполнит работу и отчитается; вы подпишете, когда всё понравится.
landing-cta-client = Заказать услугу
landing-cta-worker = Стать исполнителем
landing-have-account = Уже с нами?
landing-step-order = Заказ
landing-step-order-text = Выберите услугу, адрес и удобное время. Цена видна до подтверждения.
landing-step-match = Подбор
landing-step-match-text = Мы предложим заказ проверенному исполнителю, в первую очередь вашим любимым.
landing-step-kit = Комплект
landing-step-kit-text = Склад соберёт всё нужное для работы, и исполнитель приедет готовым.
landing-step-sign = Подпись
landing-step-sign-text = Посмотрите отчёт с фотографиями и подпишите приёмку. Счёт — раз в неделю.

## Role homes
client-empty-title = Заказов пока нет
client-empty-text = Когда вы закажете услугу, она появится здесь вместе со статусом.
worker-empty-title = Работ пока нет
worker-empty-text = Здесь появятся предложения и назначенные работы. Держите телефон под рукой.
manager-empty-title = Пока нечего показать
manager-empty-text = Панель заполнится, когда начнут поступать заказы.
candidate-empty-title = Заявка принята
candidate-empty-text = Здесь появятся назначенные вам тесты.

## Login and registration
login-title = Вход
login-submit = Войти
login-failed = Неверный email или пароль. Попробуйте ещё раз.
login-no-account = Впервые у нас?
register-title = Создайте аккаунт
register-lead = Зарегистрируйтесь, чтобы заказывать услуги и следить за ними до завершения.
register-submit = Создать аккаунт
register-have-account = Уже есть аккаунт?
field-name = Имя
field-email = Email
field-password = Пароль
field-current-password = Текущий пароль
field-new-password = Новый пароль
password-hint = Не короче 8 символов. Фразу из нескольких слов легко запомнить и трудно угадать.
err-name-required = Укажите имя.
err-name-invalid = Имя должно быть не длиннее 100 символов.
err-email-invalid = Укажите правильный email, например name@example.com.
err-email-taken = Аккаунт с таким email уже есть. Попробуйте войти.
err-password-short = Пароль должен быть не короче 8 символов.
err-password-long = Пароль слишком длинный (не больше 200 символов).
err-password-common = Этот пароль слишком распространён. Выберите другой.
err-password-wrong = Текущий пароль неверен.

## Account
account-title = Мой аккаунт
account-details = Данные
account-role = Роль
account-language = Язык
account-password = Смена пароля
account-password-submit = Сменить пароль
account-notifications = Уведомления по email
account-notifications-lead = Выберите, какие уведомления дублировать на email. В приложении вы видите их всегда.

## Flash messages
flash-welcome = Добро пожаловать в { $company }! Аккаунт готов.
flash-logged-in = Вы вошли.
flash-logged-out = Вы вышли. До встречи!
flash-password-changed = Пароль изменён. Остальные сеансы завершены.
flash-saved = Сохранено.
flash-own-account = Нельзя менять собственную роль или отключать себя.
flash-permission-role = Это право недоступно для роли пользователя.
flash-mail-requeued = Письмо снова поставлено в очередь.
flash-mail-not-dead = Повторить можно только недоставленное письмо.

## Notifications
notifications-title = Уведомления
notifications-mark-read = Отметить все прочитанными
notifications-empty-title = Всё спокойно
notifications-empty-text = Уведомлений пока нет.
notifications-open = Открыть
mail-greeting = Здравствуйте, { $name }!
mail-signature = { $company }
mail-open = Открыть в { $company }
mail-link-fallback = Если кнопка не работает, скопируйте этот адрес в браузер:
notif-welcome-title = Добро пожаловать в { $company }
notif-welcome-body = Ваш аккаунт готов. Входите в любое время, чтобы заказывать услуги и следить за ними.
notif-mail-dead-title = Письмо не доставлено
notif-mail-dead-body = Письмо №{ $id } для { $to } не доставлено после последней попытки. Проверьте настройки почты и повторите отправку из очереди.
notif-backup-failed-title = Плановая резервная копия не создана
notif-backup-failed-body = Копия на { $at } не создана: { $error }. Последняя удачная копия на месте; проверьте папку копий ({ $dir }) и диск.

## Admin
admin-overview-title = Обзор
admin-jobs = Фоновые задачи
admin-jobs-running = Работают.
admin-jobs-stopped = В этом процессе не запущены.
admin-jobs-last-run = Последняя сверка
admin-jobs-catching-up = Догоняет работу, накопившуюся, пока сервер был остановлен.
admin-jobs-catch-up-failed = Догоняющий проход при запуске не удался; следующая сверка повторит его (см. журнал).
admin-backups = Резервные копии
# $hours is followed by an abbreviation; $keep follows a colon or reads for any count.
admin-backups-schedule = Каждые { $hours } ч, хранятся последние { $keep }, в { $dir }.
admin-backups-off = Плановые копии выключены (backup_every_hours = 0).
admin-backups-none = Плановых копий пока нет.
backup-file = Файл
backup-size = Размер
backup-taken = Создана
backup-age = Возраст
# $hours is followed by an abbreviation.
backup-age-hours = { $hours } ч
admin-see-dead = Недоставленные письма
admin-see-all = Смотреть всё
admin-users-search = Поиск по имени или email
admin-all-roles = Все роли
admin-users-count = { $count ->
    [one] { $count } пользователь
    [few] { $count } пользователя
    [many] { $count } пользователей
   *[other] { $count } пользователя
}
admin-users-empty-title = Никого не нашлось
admin-users-empty-text = Попробуйте другой запрос или роль.
admin-status = Статус
admin-created = Создан
admin-active = активен
admin-inactive = отключён
admin-change-role = Сменить роль
admin-confirm-role = Сменить роль пользователя? Его сеансы будут завершены.
admin-permissions = Права
admin-no-permissions = У этой роли нет дополнительных прав.
admin-grant = Выдать
admin-revoke = Отозвать
admin-deactivate = Отключить
admin-reactivate = Включить
admin-confirm-deactivate = Отключить пользователя? Он выйдет на всех устройствах.
admin-own-account = Это ваш собственный аккаунт.
mail-all = Все
mail-pending = В очереди
mail-sent = Отправлены
mail-dead = Не доставлены
mail-to = Кому
mail-subject = Тема
mail-attempts = Попыток
mail-next = Следующая попытка
mail-retry = Повторить
mail-empty-title = Писем нет
mail-empty-text = В этой части очереди пусто.
audit-empty = Действий в журнале пока нет.
audit-when = Когда
audit-who = Кто
audit-action = Действие
audit-subject = Объект
audit-details = Подробности
audit-filter = Действие начинается с…

## Errors
err-go-home = На главную
err-400-title = Не удалось прочитать запрос
err-400-text = Запрос пришёл не в том виде. Вернитесь назад и попробуйте ещё раз.
err-403-title = Доступ запрещён
err-403-text = У вас нет доступа к этой странице.
err-csrf-title = Форма устарела
err-csrf-text = В целях безопасности форма не принята. Обновите страницу и попробуйте снова.
err-404-title = Страница не найдена
err-404-text = Такой страницы нет или она переехала.
err-405-title = Так нельзя
err-405-text = Эту страницу нельзя использовать таким образом.
err-413-title = Слишком большой объём
err-413-text = Отправленные данные больше допустимого.
err-429-title = Слишком много попыток
err-refused-title = Сейчас это сделать нельзя
err-429-text = В целях безопасности вход временно приостановлен. Подождите 15 минут и попробуйте снова.
err-busy-title = Слишком много запросов
err-busy-text = { $seconds ->
    [one] Запросы приходят чаще, чем мы успеваем отвечать. Подождите { $seconds } секунду и попробуйте снова.
    [few] Запросы приходят чаще, чем мы успеваем отвечать. Подождите { $seconds } секунды и попробуйте снова.
    [many] Запросы приходят чаще, чем мы успеваем отвечать. Подождите { $seconds } секунд и попробуйте снова.
   *[other] Запросы приходят чаще, чем мы успеваем отвечать. Подождите { $seconds } секунды и попробуйте снова.
}
err-503-title = Сейчас много работы
err-503-text = Сейчас одновременно приходит много изменений, и ваше не сохранено. Попробуйте ещё раз через пару секунд.
err-storage-title = Сейчас не удаётся сохранить
err-storage-text = Хранилище сервера переполнено или неисправно, поэтому ничего не сохранено. Попробуйте ещё раз через несколько минут.
err-kept-input = Ничего не сохранено. Введённое вами осталось ниже: нажмите кнопку ещё раз, чтобы повторить.
err-try-again = Попробовать ещё раз
err-resend-text = Ничего не сохранено. Нажмите «Попробовать ещё раз», чтобы отправить введённое снова.
err-500-title = Что-то пошло не так
err-500-text = У нас произошла непредвиденная ошибка. Она записана в журнал; попробуйте через минуту.

## Orders and catalogue
nav-orders = Заказы
nav-catalogue = Каталог
nav-services = Услуги
nav-profile = Профиль
back = Назад
remove = Удалить
actor-system = система
# $minutes is followed by an abbreviation.
duration-minutes = { $minutes } мин
field-address = Адрес
field-access-notes = Как попасть (подъезд, код, этаж)
field-label = Название
field-notes = Пожелания исполнителю
field-date = Дата
field-time = Время
field-reason = Причина
field-reason-optional = Причина (необязательно)
field-full-name = Ваше полное имя
field-signature = Подпись (пальцем или мышью)
field-rating = Оценка
field-comment = Комментарий
field-service-name = Услуга
field-code = Код
field-skill = Нужный навык
field-duration = Длительность, минут
field-base-price = Базовая цена
field-price = Цена
field-content-name = Название
field-description = Описание
field-item-text = Текст

status-new = Новый
status-offered = Предложен
status-assigned = Назначен
status-in-progress = В работе
status-reported = Ждёт подписи
status-completed = Выполнен
status-unassigned = Без исполнителя
status-disputed = Спор
status-cancelled = Отменён
offer-status-open = Открыто
offer-status-accepted = Принято
offer-status-declined = Отклонено
offer-status-expired = Истекло
offer-status-withdrawn = Отозвано

event-create = Заказ оформлен
event-offer = Предложен исполнителю
event-accept-offer = Предложение принято
event-decline-offer = Предложение отклонено
event-withdraw = Исполнитель отказался
# Что клиент видит об отказе исполнителя: причина — только для сотрудников.
event-withdraw-client = Исполнитель не сможет прийти: ищем другого
event-expire-offer = Предложение истекло
event-assign = Исполнитель назначен
event-volunteer = Взят из свободных работ
event-mark-unassigned = Исполнитель не найден
event-confirm-kit = Комплект выдан
event-start = Работа начата
event-report = Отчёт отправлен
event-sign = Подписан клиентом
event-refuse = Клиент отказался подписать
event-resolve-complete = Спор решён: выполнен
event-cancel = Отменён
event-rematch = Менеджер снова запустил подбор
event-open-board = Открыт для добровольцев

sort-scheduled-desc = Сначала поздние даты
sort-scheduled-asc = Сначала ранние даты
sort-created-desc = Сначала новые заказы
sort-total-desc = Сначала дорогие

quote-title = Стоимость
quote-total = Итого
quote-unavailable = Выберите услугу, чтобы увидеть цену.

services-title = Наши услуги
services-empty-title = Услуг пока нет
services-empty-text = Каталог готовится. Загляните чуть позже.
services-manage-empty-text = Добавьте первую услугу, чтобы клиенты могли её заказать.
services-from = от
services-order = Заказать
services-new = Новая услуга
services-active = активна
services-inactive = не активна
services-activate = Включить
services-deactivate = Отключить
services-confirm-deactivate = Отключить услугу? Клиенты больше не смогут её заказать; прежние заказы сохранятся.
services-options = Дополнительно
services-no-options = Дополнений пока нет.
services-add-option = Добавить дополнение
services-checklist = Чек-лист
services-no-checklist = Пунктов пока нет.
services-add-item = Добавить пункт

orders-new = Новый заказ
orders-pick-service = Какая услуга вам нужна?
orders-options = Дополнительно
orders-new-address = Новый адрес…
orders-new-address-field = Новый адрес (если его нет в списке)
orders-slot-hint = Рабочее время — { $opens }–{ $closes }: работа должна начаться и закончиться в эти часы.
orders-place = Оформить заказ
orders-review-sign = Проверить и подписать
orders-cancel = Отменить заказ
orders-cancel-title = Отменить заказ?
# $percent is a percentage.
orders-cancel-fee = Исполнитель уже назначен, поэтому взимается плата за отмену: { $fee } ({ $percent } % суммы).
orders-cancel-free = Сейчас отмена бесплатна.
orders-cancel-confirm = Да, отменить заказ
orders-cancel-manager-confirm = Отменить заказ? Клиент и исполнитель получат уведомление.
orders-count = { $count ->
    [one] { $count } заказ
    [few] { $count } заказа
    [many] { $count } заказов
   *[other] { $count } заказа
}
filters-more = { $count ->
    [0] Другие фильтры
   *[other] Другие фильтры (включено: { $count })
}
orders-search = Номер заказа или адрес
orders-all-statuses = Все статусы
orders-all-services = Все услуги
orders-all-workers = Все исполнители
orders-from = С даты
orders-to = По дату
orders-sort = Сортировка
orders-empty-title = Заказов не найдено
orders-empty-text = Попробуйте другие фильтры.
unplaced-title = { $count ->
    [0] Заказы без исполнителя
    [one] { $count } заказ без исполнителя
    [few] { $count } заказа без исполнителя
   *[other] { $count } заказов без исполнителя
}
unplaced-page-title = Заказы без исполнителя
unplaced-lead = Заказы, для которых подбор никого не нашёл, и заказы без исполнителя за { $hours ->
    [one] { $hours } час
    [few] { $hours } часа
   *[other] { $hours } часов
} до начала. Назначьте, предложите или позвоните клиенту.
unplaced-none = У каждого заказа есть исполнитель или он подбирается заранее (больше чем за { $hours ->
    [one] { $hours } час
    [few] { $hours } часа
   *[other] { $hours } часов
}).
unplaced-why = Почему
unplaced-gave-up = подбор никого не нашёл
unplaced-soon = { $hours ->
    [0] начало меньше чем через час
    [one] начало через { $hours } час
    [few] начало через { $hours } часа
   *[other] начало через { $hours } часов
}
unplaced-all = Все заказы без исполнителя
orders-assign-title = Исполнитель
orders-offer = Предложить исполнителю
orders-assign = Назначить сразу
orders-assign-hint = Предложение ждёт согласия исполнителя; назначение сразу — без вопроса.
orders-resolve-complete = Завершить заказ
orders-resolve-confirm = Закрыть спор и завершить заказ?
order-when = Когда
order-worker = Исполнитель
order-client = Клиент
order-timeline = История
order-cancellation-fee = Плата за отмену
# $percent is a percentage.
order-cancellation-terms = Отмена после назначения исполнителя стоит { $percent } % суммы: { $fee }.
order-cancel-reason = Причина отмены
order-dispute-reason = Спор

worker-offers = Новые предложения
worker-offer-expires = Предложение действует до
worker-share = Ваша доля: { $amount } ({ $percent } %)
worker-accept = Принять
worker-decline = Отказаться
worker-decline-confirm = Отказаться от этой работы?
worker-today = Сегодня
worker-upcoming = Предстоящие
worker-no-jobs-today = Сегодня работ нет.
worker-no-upcoming = Больше ничего не запланировано.
worker-start = Начать работу
worker-waiting-signature = Отчёт отправлен. Ждём подписи клиента.
kit-title = Комплект
kit-confirm = Я получил комплект
kit-received = Комплект получен
kit-issue = Отметить комплект выданным
report-title = Отчёт
report-checklist = Чек-лист
report-note = Что сделано
report-files = Фото и документы
report-files-hint = JPEG, PNG, WebP или PDF; до 10 файлов по 10 МБ.
report-submit = Отправить отчёт
signature-title = Подпись
sign-title = Проверка и подпись
sign-accept = Принять работу
sign-clear = Стереть
sign-submit = Подписать и завершить
sign-refuse = Что-то не так?
sign-refuse-submit = Отказаться подписывать
sign-refuse-confirm = Отказаться от подписи? Заказ проверит контроль качества.

profile-title = Профиль
profile-addresses = Адреса
profile-no-addresses = Адресов пока нет.
profile-default = основной
profile-make-default = Сделать основным
profile-confirm-remove = Удалить адрес? В прошлых заказах он сохранится.
profile-add-address = Добавить адрес
profile-label-hint = Дом, офис…
profile-notes = Пожелания исполнителям
profile-notes-hint = Питомцы, парковка — всё, что стоит знать исполнителю.
profile-workers = Исполнители
profile-no-workers = Здесь появятся исполнители, которые у вас работали.
profile-favourite = любимый
profile-blocked = заблокирован
profile-make-favourite = В любимые
profile-block = Заблокировать
profile-clear = Сбросить

refuse-not-now = Сейчас это невозможно: заказ в другом состоянии.
refuse-not-yours = Вы не можете сделать это с этим заказом.
refuse-offer-gone = Это предложение уже не действует.
refuse-offer-expired = Срок предложения истёк.
refuse-kit-first = Сначала подтвердите получение комплекта.
refuse-kit-already = Комплект уже выдан.
refuse-cancel-started = Работа уже началась; для отмены свяжитесь с нами.
refuse-worker-busy = У этого исполнителя в это время другая работа.
refuse-worker-not-skilled = У этого исполнителя нет навыка, нужного для этой услуги.
refuse-worker-not-certified = Аттестация этого исполнителя по этой услуге просрочена или не пройдена.
refuse-worker-blocked = Клиент попросил не присылать этого исполнителя.
refuse-not-a-worker = Выберите действующего исполнителя.

err-service-unknown = Эта услуга недоступна. Выберите другую.
err-address-unknown = Выберите адрес или введите новый.
err-option-unknown = Одно из выбранных дополнений недоступно.
err-slot-format = Укажите дату и время.
err-slot-step = Выберите время с шагом 15 минут (10:00, 10:15…).
err-slot-invalid = Такого времени в этот день нет (перевод часов). Выберите другое.
err-slot-too-soon = Выберите время не раньше чем через { $minutes } { $minutes ->
    [one] минуту
    [few] минуты
   *[other] минут
}.
err-slot-too-far = Выберите дату в ближайшие { $days } { $days ->
    [one] день
    [few] дня
   *[other] дней
}.
err-slot-hours = Работа должна начаться и закончиться в рабочее время, { $opens }–{ $closes }.
err-text-1000 = Не больше 1000 символов.
err-text-2000 = Не больше 2000 символов.
err-required-100 = Обязательно, не больше 100 символов.
err-code = От 2 до 40 строчных латинских букв, цифр и дефисов.
err-code-taken = Этот код уже занят другой услугой.
err-duration = От 15 до 720 минут, с шагом 15.
err-money = Введите сумму, например 4500 или 4500,50.
err-full-name = Введите ваше полное имя.
err-signature = Нарисуйте подпись.
err-rating = Выберите оценку от 1 до 5.
err-report-note = Опишите, что сделано.
err-file-name = Имена файлов не должны содержать папки и спецсимволы.
err-file-type = Принимаются только файлы JPEG, PNG, WebP или PDF.
err-file-mismatch = Содержимое файла не соответствует его имени.
# $mb is followed by an abbreviation.
err-file-large = Каждый файл — не больше { $mb } МБ.
err-file-many = Прикрепите не больше { $count ->
    [one] { $count } файла
   *[other] { $count } файлов
}.
# $mb is followed by an abbreviation.
err-upload-request-large = Все файлы вместе — не больше { $mb } МБ. Отправьте меньше фотографий или поменьше размером.
err-upload-busy = Сервер сейчас принимает много файлов. Попробуйте ещё раз через минуту.
err-upload-text-long = Текстовое поле слишком длинное.
err-file-empty = Один из файлов пустой.

flash-order-placed = Заказ оформлен. Мы подберём исполнителя.
flash-order-cancelled = Заказ отменён.
flash-order-signed = Спасибо! Заказ выполнен.
flash-order-disputed = Нам жаль. Контроль качества проверит заказ и свяжется с вами.
flash-offer-sent = Предложение отправлено исполнителю.
flash-assigned = Исполнитель назначен.
flash-offer-accepted = Работа ваша.
flash-offer-declined = Вы отказались от предложения.
flash-kit-confirmed = Комплект получен. Начинайте, когда приедете.
flash-kit-issued = Комплект отмечен выданным.
flash-job-started = Работа начата. Удачи!
flash-report-sent = Отчёт отправлен клиенту.
flash-dispute-resolved = Спор решён.
flash-reason-required = Укажите причину.
flash-reason-invalid = Причина слишком длинная.
flash-address-invalid = Заполните название и адрес.
flash-address-removed = Адрес удалён.
flash-notes-invalid = Пожелания слишком длинные.
flash-option-invalid = Укажите название на каждом из запрошенных языков (до 100 символов) и правильную цену.
flash-checklist-invalid = Укажите пункт на каждом из запрошенных языков (до 200 символов).

notif-order-received-title = Заказ №{ $id } принят
# $reminder_hours is a figure ("24 ч"): the hours before a visit its reminder comes.
notif-order-received-body = { $service }, { $when }. Подбираем исполнителя.{ $reminder ->
        [at] { " " }Напомним о визите { $remind_at }.
        [none] { " " }Напоминания не будет: до визита меньше { $reminder_hours } ч.
       *[other] { "" }
    }
notif-order-assigned-title = Исполнитель назначен на заказ №{ $id }
notif-order-assigned-body = { $service }, { $when } — выполнит один из наших проверенных исполнителей.
notif-order-started-title = Работа по заказу №{ $id } началась
notif-order-started-body = Исполнитель приступил: { $service }.
notif-order-reported-title = Заказ №{ $id } ждёт подписи
notif-order-reported-body = Исполнитель закончил: { $service }. Проверьте отчёт и подпишите.
notif-order-completed-title = Заказ №{ $id } выполнен
notif-order-completed-body = { $service } — выполнено. Итого: { $total }. Спасибо!
notif-order-cancelled-title = Заказ №{ $id } отменён
notif-order-cancelled-body = { $service }, { $when } — отменено.
notif-offer-new-title = Новое предложение: { $service }
notif-offer-new-body = { $service }, { $when }. Примите, пока предложение действует.
notif-job-assigned-title = Работа №{ $id } ваша
notif-job-assigned-body = Вы назначены: { $service }, { $when }.
notif-job-cancelled-title = Работа №{ $id } снята
notif-job-cancelled-body = { $service }, { $when } — больше не ваша работа.
notif-order-to-assign-title = Заказу №{ $id } нужен исполнитель
notif-order-to-assign-body = { $service }, { $when } — ждёт предложения или назначения.
notif-offer-declined-title = Отказ от заказа №{ $id }
notif-offer-declined-body = Исполнитель отказался: { $service }, { $when }. Предложите заказ другому.
notif-order-disputed-title = Спор по заказу №{ $id }
notif-order-disputed-body = Клиент отказался подписать: { $service }. Нужна проверка контроля качества.

## Matching
notif-offer-expired-title = Предложение по работе №{ $id } истекло
notif-offer-expired-body = Предложение «{ $service }», { $when }, истекло и передано другому.
notif-order-unassigned-title = Для заказа №{ $id } не нашёлся исполнитель
notif-order-unassigned-body = Подбор не нашёл исполнителя для заказа «{ $service }», { $when }. Назначьте вручную или запустите подбор снова.
notif-order-not-placed-title = Для заказа №{ $id } пока нет свободного исполнителя
notif-order-not-placed-body = Мы не нашли исполнителя для «{ $service }» на { $when }. Вы можете выбрать другое время или бесплатно отменить заказ; менеджер также позвонит вам, чтобы помочь.
order-not-placed-title = На это время пока нет свободного исполнителя
order-not-placed-text = Заказ остаётся открытым, и менеджер позвонит вам, чтобы помочь. Вы также можете заказать на другое время или бесплатно отменить заказ.
order-not-placed-again = Заказать на другое время
order-not-placed-cancel = Отменить бесплатно
excl-inactive = отключён
excl-off-duty = не на смене
excl-not-skilled = нет навыка
excl-outside-hours = вне рабочих часов или выходной
excl-busy = занят в это время
excl-daily-limit = дневной лимит исчерпан
excl-blocked = заблокирован клиентом
excl-already-tried = уже отказался или пропустил
nav-availability = Доступность
nav-matching = Подбор
availability-title = Доступность
availability-on-duty = Вы на смене: могут прийти новые предложения.
availability-off-duty = Вы не на смене: новых предложений не будет.
availability-go-on = Выйти на смену
availability-go-off = Уйти со смены
availability-hours = Рабочие часы
availability-from = С
availability-to = До
availability-days-off = Выходные дни
availability-add-day-off = Добавить выходной
availability-skills = Навыки
weekday-1 = Понедельник
weekday-2 = Вторник
weekday-3 = Среда
weekday-4 = Четверг
weekday-5 = Пятница
weekday-6 = Суббота
weekday-7 = Воскресенье
flash-on-duty = Вы на смене.
flash-off-duty = Вы ушли со смены.
flash-hours-invalid = У каждого рабочего дня начало должно быть раньше конца.
flash-day-invalid = Выберите дату.
flash-matching-offered = Подбор нашёл исполнителя; предложение отправлено.
flash-matching-nobody = Подходящих исполнителей нет. Назначьте вручную или попробуйте позже.
flash-skills-saved = Навыки сохранены.
matching-title = Подбор
matching-settings = Стратегия и настройки
matching-strategy = Стратегия
matching-random = Случайно (сначала любимые)
matching-score = По баллам (оценки, контроль качества, загрузка, любимые)
matching-enabled = Автоматический подбор включён
matching-max-attempts = Предложений до отказа
matching-daily-limit = Работ на исполнителя в день
matching-travel-buffer = Время на дорогу, минут
matching-weights = Веса баллов
matching-w-rating = Оценки
matching-w-qc = Контроль качества
matching-w-load = Загрузка (штраф)
matching-w-favourite = Любимый
matching-confirm = Изменить настройки подбора? Следующие решения будут по ним.
matching-invalid = Проверьте значения: целые числа в допустимых пределах.
matching-decisions = Решения
matching-what-happened = Что произошло
# $round and $attempt are numbers that name, not counts; $rank is an ordinal ("1-е"); $considered follows a colon.
matching-sentence-score = Предложено: { $worker }, { $rank }-е место по баллам среди { $eligible ->
    [one] { $eligible } подходящего исполнителя
   *[other] { $eligible } подходящих исполнителей
} (рассмотрено: { $considered }); настройки v{ $settings }, раунд { $round }, предложение { $attempt }.
# $round and $attempt are numbers that name, not counts; $considered follows a colon.
matching-sentence-random = Предложено: { $worker }, выбран случайно из { $eligible ->
    [one] { $eligible } подходящего исполнителя
   *[other] { $eligible } подходящих исполнителей
} (сначала любимые; рассмотрено: { $considered }); настройки v{ $settings }, раунд { $round }, предложение { $attempt }.
# $round and $attempt are numbers that name, not counts; $worker is empty.
matching-sentence-none = Никому не предложено: { $considered ->
    [one] рассмотренный исполнитель не подошёл
   *[other] ни один из { $considered } рассмотренных исполнителей не подошёл
}; настройки v{ $settings }, раунд { $round }, предложение { $attempt }.
# $version names a version.
matching-replay = Для разработчиков: seed { $seed }, версия стратегии { $version }.
matching-decision = Решение
matching-no-decisions = Решений пока нет
matching-no-decisions-text = Решения появятся здесь, когда заказы начнут подбираться.
matching-order = Заказ
matching-eligible = Подходят
matching-eligible-one = подходит
matching-chosen = Выбран
matching-outcome = Итог
matching-score-col = Баллы
matching-why-title = Подбор
matching-attempts = Предложений в этом круге
matching-left-out = Не подошли в последнем решении
matching-rerun = Запустить подбор снова
matching-replay-link = Переиграть решения другой стратегией (оценка)
replay-title = Переигровка решений подбора
replay-lead = Заново принимает записанные решения за выбранные дни по стратегии — среди тех же исполнителей, что были доступны каждому решению, — и оценивает, что изменилось бы. По-настоящему ничего не меняется.
replay-from = Первый день
replay-to = Последний день (включительно)
replay-weights = Веса баллов (необязательно): оценка, контроль качества, загрузка, любимые
replay-made-by = Решения, принятые стратегией
replay-made-by-any = Любой
replay-weights-hint = Если пусто, решение по баллам берёт свои веса, а остальные — из действующих настроек. Без дней — последние 30 дней.
replay-run = Переиграть
replay-bad-strategy = Выберите стратегию: случайно или по баллам.
replay-bad-from = Первый день должен быть датой.
replay-bad-to = Последний день должен быть датой.
replay-backwards = Первый день не может быть позже последнего.
replay-bad-weights = Веса — четыре целых числа от 0 до 1000 через запятую: оценка, контроль качества, загрузка, любимые.
replay-what-changes = Что изменилось бы
replay-decisions = Решений за эти дни
replay-replayed = Переиграно
replay-changed = Переиграно с другим исполнителем
replay-nobody = Переиграно, но доступных не было
replay-not-replayable = Нельзя переиграть (записаны до того, как стали сохраняться факты)
replay-volunteered = Взяты добровольцами (стратегия не выбирала)
replay-none = Ни одно решение за эти дни нельзя переиграть.
replay-estimates = Оценка: оценки клиентов и баллы контроля качества выбранных исполнителей
# $until — дата и время.
replay-estimates-note = Средние по шкале 1–5 по истории каждого исполнителя до { $until }, с 95-процентными интервалами. Среднее исполнителя подтягивается к среднему по всем тем сильнее, чем короче его история; исполнитель без истории считается средним. Это оценки, а не итоги: влияние на последующие решения не моделируется.
replay-measure = Показатель
replay-before = Как решено
replay-after = При переигровке
replay-change = Разница
replay-rating = Оценка клиента
replay-qc = Балл контроля качества
replay-no-data = Пока мало данных: ни у одного исполнителя их нет.
replay-unknown = Решений, где у выбранного исполнителя нет истории (как решено / при переигровке)
replay-spread = Распределение нагрузки среди исполнителей, доступных хотя бы раз
replay-top-fifth = Доля предложений у самой загруженной пятой части исполнителей
replay-gini = Коэффициент Джини (0 — поровну, 1 — всё одному)
replay-cv = Коэффициент вариации предложений на исполнителя
replay-workers = Кому достаётся работа (предложений на исполнителя)
admin-skills = Навыки

## Bets
nav-bets = Ставки
bets-lead = Ставьте на исход заказов. Ставки каждой стороны образуют пул; победители делят ставки проигравших пропорционально своим. Приём ставок закрывается, когда начинается работа.
bets-none-title = Ставить не на что
bets-none-text = Заказы видны здесь, пока работа не началась.
bets-proposition = Исход
bets-side = Сторона
bets-amount = Сумма
bets-place = Поставить
bets-yes = да
bets-no = нет
bets-prop-completed-on-time = Выполнен вовремя
bets-prop-cancelled = Отменён
bets-prop-qc-score-at-least-4 = Оценка контроля качества не ниже 4
bets-prop-client-rating-5 = Клиент поставит 5
bets-recent = Последние книги
bets-status-open = открыта
bets-status-closed = закрыта, ждёт исхода
bets-status-settled = рассчитана
bets-status-void = аннулирована, ставки возвращены
bets-outcome = Исход
bets-stakes = Ставки
bets-results = Итоги
bets-bettor = Менеджер
bets-staked = Поставил
bets-payout = Получил
bets-net = Итого
bets-who-pays = Кто кому платит
bets-pays = Платит
bets-to = Кому
bets-nothing-to-pay = Никто никому не должен.
bets-standings = Таблица
bets-no-results-title = Итогов пока нет
bets-no-results-text = Итоги появятся, когда книги будут рассчитаны.
flash-bet-placed = Ставка принята.
flash-bet-closed = Ставки на этот заказ закрыты: работа началась.
flash-bet-amount = Ставка — от 1,00 до 100 000,00.

## Hiring
nav-candidates = Кандидаты
apply-title = Станьте исполнителем { $company }
apply-lead = Расскажите о себе и о том, какие услуги вы умеете оказывать. Мы пришлём короткий отборочный тест.
apply-skills = Услуги, которые вы умеете
apply-about = О себе
apply-submit = Отправить заявку
apply-status = Ваша заявка
apply-applied-at = Подана
field-phone = Телефон
err-phone = Введите номер телефона (цифры, пробелы, +, -, скобки).
err-skills = Выберите хотя бы одну услугу.
flash-applied = Спасибо! Заявка принята.
candidate-status-applied = получена
candidate-status-testing = тестирование
candidate-status-hired = принят
candidate-status-rejected = в этот раз нет
candidates-empty-title = Кандидатов нет
candidates-empty-text = Здесь появятся заявки со страницы «Стать исполнителем».
nav-tests = Тесты
tests-title = Отборочные тесты
tests-empty-title = Тестов пока нет
tests-empty-text = Создайте первый отборочный тест: несколько вопросов и ограничение по времени.
tests-new = Новый тест
tests-settings = Название, инструкция и время
tests-field-title = Название
tests-field-instructions = Инструкция для кандидата
tests-field-minutes = Ограничение, минут
tests-questions = Вопросы
tests-no-questions = Вопросов пока нет. Добавьте первый ниже.
tests-questions-count = { $count ->
    [one] { $count } вопрос
    [few] { $count } вопроса
    [many] { $count } вопросов
   *[other] { $count } вопроса
}
tests-points = { $count ->
    [one] { $count } балл
    [few] { $count } балла
    [many] { $count } баллов
   *[other] { $count } балла
}
tests-points-total = { $count ->
    [one] { $count } балл всего
    [few] { $count } балла всего
   *[other] { $count } баллов всего
}
tests-add-question = Добавить вопрос
tests-field-kind = Тип
tests-field-points = Баллы
tests-field-prompt = Вопрос
tests-field-options = Варианты, по одному в строке
tests-options-hint = Для одиночного и множественного выбора
tests-field-correct = Номера верных вариантов
tests-field-answer = Числовой ответ
tests-field-tolerance = Допуск (±)
tests-kind-hint = Один вариант: варианты и номер верного. Несколько вариантов: варианты и номера верных через запятую. Число: ответ и допуск. Свободный ответ проверяет менеджер.
tests-kind-single-choice = Один вариант
tests-kind-multiple-choice = Несколько вариантов
tests-kind-numeric = Число
tests-kind-free-text = Свободный ответ
tests-graded-by-hand = Проверяет менеджер.
tests-confirm-remove = Удалить вопрос?
flash-test-invalid = Укажите название и ограничение от 1 до 240 минут.
flash-question-added = Вопрос добавлен.
err-question-prompt = Напишите вопрос (не длиннее 1000 символов).
err-question-points = Баллы — целое число от 1 до 100.
err-question-options = Укажите от 2 до 10 вариантов, по одному в строке.
err-question-correct = Укажите номера верных вариантов из списка (один — для одиночного выбора).
err-question-answer = Числовой ответ должен быть числом.
err-question-tolerance = Допуск — ноль или положительное число.
err-question-kind = Выберите тип вопроса.
attempt-my-tests = Ваши тесты
attempt-assign = Назначить тест
attempt-take = Вопросов (все)
attempt-pass-mark = Проходной %
attempt-shuffle = Перемешать
# $minutes is followed by an abbreviation.
attempt-time-limit = После начала у вас будет { $minutes } мин. Время идёт на нашей стороне, даже если закрыть страницу.
attempt-start = Начать тест
attempt-deadline = Ответы принимаются до
attempt-submit = Отправить ответы
attempt-submit-confirm = Отправить ответы? Изменить их потом будет нельзя.
attempt-status-invited = ждёт начала
attempt-status-started = идёт
attempt-status-submitted = отправлен, менеджер проверяет письменные ответы
attempt-status-graded = проверен
attempt-status-expired = время вышло
err-attempt-not-open = Этот тест сейчас не принимает ответы.
err-attempt-late = Время вышло: ответы после срока не принимаются.
err-attempt-question = Эти ответы не относятся к этому тесту.
flash-attempt-not-open = Этот тест уже закрыт.
flash-attempt-started = Время пошло. Удачи!
flash-attempt-submitted = Спасибо! Ответы приняты.
flash-test-assigned = Тест назначен; кандидат увидит его у себя на странице.
flash-assign-test = Выберите тест, в котором есть вопросы.
flash-assign-take = Число вопросов — от 1 до размера теста.
flash-assign-pass-mark = Проходной балл — процент от 0 до 100.
nav-grading = Проверка
grading-title = Письменные ответы на проверку
grading-empty-title = Проверять нечего
grading-empty-text = Здесь появятся письменные ответы из отборочных тестов.
grading-save = Сохранить оценку
flash-graded = Оценено.
flash-grading-closed = Этот ответ уже оценён или попытка закрыта.
flash-grading-points = Баллы — от 0 до баллов вопроса.
nav-policies = Политики
notif-hired-title = Добро пожаловать в команду!
notif-hired-body = Вы прошли отбор и теперь исполнитель { $company }. Укажите рабочие часы и выйдите на смену, чтобы получать предложения.
policies-title = Политики отбора
policies-empty-title = Политик пока нет
policies-empty-text = Политика определяет, какие тесты учитываются, с каким весом и кого принимать.
policies-new = Новый черновик политики
policies-weights = Тесты и их веса (0 — не учитывать)
policies-rule = Правило
policies-rule-top = Лучший процент когорты
policies-rule-min = Минимальный балл
policies-percent = Лучшие %
policies-threshold = Минимальный балл %
policies-window = Окно когорты, дней
policies-save-draft = Сохранить черновик
policies-activate = Активировать
policies-activate-confirm = Активировать политику? Она заменит действующую для новых решений и пересмотров.
policies-decide = Решить по действующей политике
policies-decide-confirm = Принять решения по всем оценённым кандидатам, ещё не принятым? Принятые станут исполнителями.
# $hired is read with "из", $changed after a colon.
policies-what-if = По этой политике будут приняты { $hired } из { $cohort ->
    [one] { $cohort } кандидата
   *[other] { $cohort } кандидатов
}; решений, отличных от сегодняшних: { $changed }.
policies-no-cohort-title = Оценённых кандидатов пока нет
policies-no-cohort-text = Кандидаты появятся здесь, когда их тесты будут проверены.
policies-rank = Место
policies-score = Балл
policies-would = Эта политика
policies-now = Сейчас
policies-hire = принять
policies-reject = отказать
# $percent is a percentage.
policy-rule-top = лучшие { $percent }%
# $score is a percentage.
policy-rule-min = не ниже { $score }%
policy-floor = порог
policy-status-draft = черновик
policy-status-active = действует
policy-status-retired = в архиве
flash-policy-no-tests = Задайте вес хотя бы одному тесту.
flash-policy-weight = Веса — целые числа от 1 до 100.
flash-policy-values = Проценты — от 0 до 100 (лучший процент — от 1).
flash-policy-activated = Политика действует.
flash-policy-not-draft = Активировать можно только черновик.
flash-decided = Решения приняты; принятые кандидаты стали исполнителями.
notif-test-assigned-title = Отборочный тест для вас: { $test }
notif-test-assigned-body = Пройдите «{ $test }» до { $until }. Время пойдёт, когда вы нажмёте «Начать».
funnel-title = Воронка найма
funnel-applied = подали заявку
funnel-tested = проходили тест
funnel-scored = оценены
funnel-hired-rejected = приняты / отказ
followup-link = Как работают принятые каждой версией
followup-title = Принятые по версиям политики
followup-help = Каждая версия, которая действовала: скольких кандидатов она рассмотрела и приняла и как работает каждый принятый — в эксперименте или нет. Оценки клиентов и баллы контроля качества — средние по всем их заказам; «работает» — всё ещё активный исполнитель через столько дней после найма.
followup-decided = рассмотрено
followup-hired = принято
followup-caption = Каждый принятый и его результаты, с итогами версии
followup-hired-at = Принят
followup-rating = Оценка клиентов
followup-ratings = Оценок
followup-qc = Балл контроля качества
followup-disputes = Споры
followup-withdrawals = Отказы от заказов
followup-recert = Переаттестация сдана / не сдана
followup-active-30 = Работает через 30 дней
followup-active-90 = Работает через 90 дней
followup-yes = да
followup-no = нет
followup-not-yet = пока неизвестно
followup-totals = Все принятые этой версией
followup-empty-title = Пока никого не приняли
followup-empty-text = Эта версия ещё никого не приняла; принятые появятся здесь вместе с результатами.
followup-none-title = Ни одна политика ещё не действовала
followup-none-text = Когда политику отбора активируют и она рассмотрит кандидатов, принятые появятся здесь.
attempt-saved = Ответы сохранены.
candidates-reevaluate = Пересмотреть
flash-reevaluate-nothing = Решения нет: у кандидата нет оценки по действующей политике.

## Supply
nav-stock = Склад
nav-packs = Комплекты
notif-stock-low-title = Заканчивается: { $item }
# $count follows a colon.
notif-stock-low-body = { $sku } { $item }: осталось { $count } — на уровне дозаказа или ниже. Пора заказать ещё.
notif-kit-short-title = Комплект для заказа №{ $id } ждёт поступления
notif-kit-short-body = На складе не хватает материалов для заказа «{ $service }», { $when }. Комплект соберётся сам после поступления товара.
notif-extra-requested-title = Запрос доп. материалов по заказу №{ $id }
notif-extra-requested-body = Исполнитель заказа «{ $service }» ({ $when }) просит дополнительные материалы. Одобрите или откажите.
notif-kit-ready-title = Комплект для заказа №{ $id } готов
notif-kit-ready-body = Заберите комплект для заказа «{ $service }», { $when }: { $place }. Подтвердите получение на странице заказа.
notif-extra-approved-title = Дополнительные материалы одобрены
# $count is a quantity before "×".
notif-extra-approved-body = Вам выдают { $count } × { $item } для заказа «{ $service }», { $when }.
notif-extra-refused-title = В дополнительных материалах отказано
# $count is a quantity before "×".
notif-extra-refused-body = Запрос { $count } × { $item } для заказа «{ $service }» отклонён: { $reason }
refuse-kit-not-ready = Комплект ещё не собран; мы сообщим, когда он будет готов.
refuse-unknown-consumable = Выберите материал из списка.
refuse-stock-negative = На складе недостаточно.
refuse-reason-required = Укажите причину.
refuse-already-decided = На этот запрос уже ответили.
refuse-bad-quantity = Введите целое число единиц (от 1 до 1 000 000).
refuse-bad-adjustment = Введите целое число: сколько добавить (например, 5) или списать (например, -3), не ноль.
flash-stock-received = Товар принят на склад.
flash-stock-adjusted = Остаток скорректирован.
flash-reorder-saved = Уровень дозаказа сохранён.
flash-material-saved = Состав комплекта сохранён.
flash-material-removed = Убрано из состава комплекта.
flash-extra-requested = Запрос отправлен менеджерам.
flash-extra-approved = Одобрено; материалы списаны со склада.
flash-extra-refused = Отказано; исполнитель узнает причину.
flash-kit-point-saved = Пункт выдачи сохранён; исполнитель с готовым комплектом узнает, куда идти.
refuse-unknown-pickup-point = Выберите один из пунктов выдачи.
refuse-kit-point-too-late = Комплект уже выдан или отменён; пункт выдачи больше не меняется.
stock-title = Склад
stock-lead = Каждое изменение — это движение: остаток всегда равен сумме истории.
stock-sku = Артикул
stock-name = Название
stock-unit = Ед.
stock-on-hand = Остаток
stock-reorder-level = Уровень дозаказа
stock-low = Мало
stock-ok = Норма
stock-receive = Принять
stock-adjust = Скорректировать
stock-quantity = Количество
stock-delta = Изменение (+/−)
stock-note = Примечание
stock-reason = Причина
stock-history = История
stock-add-title = Новый материал
stock-opening = Начальный остаток
stock-add = Добавить материал
stock-empty-title = Материалов пока нет
stock-empty-text = Добавьте материалы для комплектов, затем укажите состав комплекта у каждой услуги.
stock-confirm-adjust = Изменить остаток на это количество?
stock-low-count = { $count ->
    [one] { $count } материал на уровне дозаказа или ниже.
    [few] { $count } материала на уровне дозаказа или ниже.
   *[other] { $count } материалов на уровне дозаказа или ниже.
}
err-sku = От 2 до 32 латинских букв, цифр или дефисов.
err-sku-taken = Материал с таким артикулом уже есть.
err-unit = Укажите единицу, например «бутылка» или «шт.» (до 20 символов).
err-level = Введите целое число от 0 до 1 000 000.
movements-title = Движения по складу
movements-empty = Нет подходящих движений.
movement-kind = Вид
movement-kind-receipt = Поступление
movement-kind-pack = В комплект
movement-kind-adjustment = Корректировка
movement-kind-return = Возврат
movement-kind-extra = Доп. к заказу
movement-order = Заказ
movement-by = Кто
movement-at = Когда
movement-all-items = Все материалы
movement-all-kinds = Все виды
movement-filter = Показать
packs-title = Комплекты
packs-lead = Для каждого назначенного заказа собирается комплект с печеньем с предсказанием из пекарни.
pack-status = Комплект
pack-status-pending = Ждёт сборки
pack-status-short = Ждёт поступления
pack-status-reserved = Ждёт печенья
pack-status-packed = Готов к выдаче
pack-status-issued = Выдан
pack-status-cancelled = Отменён
pack-order = Заказ
pack-worker = Исполнитель
pack-items = Состав
pack-cookie = Печенье с предсказанием
pack-fallback = из местного списка (пекарня недоступна)
pack-no-items = Только печенье с предсказанием
pack-pickup-point = Пункт выдачи
pack-point-save = Перенести
# $count follows a colon.
pack-attempts = Попыток в пекарню: { $count }
packs-empty-title = Комплектов нет
packs-empty-text = Комплекты появляются, когда заказ назначен исполнителю.
extras-title = Запросы дополнительных материалов
extras-empty = Нет ожидающих запросов.
extra-approve = Одобрить
extra-refuse = Отказать
extra-refuse-reason = Причина отказа
extra-confirm-approve = Списать эти материалы со склада для исполнителя?
extra-ask-title = Нужно больше?
extra-item = Материал
extra-note = Комментарий для менеджера
extra-ask = Запросить
extra-status-pending = ждёт ответа менеджера
extra-status-approved = одобрено
extra-status-refused = отказано
materials-title = Состав комплекта
materials-lead = Что берётся со склада на один заказ этой услуги.
materials-empty = Со склада ничего: в комплекте только печенье с предсказанием.
materials-per-order = На заказ
materials-add = Добавить или изменить
materials-remove = Убрать
kit-packing = Ваш комплект собирается. Мы сообщим, когда он будет готов.
kit-short = Комплект ждёт поступления материалов; мы сообщим, когда он будет готов.
kit-ready-at = Готов к выдаче: { $place }

# Password asked again before a sensitive action
reauth-title = Подтвердите пароль
reauth-lead = Для этого изменения нужен пароль: вы вводили его давно. После подтверждения повторите изменение.
reauth-submit = Подтвердить
flash-reauth-needed = Сначала подтвердите пароль. Пока ничего не изменено.
flash-reauth-done = Пароль подтверждён. Теперь можно внести изменение.
err-password-wrong-plain = Пароль неверен.

# The client's order list tabs
tabs-orders = Заказы по состоянию
tab-active = Открытые
tab-waiting = Ждут исполнителя
tab-scheduled = Запланированы
tab-in-progress = В работе
tab-to-sign = На подпись
tab-disputed = Спорные
tab-completed = Выполнены
tab-cancelled = Отменены
tab-all = Все
client-empty-tab-title = Здесь пусто
client-empty-tab-text = Заказов в этом состоянии нет. Остальные — на других вкладках или во «Всех».

# The worker's job page: what the job asks for
job-options = Заказанные дополнения
job-client-notes = Заметки клиента
refuse-start-too-early = Начинать эту работу ещё рано: её можно начать незадолго до назначенного времени.
job-quick-report-confirm = Вы начали эту работу всего несколько минут назад. Она правда готова? Отправить отчёт?

# One mail in the admin queue
mail-title = Письмо
mail-when = Отправлено / следующая попытка
mail-sent-at = Отправлено
mail-from = От
mail-kind = Вид
mail-created = В очереди с
mail-last-error = Последняя ошибка
mail-text = Текст
admin-confirm-grant = Выдать это право?
admin-confirm-revoke = Забрать это право?

# Password recovery
login-forgot = Забыли пароль?
forgot-title = Сброс пароля
forgot-lead = Введите email, с которым вы входите. Мы пришлём ссылку, чтобы задать новый пароль.
forgot-submit = Прислать ссылку
forgot-sent = Если этот email принадлежит аккаунту, ссылка для нового пароля уже в пути. Она действует один раз и один час.
forgot-back-to-login = Вернуться ко входу
reset-title = Новый пароль
reset-new-password = Новый пароль
reset-submit = Сохранить новый пароль
reset-dead-link = Эта ссылка уже использована или устарела.
reset-ask-again = Запросить новую ссылку
flash-password-reset = Пароль изменён, все другие сеансы завершены. Войдите, пожалуйста.
notif-password-reset-title = Сброс пароля { $company }
notif-password-reset-body = Кто-то, надеемся вы, попросил сбросить ваш пароль. Ссылка ниже действует один раз и один час. Если это были не вы, просто не обращайте внимания: пароль останется прежним.
attempt-submit-unanswered = { $count ->
    [one] { $count } вопрос пока без ответа.
    [few] { $count } вопроса пока без ответа.
   *[other] { $count } вопросов пока без ответа.
} Всё равно отправить? Изменить ответы потом будет нельзя.
attempt-time-up = Время вышло.
price-qc-adjustment = Снижено контролем качества
price-final = Итоговая цена

# Invitations
notif-invitation-title = Приглашение в { $company }
notif-invitation-body = Вас пригласили в { $company } — роль: { $role }. Откройте ссылку ниже в течение недели, чтобы задать пароль.
nav-invitations = Приглашения
invite-title = Приглашения
invite-new = Пригласить
invite-send = Отправить приглашение
invite-by = Пригласил
invite-sent-times = { $count ->
    [one] отправлено { $count } раз
    [few] отправлено { $count } раза
   *[other] отправлено { $count } раз
}
invite-accepted = Принято
invite-revoked = Отозвано
invite-expired = Истекло: отправьте заново, чтобы обновить ссылку
invite-open-until = Действует до
invite-resend = Отправить заново
invite-revoke = Отозвать
invite-revoke-confirm = Отозвать приглашение? Его ссылка перестанет работать.
invite-empty-title = Приглашений пока нет
invite-empty-text = Приглашайте исполнителей, менеджеров или клиентов по email: пароль они зададут сами по ссылке.
flash-invite-sent = Приглашение отправлено.
flash-invite-resent = Новая ссылка отправлена, старая больше не работает.
flash-invite-revoked = Приглашение отозвано.
flash-invite-closed = Это приглашение уже принято или отозвано.
flash-invite-email-in-use = Этот email уже принадлежит аккаунту.
invite-accept-title = Добро пожаловать в { $company }
invite-accept-lead = Вас пригласили с ролью «{ $role }» на адрес { $email }. Укажите имя, которое увидят другие, и пароль.
invite-accept-submit = Присоединиться
invite-dead-link = Эта ссылка-приглашение использована, отозвана или устарела. Попросите пригласившего отправить новую.
flash-invite-welcome = Добро пожаловать! Аккаунт готов.

# Первая настройка
setup-title = Настройка
setup-lead = Администратора пока нет. Создайте первую учётную запись администратора: он управляет бизнесом, сотрудниками и настройками.
setup-admin-legend = Первый администратор
setup-business-legend = Настройки бизнеса
setup-time-zone = Часовой пояс
setup-currency = Валюта
setup-language = Язык по умолчанию
setup-business-hint = Сначала действуют эти значения. На следующей странице вы укажете название компании, её языки, часовой пояс, валюту, часы работы и цены.
setup-submit = Создать администратора
setup-refused = Эта ссылка настройки не действует: она использована, устарела или неверна, либо бизнес уже настроен. Если администратора ещё нет, перезапустите сервер, чтобы получить новую ссылку.
setup-refused-login = Войти
flash-setup-done = Учётная запись администратора готова, вы вошли.
setup-next-title = Что настроить дальше
setup-next-lead = Настройки компании сохранены. Дальше — эти страницы:
setup-next-matching-link = Настройки подбора
setup-next-matching = как работы находят исполнителей: стратегия, попытки и дневные лимиты.
setup-next-services-link = Услуги
setup-next-services = что могут заказать клиенты: цены, длительность и нужные навыки.
setup-next-stock-link = Склад
setup-next-stock = расходники, из которых собираются наборы.
setup-next-screening-link = Правила отбора
setup-next-screening = правило по умолчанию действует с самого начала: принимает кандидатов из лучших 3 % с результатом выше 50 % и отклоняет остальных; проверьте его до прихода кандидатов.
setup-next-invitations-link = Приглашения
setup-next-invitations = пригласите менеджеров и исполнителей по email.
setup-next-done = На главную администратора
mail-text-hidden = В этом письме одноразовая ссылка только для получателя, поэтому текст не показан.

# What each kind of notification is called on the email preferences page
notif-welcome-pref = Приветствие нового аккаунта
notif-password-reset-pref = Ссылки для сброса пароля
notif-invitation-pref = Приглашения
notif-mail-dead-pref = Письма, которые не удалось доставить
notif-backup-failed-pref = Неудачные резервные копии
notif-order-received-pref = Заказ принят
notif-order-assigned-pref = Исполнитель назначен
notif-order-started-pref = Работа началась
notif-order-reported-pref = Отчёт исполнителя ждёт подписи
notif-order-completed-pref = Заказ выполнен
notif-order-cancelled-pref = Заказ отменён
notif-offer-new-pref = Новые предложения работы
notif-offer-expired-pref = Истёкшие предложения
notif-job-assigned-pref = Назначенные вам работы
notif-job-cancelled-pref = Отмена ваших работ
notif-order-to-assign-pref = Заказы без исполнителя
notif-offer-declined-pref = Отклонённые предложения
notif-order-disputed-pref = Спорные заказы
notif-order-unassigned-pref = Заказы, которым не нашёлся исполнитель
notif-test-assigned-pref = Назначенные тесты
notif-hired-pref = Решения о найме
notif-stock-low-pref = Заканчиваются материалы
notif-kit-short-pref = Комплекты, которым не хватает материалов
notif-extra-requested-pref = Запросы дополнительных материалов
notif-kit-ready-pref = Комплект готов
notif-extra-approved-pref = Дополнительные материалы одобрены
notif-extra-refused-pref = В дополнительных материалах отказано
notif-invoice-issued-pref = Новые счета
notif-payment-succeeded-pref = Полученные оплаты
notif-payment-failed-pref = Отклонённые оплаты
notif-payment-retry-failed-pref = Неудачные повторные оплаты
notif-charge-failed-pref = Неудачные списания
notif-payout-sent-pref = Отправленные выплаты
notif-payout-failed-pref = Неудачные выплаты
notif-daily-earnings-pref = Ежедневная сводка заработка
notif-fine-or-bonus-pref = Штрафы и премии
notif-review-assigned-pref = Назначенные вам проверки качества
# hiring
notif-recert-assigned-pref = Тесты для переаттестации
notif-recert-due-soon-pref = Скоро срок переаттестации
notif-recert-decided-pref = Результаты переаттестации
notif-candidate-rejected-pref = Итог рассмотрения вашей заявки
client-empty-open-title = Открытых заказов нет
client-empty-open-text = Новые заказы видны здесь, пока не выполнены или не отменены; во «Всех» — каждый заказ. «Новый заказ» — чтобы заказать услугу.
candidates-skills = Предлагаемые услуги
candidates-status-applied = Заявка
candidates-status-testing = Тестирование
candidates-status-hired = Принят
candidates-status-rejected = Отказ

# The audit log's actions in words
audit-system = система
audit-action-user-role = Изменена роль
audit-action-user-permission = Выдано или забрано право
audit-action-user-deactivate = Аккаунт отключён
audit-action-user-reactivate = Аккаунт снова включён
audit-action-user-skills = Изменены навыки исполнителя
audit-action-user-invite = Отправлено приглашение
audit-action-user-invite-resend = Приглашение отправлено заново
audit-action-user-invite-revoke = Приглашение отозвано
audit-action-user-invite-accept = Приглашение принято
audit-action-user-setup = Первый администратор создан по ссылке настройки
audit-action-billing-adjustment = Проведён штраф, премия или корректировка
audit-action-billing-pricing = Изменены комиссия или скидки
audit-action-billing-promo-created = Создан промокод
audit-action-billing-promo-active = Промокод включён или выключен
audit-action-billing-refund = Возврат по заказу
audit-action-mail-retry = Письмо отправлено повторно
audit-action-matching-settings = Изменены настройки подбора
audit-action-qc-review = Решение по проверке качества
audit-action-screening-activate = Включена политика отбора
# bets: conflict of interest
refuse-stake-holder = У вас есть ставка на этот заказ, поэтому решение принимает другой менеджер.
flash-bet-acted = Вы уже действовали по этому заказу, поэтому ставить на него нельзя.
bets-log = Журнал доступа
bets-log-lead = Каждый просмотр страниц ставок и каждая ставка, сначала новые: кто, что и когда.
bets-log-empty = Журнал пока пуст
bets-log-what = Что
bets-log-view-index = Открыл страницу ставок
bets-log-view-standings = Посмотрел итоги
bets-log-view-log = Открыл этот журнал
bets-log-view-book = Посмотрел ставки на заказ №{ $id }
bets-log-bet = Ставка на заказ №{ $id }: { $proposition }
bets-void-one-sided = аннулировано: никто не поставил на другой исход
bets-void-no-rating = аннулировано: клиент не поставил оценку
bets-void-not-reviewed = аннулировано: контроль качества не выбрал этот заказ для проверки
bets-void-cancelled = аннулировано: заказ отменён, оценивать было нечего
bets-void-no-outcome = аннулировано: исход невозможно узнать

# hiring: re-certification of workers and screening that runs by itself
excl-not-certified = переаттестация по этой услуге не пройдена или просрочена
cert-status-certified = Аттестован
cert-status-testing = Идёт переаттестация
cert-status-failed = Не пройдена
cert-status-overdue = Просрочена
cert-off-matching = предложений по этой услуге не будет до сдачи
cert-overridden = допущен менеджером
cert-open-text = Вас ждёт тест для переаттестации. Время пойдёт, когда вы нажмёте «Начать».
cert-take-test = Открыть тест
cert-title = Аттестация
cert-empty-title = Аттестаций пока нет
cert-empty-text = Каждая ваша услуга подтверждается тестом; здесь видны её статус и срок следующей переаттестации.
cert-valid-until = Следующая переаттестация до
cert-score = Последний результат
cert-history = Пройденные тесты
cert-history-empty = Тестов для переаттестации пока не было.
cert-service = Услуга
cert-override = Всё равно допустить
cert-override-reason = Причина допуска
cert-assign = Назначить тест для переаттестации
cert-no-tests = Ни у одной из этих услуг ещё нет теста: сначала создайте тест для услуги (раздел «Тесты»).
worker-profile-title = Мой профиль
nav-workers = Исполнители
workers-empty-title = Исполнителей пока нет
workers-empty-text = Здесь появятся кандидаты, принятые по политике отбора.
flash-recert-open = Тест для переаттестации по этой услуге уже открыт.
flash-recert-reason = Укажите причину длиной от 3 до 500 символов.
flash-recert-not-blocked = Эта аттестация не снимает исполнителя с подбора.
flash-recert-assigned = Тест назначен, исполнитель получит уведомление.
flash-recert-overridden = Исполнитель снова участвует в подборе по этой услуге до следующего решения.
audit-action-recert-assign = Назначен тест для переаттестации
audit-action-recert-override = Допуск несмотря на переаттестацию
notif-recert-assigned-title = Переаттестация: { $service }
notif-recert-assigned-body = Пройдите тест «{ $test }» до { $until }, чтобы сохранить аттестацию по услуге «{ $service }». Время пойдёт, когда вы нажмёте «Начать».
notif-recert-due-soon-title = Скоро срок переаттестации: { $service }
notif-recert-due-soon-body = Переаттестацию по услуге «{ $service }» нужно пройти до { $until }. Если не успеете, предложения по этой услуге приостановятся до сдачи.
# $score is a percentage after "результат".
notif-recert-decided-title = { $outcome ->
    [passed] Переаттестация по услуге «{ $service }» пройдена
    [failed] Переаттестация по услуге «{ $service }» не пройдена
   *[overdue] Переаттестация по услуге «{ $service }» просрочена
}
notif-recert-decided-body = { $outcome ->
    [passed] Отлично: результат { $score } %. Вы аттестованы по услуге «{ $service }» до { $until }.
    [failed] Ваш результат { $score } %. Предложения по услуге «{ $service }» приостановлены до сдачи; менеджер назначит вам новый тест.
   *[overdue] Тест не был пройден до { $until }. Предложения по услуге «{ $service }» приостановлены до сдачи.
}
notif-candidate-rejected-title = Спасибо за вашу заявку в { $company }
# $why — что решило дело: результату ниже минимума не говорим, что места получили лучшие.
notif-candidate-rejected-body = Спасибо, что уделили время нашему отбору. { $why ->
        [below-floor] В этот раз мы не можем предложить вам место: ваш результат не достиг минимума, который мы требуем от каждого нового исполнителя.
        [below-threshold] В этот раз мы не можем предложить вам место: ваш результат не достиг проходного балла этого отбора.
       *[outside-top-share] В этот раз мы не можем предложить вам место: места получили лучшие результаты среди недавних кандидатов.
    } Это ничего не говорит о вас как о человеке, и вы можете подать заявку снова через несколько месяцев. Желаем вам удачи!

# Orders (issue 19): withdrawing from a job, the job board, history, client phone, notices
withdraw-link = Не можете выполнить работу? Отказаться
withdraw-title = Отказаться от работы
withdraw-explain = Работа вернётся в подбор, её возьмёт другой исполнитель; вам её больше не предложат. Комплект остаётся за заказом. Если вы уже получили комплект, передать работу может только менеджер.
withdraw-late = Работа скоро начинается: клиенту сообщат, а контроль качества рассмотрит этот отказ.
withdraw-reason = Почему вы не можете её выполнить
withdraw-confirm = Отказаться от работы
flash-job-withdrawn = Вы отказались от работы. Она вернулась в подбор.
flash-withdraw-reason = Укажите причину отказа (до 500 символов).
refuse-withdraw-kit-taken = Комплект уже у вас: попросите менеджера передать работу.
refuse-worker-withdrew = Этот исполнитель отказался от заказа, повторно его не назначают.
notif-job-withdrawn-title = Исполнитель отказался от заказа №{ $id }
notif-job-withdrawn-body = «{ $service }», { $when } — снова в подборе. Причина: { $reason }
notif-job-withdrawn-pref = Отказы исполнителей от работ
notif-order-at-risk-title = Заказ №{ $id }: ищем другого исполнителя
notif-order-at-risk-body = Ваш исполнитель не сможет прийти на «{ $service }», { $when }. Мы ищем другого и сообщим, кто придёт.
notif-order-at-risk-pref = Исполнитель не сможет прийти
notif-order-signed-title = Заказ №{ $id } подписан
notif-order-signed-body = Клиент подписал отчёт о работе «{ $service }», { $when }.
notif-order-signed-pref = Клиент подписал ваш отчёт
notif-order-refused-title = Клиент не подписал заказ №{ $id }
notif-order-refused-body = Клиент отказался подписать отчёт о работе «{ $service }», { $when }. Контроль качества разберётся.
notif-order-refused-pref = Клиент отказался подписать
notif-kit-local-fortune-title = В комплект к заказу №{ $id } положено местное предсказание
notif-kit-local-fortune-body = Пекарня не ответила, поэтому в комплект для «{ $service }», { $when } положено предсказание из местного списка.
notif-kit-local-fortune-pref = Комплекты с местным предсказанием (пекарня не отвечает)
notif-order-refunded-title = Возврат по заказу №{ $id }
notif-order-refunded-body = По заказу «{ $service }», { $when } возвращено { $amount }. Причина: { $reason }
notif-order-refunded-pref = Возвраты
notif-price-adjusted-title = Новая цена заказа №{ $id }
notif-price-adjusted-body = Контроль качества установил цену «{ $service }», { $when }: { $total }.
notif-price-adjusted-pref = Изменения цены
notif-payout-held-pref = Выплаты, ждущие карту
notif-balance-adjusted-pref = Изменения баланса
notif-order-not-placed-pref = Заказы, для которых не нашёлся исполнитель
nav-board = Свободные работы
board-title = Свободные работы
board-explain = Заказы, которым ещё нужен исполнитель и которые вы можете взять: вы на смене, умеете это делать, свободны в это время (с учётом дороги) и не превысили дневной лимит. Кто первый возьмёт — тому и достанется.
board-empty-title = Свободных работ нет
board-empty-text = Здесь появляются заказы, которым нужен исполнитель и которые подходят вам по навыкам и часам, пока вы на смене.
board-volunteer = Беру
board-volunteer-confirm = Взять эту работу? Она сразу станет вашей.
board-open = Открыть для желающих
flash-board-taken = Работа ваша.
flash-board-opened = Заказ на доске свободных работ: его получит первый подходящий исполнитель, который возьмёт.
flash-board-already = Заказ уже на доске свободных работ.
refuse-board-taken = Эту работу уже взял кто-то другой или её больше нет на доске.
refuse-board-off-duty = Выйдите на смену, чтобы брать работы с доски.
refuse-board-not-eligible = Эта работа не подходит вам по навыкам или рабочим часам.
refuse-board-not-waiting = Открыть для желающих можно только заказ, который ждёт исполнителя.
audit-action-matching-board-open = Заказ открыт для желающих
nav-history = История
history-title = История работ
history-filter = Показать
history-all = Все
history-upcoming = Предстоящие
history-completed = Выполненные
history-cancelled = Отменённые
history-disputed = Спорные
history-withdrawn = Отказы
history-you-withdrew = Вы отказались
history-empty-title = Здесь пока пусто
history-empty-text = Здесь хранятся все ваши работы: взятые, выполненные, отменённые и те, от которых вы отказались.
profile-phone = Телефон
profile-phone-help = В международном формате, например +7 916 123-45-67. Исполнитель видит его с момента назначения до завершения работы и никогда после. Оставьте пустым, чтобы удалить.
flash-phone-invalid = Укажите телефон в международном формате: + и код страны, от 8 до 15 цифр (например, +7 916 123-45-67).
job-call-client = Позвонить клиенту: { $phone }
cancel-returns = Что вернулось из комплекта
cancel-returns-help = Работа уже началась: укажите, сколько каждого предмета вернулось на склад. Остальное учтём как израсходованное.
# $issued follows a colon-like dash and is a figure.
cancel-returns-issued = выдано { $issued } { $unit }, вернулось:
flash-returned-invalid = Количество возвращённого — целое число от 0.
# $round and $attempt are numbers that name, not counts; $considered follows a colon.
matching-sentence-volunteer = Взято с доски свободных работ: { $worker } вызвался и прошёл все правила — на смене, умеет, в рабочие часы, свободен с учётом дороги, в пределах дневного лимита, не заблокирован, не отказывался и не снимался с заказа ({ $eligible ->
    [one] { $eligible } подходящий исполнитель
    [few] { $eligible } подходящих исполнителя
   *[other] { $eligible } подходящих исполнителей
} на тот момент; рассмотрено: { $considered }); настройки v{ $settings }, раунд { $round }, шаг { $attempt }.
