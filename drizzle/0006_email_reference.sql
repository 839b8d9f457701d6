ALTER TABLE "notifications_emails" ADD COLUMN "reference_id" text;--> statement-breakpoint
CREATE INDEX "notifications_emails_reference_idx" ON "notifications_emails" USING btree ("reference_id");