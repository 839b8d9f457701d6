CREATE TABLE "payments_payments" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"provider" text NOT NULL,
	"method" text NOT NULL,
	"status" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"refunded_minor" bigint NOT NULL,
	"provider_idempotency_key" text NOT NULL,
	"provider_payment_id" text,
	"next_action" jsonb,
	"method_display" jsonb,
	"failure_code" text,
	"decline_code" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"succeeded_at" timestamp with time zone,
	"checked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payments_provider_events" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"provider_type" text NOT NULL,
	"provider_payment_id" text,
	"payment_id" text,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone,
	"outcome" text
);
--> statement-breakpoint
CREATE TABLE "payments_refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"payment_id" text NOT NULL,
	"order_id" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"destination" text NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"requested_by" text NOT NULL,
	"provider_refund_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "payments_payments_order_idx" ON "payments_payments" USING btree ("order_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_payments_provider_id_idx" ON "payments_payments" USING btree ("provider","provider_payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_payments_one_in_flight_idx" ON "payments_payments" USING btree ("order_id") WHERE "payments_payments"."status" in ('creating', 'requires_action', 'processing');--> statement-breakpoint
CREATE INDEX "payments_payments_open_idx" ON "payments_payments" USING btree ("status","updated_at") WHERE "payments_payments"."status" in ('creating', 'requires_action', 'processing');--> statement-breakpoint
CREATE UNIQUE INDEX "payments_provider_events_event_idx" ON "payments_provider_events" USING btree ("provider","event_id");--> statement-breakpoint
CREATE INDEX "payments_provider_events_payment_idx" ON "payments_provider_events" USING btree ("payment_id","received_at");--> statement-breakpoint
CREATE INDEX "payments_refunds_order_idx" ON "payments_refunds" USING btree ("order_id","id");