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
nav-login = Войти
nav-logout = Выйти
nav-register = Регистрация
footer-tagline = услуги на дому, сделанные как следует
home-hello = Здравствуйте, { $name }!
pagination = Страницы
pagination-prev = Назад
pagination-next = Вперёд
pagination-position = Страница { $page } из { $last }
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
landing-lead = Закажите уборку и другие услуги за минуту. Проверенный исполнитель приедет с собранным набором, выполнит работу и отчитается; вы подпишете, когда всё понравится.
landing-cta-client = Заказать услугу
landing-cta-worker = Стать исполнителем
landing-have-account = Уже с нами?
landing-step-order = Заказ
landing-step-order-text = Выберите услугу, адрес и удобное время. Цена видна до подтверждения.
landing-step-match = Подбор
landing-step-match-text = Мы предложим заказ проверенному исполнителю, в первую очередь вашим любимым.
landing-step-kit = Набор
landing-step-kit-text = Склад соберёт всё нужное для работы — и печенье с предсказанием для вас.
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
flash-welcome = Добро пожаловать в Whiskerworks! Аккаунт готов.
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
mail-signature = Whiskerworks
notif-welcome-title = Добро пожаловать в Whiskerworks
notif-welcome-body = Ваш аккаунт готов. Входите в любое время, чтобы заказывать услуги и следить за ними.
notif-mail-dead-title = Письмо не доставлено
notif-mail-dead-body = Письмо №{ $id } для { $to } не доставлено после последней попытки. Проверьте настройки почты и повторите отправку из очереди.

## Admin
admin-overview-title = Обзор
admin-jobs = Фоновые задачи
admin-jobs-running = Работают.
admin-jobs-stopped = В этом процессе не запущены.
admin-jobs-last-run = Последняя сверка
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
err-429-text = В целях безопасности вход временно приостановлен. Подождите 15 минут и попробуйте снова.
err-500-title = Что-то пошло не так
err-500-text = У нас произошла непредвиденная ошибка. Она записана в журнал; попробуйте через минуту.
