nav-quality = Качество
nav-insights = Выводы
qc-open-count = { $count ->
    [one] { $count } открытая проверка
    [few] { $count } открытые проверки
    [many] { $count } открытых проверок
   *[other] { $count } открытой проверки
}
qc-title = Контроль качества
qc-any-status = Открытые и завершённые
qc-status-open = Открыта
qc-status-done = Завершена
qc-reason = Причина
qc-any-reason = Любая причина
qc-reason-cancelled = Отмена
qc-reason-disputed = Спор
qc-reason-sample = Случайная выборка
qc-reason-withdrawn = Поздний отказ
qc-assignee = Проверяющий
qc-anyone = Все
qc-mine = Мои
qc-unassigned = Не назначены
qc-empty = Проверять нечего
qc-empty-help = Здесь появляются отменённые и спорные заказы и случайная выборка выполненных.
qc-order = Заказ
qc-people = Клиент / исполнитель
qc-due = Срок
qc-no-history = Других заказов нет.
qc-no-scores = нет оценок
qc-overall = Всего
qc-previous = Прошлый период
qc-recent = Последний период
qc-trend = Динамика
qc-score-qc = Оценка ОКК
qc-score-rating = Оценка клиента
qc-decision = Решение
qc-resolution = Исход спора
qc-resolve-complete = Завершить по полной цене
qc-resolve-adjust = Завершить по сниженной цене
qc-resolve-cancel = Отменить с возвратом
qc-fine = Штраф исполнителю
qc-bonus = Премия исполнителю
qc-assign = Назначить проверяющего
qc-decide = Ваша проверка
qc-confirm = Отправить проверку? Штрафы, премии и исход спора проводятся сразу и здесь не отменяются.
qc-score = Оценка (1 — плохо, 5 — отлично)
qc-findings = Выводы
qc-money-help = Оставьте пустым, если не нужно. Исполнитель увидит сумму и ваши выводы как причину.
qc-new-price = Новая цена (только для сниженной цены)
qc-resolution-help = При сниженной цене клиенту возвращается разница; при отмене — всё, что было начислено за заказ.
qc-submit = Отправить проверку
qc-review = Проверка заказа
qc-open-order = Открыть страницу заказа
qc-dispute-reason = Почему клиент отказался подписать
qc-client-history = Другие заказы клиента
qc-worker-quality = Качество исполнителя
qc-worker-history = Другие работы исполнителя
qc-no-worker = Исполнителя у заказа не было.
# $cancelled and $orders read as "N of M".
insight-cancellations = { $service }: отменено { $rate } заказов ({ $cancelled } из { $orders }).
# $count follows a colon.
insight-falling-rating = { $worker }: средняя оценка клиентов упала с { $before } до { $now } (оценок: { $count }).
# $count follows a colon.
insight-falling-qc = { $worker }: средняя оценка ОКК упала с { $before } до { $now } (проверок: { $count }).
# $count follows a colon.
insight-shortages = { $service }: не удалось собрать комплектов из-за нехватки: { $count }.
# $hour is a clock time; $minutes is followed by an abbreviation; $orders follows a colon.
insight-slow-matching = Заказы, оформленные в { $hour }, ждали исполнителя в среднем { $minutes } мин (заказов: { $orders }).
# $count follows a dash, as a figure.
insight-disputes = { $client }: спорных заказов — { $count }.
insights-window = { $days ->
    [one] За последний { $days } день
    [few] За последние { $days } дня
   *[other] За последние { $days } дней
} (с { $since }).
insights-none = Ничего не выделяется
insights-none-help = Рекомендации появятся, когда отмены, оценки, нехватки, время подбора или споры превысят пороги.
insights-rows = Показать строки
insights-hours = Время подбора по часу оформления
insights-no-hours = За этот период заказы не назначались.
insights-hour = Час
insights-orders = Заказы
insights-avg-wait = Среднее ожидание, мин
insights-thresholds = Пороги
# $rate is a percentage.
insights-t-cancel = Услуга попадает в список, если отменено не меньше { $rate }% заказов (от { $orders ->
    [one] { $orders } заказа
   *[other] { $orders } заказов
}).
# $points is a decimal score (genitive singular reads right).
insights-t-drop = Исполнитель попадает в список, если средняя оценка упала на { $points } балла или больше.
insights-t-shortages = Услуга попадает в список после { $count ->
    [one] { $count } несобранного комплекта
   *[other] { $count } несобранных комплектов
}.
# $minutes is followed by an abbreviation.
insights-t-matching = Час попадает в список, если заказы ждут исполнителя { $minutes } мин или дольше.
insights-t-disputes = Клиент попадает в список после { $count ->
    [one] { $count } спора
   *[other] { $count } споров
}.
flash-review-closed = Эта проверка уже завершена; ничего не изменено.
flash-review-reviewer = Выберите активного менеджера проверяющим.
flash-review-due = Срок должен быть в будущем.
flash-review-assign-invalid = Выберите проверяющего и срок.
flash-review-assigned = Проверяющий назначен и уведомлён.
flash-review-done = Проверка сохранена.
err-review-score = Выберите оценку от 1 до 5.
err-review-findings = Опишите выводы (до 2000 символов).
err-review-amount = Штраф или премия — положительная сумма не больше 1 000 000.
err-review-no-worker = У заказа не было исполнителя — штрафовать или премировать некого.
err-review-not-disputed = Решить можно только спорный заказ.
err-review-resolution = Выберите исход спора.
err-review-price = Сниженная цена должна быть ниже цены заказа и не меньше нуля.
notif-review-assigned-title = Проверьте заказ №{ $id }
notif-review-assigned-body = Вас назначили проверить заказ №{ $id }.
qc-review-link = Проверка качества
qc-score-kind = Оценка
