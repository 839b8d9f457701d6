ALTER TABLE "identity_staff" ADD COLUMN "locale" text;
