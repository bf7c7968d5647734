# Диспетчерская доска менеджеров (/manage/schedule).
dispatch-nav = Расписание
dispatch-title = Диспетчерская доска
dispatch-rows = Исполнители и их заказы
dispatch-bad-view = Такой вид неизвестен; показана неделя.
dispatch-bad-date = Не удалось прочитать дату; показан сегодняшний день.
dispatch-bad-skill = Такой навык неизвестен; показаны все навыки.
dispatch-bad-status = Такой статус неизвестен; показаны все статусы.
dispatch-bad-page = Не удалось прочитать номер страницы; показана первая.
dispatch-view = Вид
dispatch-view-week = Неделя
dispatch-view-day = День
dispatch-date = Дата
dispatch-skill = Навык
dispatch-any = Любой
dispatch-status = Статус
dispatch-area = Район (часть адреса)
dispatch-show = Показать
dispatch-period = Период
dispatch-earlier = Раньше
dispatch-today = Сегодня
dispatch-later = Позже
dispatch-legend = Обозначения
dispatch-offered-mark = предложен, ждёт ответа
dispatch-overlap = пересекается с другим заказом
dispatch-outside-hours = вне рабочих часов
dispatch-no-workers = Нет активных исполнителей под эти фильтры.
dispatch-off-duty = не на смене
dispatch-day-off = Выходной
dispatch-free = Свободен
dispatch-give = Предложить или назначить
dispatch-worker = Исполнитель
dispatch-offer = Предложить
dispatch-assign = Назначить
dispatch-change-time = Изменить время
dispatch-drop-how = Заказ, перетащенный на исполнителя,
flash-dispatch-choose-worker = Выберите исполнителя, которому предложить или назначить заказ.
dispatch-open-title = { $count ->
    [one] { $count } заказ ждёт исполнителя
    [few] { $count } заказа ждут исполнителя
    [many] { $count } заказов ждут исполнителя
   *[other] { $count } заказа ждут исполнителя
}
dispatch-open-none = У каждого заказа в этом периоде есть исполнитель.
