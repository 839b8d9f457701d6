CREATE SEQUENCE "public"."orders_receipt_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"owner_id" text,
	"currency" text NOT NULL,
	"normal_side" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_accounts_id_currency_key" UNIQUE("id","currency")
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"transfer_id" text NOT NULL,
	"account_id" text NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_entries_amount_nonzero" CHECK ("ledger_entries"."amount_minor" <> 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_transfers" (
	"id" text PRIMARY KEY NOT NULL,
	"idempotency_key" text NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"reference_type" text,
	"reference_id" text,
	"metadata" jsonb NOT NULL,
	"posted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pricing_fx_pairs" (
	"base" text NOT NULL,
	"quote" text NOT NULL,
	"mode" text NOT NULL,
	"markup_bps" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text,
	CONSTRAINT "pricing_fx_pairs_base_quote_pk" PRIMARY KEY("base","quote")
);
--> statement-breakpoint
CREATE TABLE "pricing_fx_rates" (
	"id" text PRIMARY KEY NOT NULL,
	"base" text NOT NULL,
	"quote" text NOT NULL,
	"rate" text NOT NULL,
	"source" text NOT NULL,
	"source_name" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pricing_method_fees" (
	"method" text PRIMARY KEY NOT NULL,
	"percent_bps" integer NOT NULL,
	"fixed_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pricing_quotes" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"items" jsonb NOT NULL,
	"method" text NOT NULL,
	"currency" text NOT NULL,
	"subtotal_minor" bigint NOT NULL,
	"discount_minor" bigint NOT NULL,
	"fee_minor" bigint NOT NULL,
	"fee_waived_minor" bigint NOT NULL,
	"tax_minor" bigint NOT NULL,
	"total_minor" bigint NOT NULL,
	"charge_currency" text NOT NULL,
	"charge_amount_minor" bigint NOT NULL,
	"fx_rate" text,
	"fx_source" text,
	"fx_source_name" text,
	"fx_as_of" timestamp with time zone,
	"fx_locked" boolean NOT NULL,
	"estimate_currency" text,
	"estimate_amount_minor" bigint,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "pricing_quotes_total_positive" CHECK ("pricing_quotes"."total_minor" > 0 and "pricing_quotes"."charge_amount_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "orders_transitions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "orders_transitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"cause" text NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders_orders" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"quote_id" text NOT NULL,
	"status" text NOT NULL,
	"product" text NOT NULL,
	"delivery" jsonb NOT NULL,
	"method" text NOT NULL,
	"currency" text NOT NULL,
	"total_minor" bigint NOT NULL,
	"charge_currency" text NOT NULL,
	"charge_amount_minor" bigint NOT NULL,
	"refunded_minor" bigint NOT NULL,
	"receipt_number" text,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_transfer_id_ledger_transfers_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."ledger_transfers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_account_currency_fk" FOREIGN KEY ("account_id","currency") REFERENCES "public"."ledger_accounts"("id","currency") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders_transitions" ADD CONSTRAINT "orders_transitions_order_id_orders_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_code_idx" ON "ledger_accounts" USING btree ("code");--> statement-breakpoint
CREATE INDEX "ledger_accounts_owner_idx" ON "ledger_accounts" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_account_idx" ON "ledger_entries" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "ledger_entries_transfer_idx" ON "ledger_entries" USING btree ("transfer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transfers_idempotency_idx" ON "ledger_transfers" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "ledger_transfers_reference_idx" ON "ledger_transfers" USING btree ("reference_id");--> statement-breakpoint
CREATE INDEX "pricing_fx_rates_pair_idx" ON "pricing_fx_rates" USING btree ("base","quote","source","as_of");--> statement-breakpoint
CREATE INDEX "pricing_quotes_customer_idx" ON "pricing_quotes" USING btree ("customer_id","id");--> statement-breakpoint
CREATE INDEX "orders_transitions_order_idx" ON "orders_transitions" USING btree ("order_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_orders_quote_idx" ON "orders_orders" USING btree ("quote_id");--> statement-breakpoint
CREATE INDEX "orders_orders_customer_idx" ON "orders_orders" USING btree ("customer_id","id");--> statement-breakpoint
CREATE INDEX "orders_orders_status_idx" ON "orders_orders" USING btree ("status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_orders_receipt_idx" ON "orders_orders" USING btree ("receipt_number");--> statement-breakpoint
CREATE FUNCTION "ledger_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "ledger_transfers_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "ledger_transfers" FOR EACH STATEMENT EXECUTE FUNCTION "ledger_append_only"();
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "ledger_entries" FOR EACH STATEMENT EXECUTE FUNCTION "ledger_append_only"();
--> statement-breakpoint
CREATE TRIGGER "orders_transitions_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "orders_transitions" FOR EACH STATEMENT EXECUTE FUNCTION "ledger_append_only"();
--> statement-breakpoint
CREATE FUNCTION "ledger_check_transfer_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  unbalanced text;
BEGIN
  SELECT "currency" INTO unbalanced FROM "ledger_entries"
    WHERE "transfer_id" = NEW."transfer_id" GROUP BY "currency" HAVING sum("amount_minor") <> 0 LIMIT 1;
  IF unbalanced IS NOT NULL THEN
    RAISE EXCEPTION 'ledger transfer % does not balance in %', NEW."transfer_id", unbalanced;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "ledger_entries_balanced" AFTER INSERT ON "ledger_entries" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "ledger_check_transfer_balanced"();
--> statement-breakpoint
INSERT INTO "pricing_method_fees" ("method", "percent_bps", "fixed_minor", "currency", "updated_at") VALUES
  ('card', 290, 30, 'USD', now()),
  ('apple_pay', 290, 30, 'USD', now()),
  ('alipay', 220, 0, 'USD', now()),
  ('wechat_pay', 220, 0, 'USD', now()),
  ('paypal', 349, 49, 'USD', now()),
  ('wallet', 0, 0, 'USD', now());
--> statement-breakpoint
INSERT INTO "pricing_fx_pairs" ("base", "quote", "mode", "markup_bps", "updated_at") VALUES ('USD', 'CNY', 'feed', 100, now());
