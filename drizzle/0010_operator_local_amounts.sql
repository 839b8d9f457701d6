ALTER TABLE "catalog_operators" ADD COLUMN "supports_local_amounts" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_operators" ADD COLUMN "local_min_amount_minor" integer;--> statement-breakpoint
ALTER TABLE "catalog_operators" ADD COLUMN "local_max_amount_minor" integer;--> statement-breakpoint
ALTER TABLE "catalog_operators" ADD COLUMN "fx_rate" text;