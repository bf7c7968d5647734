-- The arguments a notification was written with, so the list can show it again in the
-- reader's current language after they switch (older rows keep their stored text).
ALTER TABLE notifications ADD COLUMN args_json TEXT;
