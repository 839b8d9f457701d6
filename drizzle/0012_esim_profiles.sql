CREATE TABLE "esim_events" (
	"id" text PRIMARY KEY NOT NULL,
	"esim_order_id" text,
	"profile_id" text,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"provider_code" text,
	"detail" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "esim_orders" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"package_id" text NOT NULL,
	"profile_id" text,
	"iccid" text,
	"spec" jsonb NOT NULL,
	"reference" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer NOT NULL,
	"provider_order_id" text,
	"provider_code" text,
	"cost_minor" integer,
	"cost_currency" text,
	"next_check_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "esim_orders_order_id_unique" UNIQUE("order_id"),
	CONSTRAINT "esim_orders_topup_has_profile" CHECK ("esim_orders"."kind" = 'new' or "esim_orders"."profile_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "esim_packages" (
	"id" text PRIMARY KEY NOT NULL,
	"profile_id" text NOT NULL,
	"esim_order_id" text NOT NULL,
	"kind" text NOT NULL,
	"package_id" text NOT NULL,
	"spec" jsonb NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "esim_packages_esim_order_id_unique" UNIQUE("esim_order_id")
);
--> statement-breakpoint
CREATE TABLE "esim_inventory" (
	"iccid" text PRIMARY KEY NOT NULL,
	"profile_type" text NOT NULL,
	"state" text NOT NULL,
	"esim_order_id" text,
	"imported_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "esim_inventory_esim_order_id_unique" UNIQUE("esim_order_id")
);
--> statement-breakpoint
CREATE TABLE "esim_profiles" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"line_id" text,
	"order_id" text NOT NULL,
	"source" text NOT NULL,
	"provider_sim_id" text,
	"iccid" text NOT NULL,
	"activation_code" text NOT NULL,
	"confirmation_code_required" boolean DEFAULT false NOT NULL,
	"eid" text,
	"install_state" text NOT NULL,
	"install_state_at" timestamp with time zone NOT NULL,
	"provider_status" text,
	"usage_total_mb" integer,
	"usage_remaining_mb" integer,
	"usage_unlimited" boolean DEFAULT false NOT NULL,
	"usage_expires_at" timestamp with time zone,
	"usage_observed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "esim_profiles_order_id_unique" UNIQUE("order_id"),
	CONSTRAINT "esim_profiles_iccid_unique" UNIQUE("iccid")
);
--> statement-breakpoint
ALTER TABLE "catalog_plans" ADD COLUMN "esim_source" text;--> statement-breakpoint
ALTER TABLE "catalog_plans" ADD COLUMN "esim_package_id" text;--> statement-breakpoint
CREATE INDEX "esim_events_order_idx" ON "esim_events" USING btree ("esim_order_id","at");--> statement-breakpoint
CREATE INDEX "esim_events_profile_idx" ON "esim_events" USING btree ("profile_id","at");--> statement-breakpoint
CREATE INDEX "esim_orders_due_idx" ON "esim_orders" USING btree ("next_check_at") WHERE "esim_orders"."status" in ('queued', 'sending', 'unknown');--> statement-breakpoint
CREATE INDEX "esim_packages_profile_idx" ON "esim_packages" USING btree ("profile_id","added_at");--> statement-breakpoint
CREATE INDEX "esim_inventory_available_idx" ON "esim_inventory" USING btree ("profile_type","state");--> statement-breakpoint
CREATE INDEX "esim_profiles_customer_idx" ON "esim_profiles" USING btree ("customer_id","created_at");--> statement-breakpoint
ALTER TABLE "catalog_plans" ADD CONSTRAINT "catalog_plans_esim_source_package" CHECK (("catalog_plans"."esim_source" is null) = ("catalog_plans"."esim_package_id" is null));