# Reminders before a visit: to the client and to the worker, and the line on the order pages.
notif-visit-reminder-title = Напоминание: скоро заказ №{ $id }
notif-visit-reminder-body = { $service }, { $when }, { $address }. Пожалуйста, будьте дома в это время, а если исполнителю понадобится код домофона или другие указания, как попасть к вам, оставьте их в заказе.
notif-visit-reminder-pref = Напоминания перед визитом
notif-job-reminder-title = Напоминание: скоро работа №{ $id }
notif-job-reminder-body = { $service }, { $when }, { $address }. Подробности и набор — на странице работы.
notif-job-reminder-pref = Напоминания перед работой

order-reminder-at = Напоминание: { $when }
order-reminder-sent = Напоминание отправлено { $when }
# $hours is a figure ("24 ч").
order-reminder-none = Напоминания не будет: визит заказан меньше чем за { $hours } ч
