CREATE TABLE "catalog_operators" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"provider_operator_id" text NOT NULL,
	"name" text NOT NULL,
	"country_iso" text NOT NULL,
	"carrier_id" text,
	"kind" text NOT NULL,
	"denomination_type" text NOT NULL,
	"min_amount_minor" integer,
	"max_amount_minor" integer,
	"currency" text NOT NULL,
	"discount_bps" integer NOT NULL,
	"logo_url" text,
	"active" boolean NOT NULL,
	"synced_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_topup_products" (
	"id" text PRIMARY KEY NOT NULL,
	"operator_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" jsonb NOT NULL,
	"provider_description" text,
	"face_amount_minor" integer,
	"currency" text NOT NULL,
	"markup_bps" integer NOT NULL,
	"validity_days" integer,
	"data_quota_mb" integer,
	"unlimited_data" boolean NOT NULL,
	"plan_id" text,
	"eta_minutes" integer NOT NULL,
	"active" boolean NOT NULL,
	"listed" boolean NOT NULL,
	"synced_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "catalog_topup_products_markup_nonnegative" CHECK ("catalog_topup_products"."markup_bps" >= 0),
	CONSTRAINT "catalog_topup_products_eta_nonnegative" CHECK ("catalog_topup_products"."eta_minutes" >= 0),
	CONSTRAINT "catalog_topup_products_face_positive" CHECK ("catalog_topup_products"."face_amount_minor" is null or "catalog_topup_products"."face_amount_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "lines_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"phone" text NOT NULL,
	"country_iso" text NOT NULL,
	"nickname" text,
	"operator_id" text,
	"operator_source" text NOT NULL,
	"iccid" text,
	"device" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "provisioning_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"line_id" text,
	"product_id" text NOT NULL,
	"kind" text NOT NULL,
	"provider" text NOT NULL,
	"provider_operator_id" text NOT NULL,
	"recipient" text NOT NULL,
	"country_iso" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer NOT NULL,
	"custom_identifier" text NOT NULL,
	"provider_transaction_id" text,
	"next_check_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"last_error_code" text,
	"cost_minor" bigint,
	"result" jsonb,
	"eta_minutes" integer NOT NULL,
	"spec" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "provisioning_deliveries_order_id_unique" UNIQUE("order_id"),
	CONSTRAINT "provisioning_deliveries_custom_identifier_unique" UNIQUE("custom_identifier"),
	CONSTRAINT "provisioning_deliveries_amount_positive" CHECK ("provisioning_deliveries"."amount_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "provisioning_delivery_events" (
	"id" text PRIMARY KEY NOT NULL,
	"delivery_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"attempt" integer NOT NULL,
	"custom_identifier" text NOT NULL,
	"provider_code" text,
	"detail" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provisioning_float_readings" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"alerted" boolean NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provisioning_mismatches" (
	"id" text PRIMARY KEY NOT NULL,
	"reconciliation_id" text NOT NULL,
	"kind" text NOT NULL,
	"custom_identifier" text NOT NULL,
	"delivery_id" text,
	"order_id" text,
	"provider_transaction_id" text,
	"simfill" jsonb,
	"reported" jsonb,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"resolution" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provisioning_reconciliations" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"day" text NOT NULL,
	"status" text NOT NULL,
	"provider_transactions" integer NOT NULL,
	"simfill_deliveries" integer NOT NULL,
	"matched" integer NOT NULL,
	"mismatches" integer NOT NULL,
	"pages_read" integer NOT NULL,
	"pages_total" integer,
	"started_by" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"failure" text
);
--> statement-breakpoint
ALTER TABLE "catalog_operators" ADD CONSTRAINT "catalog_operators_carrier_id_catalog_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."catalog_carriers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_topup_products" ADD CONSTRAINT "catalog_topup_products_operator_id_catalog_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."catalog_operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_topup_products" ADD CONSTRAINT "catalog_topup_products_plan_id_catalog_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."catalog_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_operators_provider_id_idx" ON "catalog_operators" USING btree ("provider","provider_operator_id");--> statement-breakpoint
CREATE INDEX "catalog_operators_carrier_idx" ON "catalog_operators" USING btree ("carrier_id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_topup_products_denomination_idx" ON "catalog_topup_products" USING btree ("operator_id","face_amount_minor");--> statement-breakpoint
CREATE UNIQUE INDEX "lines_lines_customer_phone_idx" ON "lines_lines" USING btree ("customer_id","phone") WHERE "lines_lines"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "lines_lines_phone_idx" ON "lines_lines" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "provisioning_deliveries_due_idx" ON "provisioning_deliveries" USING btree ("next_check_at") WHERE "provisioning_deliveries"."next_check_at" is not null;--> statement-breakpoint
CREATE INDEX "provisioning_deliveries_recipient_idx" ON "provisioning_deliveries" USING btree ("recipient","created_at");--> statement-breakpoint
CREATE INDEX "provisioning_deliveries_line_idx" ON "provisioning_deliveries" USING btree ("line_id","created_at");--> statement-breakpoint
CREATE INDEX "provisioning_delivery_events_delivery_idx" ON "provisioning_delivery_events" USING btree ("delivery_id","id");--> statement-breakpoint
CREATE INDEX "provisioning_float_readings_provider_idx" ON "provisioning_float_readings" USING btree ("provider","at");--> statement-breakpoint
CREATE INDEX "provisioning_mismatches_reconciliation_idx" ON "provisioning_mismatches" USING btree ("reconciliation_id","id");--> statement-breakpoint
CREATE INDEX "provisioning_reconciliations_day_idx" ON "provisioning_reconciliations" USING btree ("provider","day");