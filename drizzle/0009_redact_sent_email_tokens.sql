-- Data only, no schema change: emails sent before this version kept their one-time tokens (verification, reset and
-- staff set-password links) in the stored copy. Redact them the way the worker now does after each SMTP hand-off
-- (src/modules/notifications/service.ts, redactOneTimeTokens). Queued emails keep theirs until they are sent.
UPDATE "notifications_emails"
SET "body_text" = regexp_replace("body_text", '([?&;]token=)[A-Za-z0-9_-]+', '\1REDACTED', 'g'),
    "body_html" = regexp_replace("body_html", '([?&;]token=)[A-Za-z0-9_-]+', '\1REDACTED', 'g')
WHERE "status" = 'sent' AND ("body_text" ~ '[?&;]token=' OR "body_html" ~ '[?&;]token=');
