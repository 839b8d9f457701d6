CREATE TABLE "payments_provider_customers" (
	"customer_id" text NOT NULL,
	"provider" text NOT NULL,
	"provider_customer_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "payments_provider_customers_idx" ON "payments_provider_customers" USING btree ("customer_id","provider");