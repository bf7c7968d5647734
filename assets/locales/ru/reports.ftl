reports-period = Период
reports-preset-today = Сегодня
reports-preset-week = Эта неделя
reports-preset-month = Этот месяц
reports-preset-year = Этот год
reports-preset-custom = Свой период
reports-from = С
reports-to = По
reports-show = Показать
reports-compared-with = в сравнении с
reports-err-preset = Такого периода нет; показан текущий месяц.
reports-err-date = Укажите обе даты в виде ГГГГ-ММ-ДД; показан текущий месяц.
reports-err-reversed = Дата начала позже даты конца; показан текущий месяц.
reports-err-too-long = Свой период — не больше десяти лет; показан текущий месяц.
reports-orders = Заказы
reports-placed = Оформлено заказов
reports-open = В работе
reports-completion-rate = Доля выполненных
reports-cancellation-rate = Доля отменённых
reports-median-match = Медиана до назначения
reports-median-complete = Медиана до выполнения
# $value is a figure in the stat's own format.
reports-was = было { $value }
# $m is followed by an abbreviation.
reports-duration-m = { $m } мин
# $h and $m are followed by abbreviations.
reports-duration-hm = { $h } ч { $m } мин
# $d and $h are followed by abbreviations.
reports-duration-dh = { $d } д { $h } ч
reports-step-day = День
reports-step-week = Неделя с
reports-step-month = Месяц
reports-orders-chart = Заказы по периодам ({ $step }), по статусам
reports-orders-chart-desc = Столбцы { $count ->
    [one] { $count } заказа
   *[other] { $count } заказов
} периода, разбитые по текущему статусу.
reports-revenue-chart = Выставлено за работу по периодам ({ $step })
reports-revenue-chart-desc = Столбцы выставленного за работу, всего { $total }.
reports-data-table = Показать числа таблицей
reports-total = Итого
reports-by-status = Заказы по статусам
reports-status = Статус
reports-this-period = Этот период
reports-previous-period = Прошлый период
reports-money = Деньги
reports-revenue = Выставлено за работу
reports-commission = Комиссия компании
reports-payments = Получено от клиентов
reports-refunds = Возвраты
reports-payouts = Выплачено исполнителям
reports-fines = Штрафы
reports-bonuses = Премии
reports-now = Сейчас
reports-receivables = { $count ->
    [one] К получению: { $count } неоплаченный счёт
    [few] К получению: { $count } неоплаченных счёта
   *[other] К получению: { $count } неоплаченных счетов
}
reports-overdue = { $count ->
    [one] Просрочено: { $count } счёт
    [few] Просрочено: { $count } счёта
   *[other] Просрочено: { $count } счетов
}
reports-quality = Качество
reports-rating-avg = Средняя оценка клиентов
reports-qc-avg = Средний балл ОКК
# $ratings and $reviews are shown after colons.
reports-scores-counted = Оценок клиентов за период: { $ratings }, проверок ОКК: { $reviews }.
reports-stock = Запасы
reports-stock-ok = Все расходники выше уровня дозаказа, комплектов в ожидании нет.
# $on_hand and $reorder are quantities followed by their unit or in brackets.
reports-stock-low = осталось { $on_hand } { $unit } (дозаказ при { $reorder })
# $count follows a colon.
reports-short-kits = Комплектов в ожидании запасов: { $count }
reports-hiring = Воронка найма
reports-hiring-empty = За период заявок нет
reports-hiring-empty-text = Здесь появятся кандидаты, подавшие заявку, по версиям политики отбора.
reports-funnel-title = Кандидаты от заявки до найма
# $applied and $hired are shown after colons.
reports-funnel-desc = Кандидатов, подавших заявку за период: { $applied }; нанято: { $hired }.
reports-funnel-by-policy = По версиям политики отбора
reports-policy = Политика
# $version names a version.
reports-policy-version = Версия { $version }
reports-no-policy = Политики ещё нет
reports-applied = Заявки
reports-tested = Прошли тест
reports-decided = Решение
reports-hired = Наняты
reports-exports = Выгрузки
reports-exports-help = CSV за выбранный период; время — в часовом поясе компании, суммы — в копейках.
reports-export-orders = Заказы
reports-export-ledger = Проводки
reports-export-invoices = Счета
reports-export-payouts = Выплаты
summary-title = Ваши показатели
summary-open-orders = Активные заказы
summary-completed-orders = Выполненные заказы
summary-spend-month = Потрачено в этом месяце
summary-spend-total = Потрачено всего
# $count is shown after a colon.
summary-open-invoices = Открытых счетов: { $count }
summary-upcoming-jobs = Предстоящие работы
summary-jobs-month = Выполнено в этом месяце
summary-earned-month = Заработано в этом месяце
# $count is shown after a colon.
summary-rating = Оценка (отзывов: { $count })
summary-payouts = Последние выплаты

# The money words, each defined once (the glossary under the dashboard's and billing's figures)
terms-title = Что означают эти цифры
term-billed-def = Выполненные заказы и плата за отмену по цене, выставленной клиентам.
term-commission-def = Доля компании в выставленном за работу; остальное — заработок исполнителей.
term-collected-def = Оплаты картами, полученные от клиентов.
term-refunds-def = Деньги, возвращённые клиентам после спора или отмены.
term-paid-def = Ежемесячные выплаты на карты исполнителей.
term-fines-def = Удержания из заработка исполнителей по итогам контроля качества.
term-bonuses-def = Прибавки к заработку исполнителей.
archive-csv = Скачать CSV
balances-title = Остатки на конец дня
balances-lead = Остатки на конец каждого дня по ежедневным снимкам книги учёта: долг клиентов, наш долг исполнителям, доход компании нарастающим итогом и деньги в Golden Hat.
balances-empty-title = За этот период снимков нет
balances-empty-text = Снимок делается каждую ночь; выберите период, где они есть.
balances-day = День
balances-clients-owe = Долг клиентов
balances-clients-credit = Переплата клиентов
balances-workers-owed = Долг исполнителям
balances-income = Доход компании нарастающим итогом
balances-gateway = В Golden Hat
balances-last = Последний
# $what is the name of the figure charted.
balances-chart-desc = { $what } на конец каждого дня периода.
consumption-title = Расход материалов
consumption-lead = Сколько материалов ушло на работы: уложено в комплекты и выдано дополнительно, за вычетом возвращённого.
consumption-by = Группировать
consumption-by-consumable = По материалам
consumption-by-service = По услугам
consumption-by-worker = По исполнителям
consumption-item = Материал
consumption-used = Израсходовано
consumption-jobs = Работ
# Один график на единицу: $unit — слово склада («флакон», «штука»).
consumption-chart-items = Расход каждого материала (единица: { $unit })
consumption-chart-groups = Израсходовано (единица: { $unit })
consumption-empty-title = За этот период ничего не израсходовано
consumption-empty-text = Здесь появятся комплекты, собранные для работ за период.
balances-link = Остатки на конец дня
consumption-link = Расход материалов
