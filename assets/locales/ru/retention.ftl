# Хранение персональных данных и список первых шагов администратора.
retention-file-removed = удалено по правилам хранения данных
retention-signature-removed = Изображение подписи удалено по правилам хранения данных.
audit-action-user-anonymise = Закрытая учётная запись обезличена
audit-action-retention-pass = Персональные данные удалены (срок хранения)

checklist-title = Первые шаги
checklist-intro = Что новая компания настраивает до первого настоящего заказа. Список исчезнет, когда всё будет готово.
checklist-done = Готово
checklist-todo = Сделать
checklist-services = Услуги в каталоге
checklist-stock = Запасы и нормы расхода
checklist-staff = Приглашены сотрудники
checklist-skills = Навыки заведены, и они есть у исполнителей
checklist-hours = Часы работы и карты для выплат у исполнителей
checklist-screening = Правила отбора просмотрены
checklist-screening-default = По умолчанию раз в день кандидаты, прошедшие тесты за последние 90 дней, ранжируются, и принимаются лучшие 3 %, но не ниже 50 %; остальным отказывают.
checklist-order = Первый пробный заказ
checklist-go = Открыть
