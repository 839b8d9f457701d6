ALTER TABLE "lines_lines" ALTER COLUMN "phone" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "lines_lines" ADD COLUMN "kind" text DEFAULT 'sim' NOT NULL;--> statement-breakpoint
ALTER TABLE "lines_lines" ADD COLUMN "esim_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "lines_lines_esim_idx" ON "lines_lines" USING btree ("esim_id");