CREATE TABLE "kernel_idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"request_hash" text NOT NULL,
	"state" text NOT NULL,
	"response_status" integer,
	"response_body" jsonb,
	"response_headers" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kernel_idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "catalog_carriers" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" jsonb NOT NULL,
	"kind" text NOT NULL,
	"host_carrier_id" text,
	"country_code" text NOT NULL,
	"website" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "catalog_carriers_slug_unique" UNIQUE("slug"),
	CONSTRAINT "catalog_carriers_kind_host" CHECK (("catalog_carriers"."kind" = 'mvno') = ("catalog_carriers"."host_carrier_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "catalog_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"carrier_id" text,
	"category" text NOT NULL,
	"sim_types" text[] NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"data_quota_mb" integer NOT NULL,
	"unlimited_data" boolean NOT NULL,
	"speed_after_quota_kbps" integer,
	"validity_period" text NOT NULL,
	"validity_days" integer NOT NULL,
	"voice_minutes" integer,
	"unlimited_voice" boolean NOT NULL,
	"sms_count" integer,
	"unlimited_sms" boolean NOT NULL,
	"countries" text[] NOT NULL,
	"coverage_region" text NOT NULL,
	"shareable_devices" integer NOT NULL,
	"price_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "catalog_plans_slug_unique" UNIQUE("slug"),
	CONSTRAINT "catalog_plans_price_nonnegative" CHECK ("catalog_plans"."price_minor" >= 0),
	CONSTRAINT "catalog_plans_quota_nonnegative" CHECK ("catalog_plans"."data_quota_mb" >= 0),
	CONSTRAINT "catalog_plans_unlimited_has_speed" CHECK (not "catalog_plans"."unlimited_data" or "catalog_plans"."speed_after_quota_kbps" is not null),
	CONSTRAINT "catalog_plans_devices_positive" CHECK ("catalog_plans"."shareable_devices" >= 1),
	CONSTRAINT "catalog_plans_validity_positive" CHECK ("catalog_plans"."validity_days" >= 1)
);
--> statement-breakpoint
ALTER TABLE "catalog_plans" ADD CONSTRAINT "catalog_plans_carrier_id_catalog_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."catalog_carriers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kernel_idempotency_keys_expires_idx" ON "kernel_idempotency_keys" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "catalog_plans_carrier_idx" ON "catalog_plans" USING btree ("carrier_id");