# Расписание: перенос заказа на другое время.

event-reschedule-untimed = Перенесён на другое время
event-reschedule = Перенесён с { $from } на { $to }
refuse-move-not-now = Этот заказ уже нельзя перенести: работа началась или заказ закрыт.
refuse-move-kit-taken = Комплект уже у исполнителя, а в новое время он занят: сначала менеджер должен передать работу.
move-link = Перенести на другое время
move-title = Перенос заказа №{ $id }
move-now = Сейчас: { $when }
# $minutes and $days read as figures ("не раньше чем через 120 мин").
move-rules = Выберите новые дату и время: не раньше чем через { $minutes } мин, в пределах { $days } дн., с началом и окончанием между { $opens } и { $closes }. Цена не меняется.
move-worker-note = Ваш исполнитель { $worker } сохранит визит, если свободен в новое время; иначе мы найдём другого.
move-worker-note-staff = { $worker } сохранит работу, если свободен в новое время (часы, другие работы, дневной лимит); иначе заказ вернётся в подбор.
# $hours and $percent are figures.
move-late-fee = До визита меньше { $hours } ч: перенос сейчас стоит { $fee } ({ $percent }% цены), как и отмена.
move-fee-confirm = Я согласен заплатить { $fee } за перенос
move-no-fee-staff = Перенос менеджером бесплатен.
move-submit = Перенести заказ
err-move-same-time = Это текущее время заказа. Выберите другое.
err-move-fee-confirm = Подтвердите плату, чтобы перенести заказ.
flash-order-moved = Заказ перенесён.
flash-order-moved-rematched = Заказ перенесён. Исполнитель в это время занят, мы ищем другого.
notif-order-moved-title = Заказ №{ $id } перенесён
# $reminder_hours is a figure ("24 ч"): the hours before a visit its reminder comes.
notif-order-moved-body = «{ $service }» теперь { $when }.{ $reminder ->
        [at] { " " }Напомним о визите { $remind_at }.
        [none] { " " }Напоминания не будет: до визита меньше { $reminder_hours } ч.
       *[other] { "" }
    }
notif-order-moved-pref = Ваш заказ перенесён на другое время
notif-job-moved-title = Работа №{ $id } перенесена
notif-job-moved-body = «{ $service }» теперь { $when }. Работа остаётся за вами.
notif-job-moved-pref = Ваша работа перенесена на другое время
notif-job-moved-away-title = Работа №{ $id } перенесена на время, когда вы заняты
notif-job-moved-away-body = «{ $service }» перенесена на { $when }, когда вы заняты: её передадут другому исполнителю. От вас ничего не требуется.
notif-job-moved-away-pref = Работа перенесена на время, когда вы заняты
notif-order-moved-unplaced-title = Заказ №{ $id } перенесён, нужен исполнитель
notif-order-moved-unplaced-body = «{ $service }» перенесён на { $when }; исполнитель в это время занят, заказ снова в подборе.
notif-order-moved-unplaced-pref = Заказы, перенесённые без исполнителя
